import { closeSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the benchmarks share: percentiles, a timed loop, and the state of the store's folder. */

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
}

export function stats(samples: readonly number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Number(s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(3));
  return { p50: at(0.5), p95: at(0.95) };
}

/** Runs `run` `warmup` times untimed, then `iterations` times timed, one after another. */
export async function timed(
  run: () => Promise<unknown>,
  options: { readonly warmup: number; readonly iterations: number },
): Promise<Percentiles> {
  for (let i = 0; i < options.warmup; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

/**
 * Before a reading: the loader's writes flushed to disk (an fsync of each file of the store), so the
 * kernel's write-back of what was just written does not land inside one reading and not the other.
 */
export function quiesce(dir: string): void {
  for (const f of readdirSync(dir)) {
    const fd = openSync(join(dir, f), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

export function dirMB(dir: string): number {
  let bytes = 0;
  for (const f of readdirSync(dir)) bytes += statSync(join(dir, f)).size;
  return Math.round(bytes / 1024 / 1024);
}
