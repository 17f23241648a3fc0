import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../cloudfunctions/shared/clock';
import { signLocalToken } from '../cloudfunctions/shared/identity';
import { openEmbeddedStore } from '../cloudfunctions/shared/store/embedded';
import { countingStore, type Doc } from '../cloudfunctions/shared/store/port';
import { buildGateway } from '../server/app';
import { loadVillage, pool } from '../scripts/load-village';
import { seedDemo } from '../scripts/seed-demo';

/**
 * bench/vote: casting ballots through the gateway (HTTP on 127.0.0.1) at 50 and 500 concurrent
 * clients, against the ceiling of the raw embedded store's own insert rate measured in the same
 * run, on the same disk, with the same durability (fsync per commit unless XZ_DURABILITY=normal).
 * The load comes from a second process over keep-alive HTTP, as phones would. Prints JSON.
 * Bounded: a few thousand requests, all on loopback.
 */
interface RawBallot extends Doc {
  readonly motionId: string;
  readonly castAt: number;
  readonly receipt: string;
}

const ELECTORS = Number(process.env.BENCH_ELECTORS ?? 3000);
const durability = process.env.XZ_DURABILITY === 'normal' ? 'normal' : 'full';

/** Runs the load generator in its own process (the gateway keeps this one's event loop to itself). */
function runClient(job: {
  url: string;
  motionId: string;
  tokens: string[];
  clients: number;
}): Promise<{ seconds: number; latenciesMs: number[]; failed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'vote-client.ts')],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { seconds: number; latenciesMs: number[]; failed: number })
        : reject(new Error(`client exited ${code}`)),
    );
    child.stdin.end(JSON.stringify(job));
  });
}

function percentile(sorted: number[], p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

async function ceiling(dir: string, clients: number): Promise<number> {
  const store = openEmbeddedStore({ dir, durability, fileName: 'raw.sqlite', collections: { raw: { indexes: [] } } });
  await store.ensureSchema();
  const jobs = Array.from(
    { length: ELECTORS },
    (_, i) => () => store.insert<RawBallot>('raw', { _id: `r${i}`, motionId: 'm', castAt: i, receipt: 'XXXX-XXXX' }),
  );
  const t0 = performance.now();
  await pool(jobs, clients);
  const perSecond = ELECTORS / ((performance.now() - t0) / 1000);
  await store.close();
  return Math.round(perSecond);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xz-bench-vote-'));
  const secret = 'bench-secret';
  const inner = openEmbeddedStore({ dir, durability });
  await inner.ensureSchema();
  const now = systemClock.now();
  await seedDemo(inner, now);
  const { store, counts } = countingStore(inner);
  const app = await buildGateway({ store, clock: systemClock, tokenSecret: secret, devRoutes: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/votes`;
  const post = async (token: string, body: unknown) =>
    (await (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      })
    ).json()) as {
      ok: boolean;
      data?: { id?: string };
      error?: { code: string };
    };

  const runs = [];
  for (const clients of [50, 500]) {
    const rawPerSecond = await ceiling(dir, clients);
    rmSync(join(dir, 'raw.sqlite'), { force: true });
    const { villagerIds, committeeId } = await loadVillage(inner, `vil-bench-${clients}`, ELECTORS, now);
    const token = (id: string) => signLocalToken(secret, id, now);
    const opened = await post(token(committeeId), {
      action: 'votes.open',
      question: `压力测试 ${clients}`,
      kind: 'yesNo',
      body: 'adults',
      category: 'publicWelfare',
      opensAt: Date.now() + 300,
      closesAt: now + 3600_000,
      mode: 'secret',
      urgent: true,
      urgentReason: '基准测试',
    });
    const motionId = opened.data?.id;
    if (!motionId) throw new Error(`could not open the motion: ${JSON.stringify(opened)}`);
    await new Promise((r) => setTimeout(r, 400)); // until it opens
    const before = { ...counts };
    const { seconds, latenciesMs, failed } = await runClient({
      url,
      motionId,
      tokens: villagerIds.map(token),
      clients,
    });
    const latencies = [...latenciesMs].sort((a, b) => a - b);
    const perSecond = Math.round(ELECTORS / seconds);
    runs.push({
      concurrentClients: clients,
      ballots: ELECTORS,
      failed,
      ballotsPerSecond: perSecond,
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      ceiling: {
        name: 'raw embedded-store inserts/s, same run, same durability, same concurrency',
        perSecond: rawPerSecond,
      },
      ratioToCeiling: Number((perSecond / rawPerSecond).toFixed(3)),
      storeOpsPerBallot: {
        reads: Number(((counts.reads - before.reads) / ELECTORS).toFixed(2)),
        writes: Number(((counts.writes - before.writes) / ELECTORS).toFixed(2)),
      },
    });
  }
  await app.close();
  await inner.close();
  rmSync(dir, { recursive: true, force: true });
  const at50 = runs[0];
  console.log(
    JSON.stringify(
      {
        bench: 'vote',
        durability,
        electorsPerRun: ELECTORS,
        runs,
        target: { ratioToCeilingAtLeast: 0.5, p99MsAt50Below: 50 },
        meetsTarget: at50.ratioToCeiling >= 0.5 && at50.latencyMs.p99 < 50,
      },
      null,
      2,
    ),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
