import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../cloudfunctions/shared/store/embedded';
import type { Doc } from '../../cloudfunctions/shared/store/port';
import { CONTRACT_COLLECTIONS, describeStoreContract } from './store-contract';

const ROOT = join(__dirname, '..', '..');

function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'xz-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeStoreContract(
  'embedded (SQLite on disk)',
  async () => {
    const { dir, remove } = tempDir();
    const store = openEmbeddedStore({ dir, durability: 'normal', collections: CONTRACT_COLLECTIONS });
    await store.ensureSchema();
    return {
      store,
      cleanup: async () => {
        await store.close();
        remove();
      },
    };
  },
  { serializesTransactions: true },
);

describe('embedded store on disk', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('keeps its data across close and reopen', async () => {
    const first = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS });
    await first.ensureSchema();
    await first.insert<Doc & { n: number }>('things', { _id: 'kept', n: 1 });
    await first.transaction(async (tx) => {
      await tx.inc('things', 'kept', { n: 1 });
      await tx.insert<Doc & { n: number }>('things', { _id: 'also', n: 2 });
    });
    await first.close();

    const second = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS });
    await second.ensureSchema();
    expect(await second.get('things', 'kept')).toEqual({ _id: 'kept', n: 2, version: 2 });
    expect(await second.count('things', {})).toBe(2);
    await second.close();
  });

  it('leaves every transaction whole or absent after a SIGKILL', async () => {
    const child = spawn(
      process.execPath,
      ['--require', 'tsx/cjs', join(ROOT, 'tests/helpers/crash-writer.ts'), tmp.dir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    // Kill mid-stream: some transactions done, one most likely half-way through its writes.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        if (c.toString().includes('ready')) resolve();
      });
      void exited.then(() => reject(new Error(`writer exited early: ${stderr}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 150)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const store = openEmbeddedStore({ dir: tmp.dir, collections: { pairs: { indexes: [] } } });
    const docs = await store.find<Doc & { i?: number; n?: number }>('pairs', {}, { limit: 10_000 });
    await store.close();
    const counter = docs.find((d) => d._id === 'counter');
    const halves = new Map<number, number>();
    for (const d of docs) if (typeof d.i === 'number') halves.set(d.i, (halves.get(d.i) ?? 0) + 1);
    const incomplete = [...halves].filter(([, n]) => n !== 2);
    expect(incomplete).toEqual([]);
    expect(halves.size).toBeGreaterThan(20);
    // The counter was incremented in the same transactions: it matches the pairs exactly.
    expect(counter?.n).toBe(halves.size);
    // Pairs are numbered in order, so whole transactions form a prefix with no gaps.
    expect(Math.max(...halves.keys())).toBe(halves.size - 1);
  }, 20_000);
});
