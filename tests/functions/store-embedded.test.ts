import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexSpec } from '../../cloudfunctions/shared/store/collections';
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

describeStoreContract(
  'embedded with background checkpoints (as the gateway opens it)',
  async () => {
    const { dir, remove } = tempDir();
    const store = openEmbeddedStore({
      dir,
      durability: 'full',
      backgroundIo: true,
      collections: CONTRACT_COLLECTIONS,
    });
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

  it('drops an index its collections no longer name, keeps the rest and the data', async () => {
    const indexesOf = (table: string): string[] => {
      const db = new Database(join(tmp.dir, 'store.sqlite'), { readonly: true });
      try {
        return (
          db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
            .all(table) as Array<{ name: string }>
        )
          .map((r) => r.name)
          .sort();
      } finally {
        db.close();
      }
    };
    const byA: IndexSpec = { name: 'by_a', fields: [['a', 1]] };
    const byB: IndexSpec = { name: 'by_b', fields: [['b', 1]] };
    const first = openEmbeddedStore({ dir: tmp.dir, collections: { things: { indexes: [byA, byB] } } });
    await first.ensureSchema();
    await first.insert<Doc & { a: number; b: number }>('things', { _id: 'x', a: 1, b: 2 });
    await first.close();
    // An index somebody made by hand is not ours to drop.
    const db = new Database(join(tmp.dir, 'store.sqlite'));
    db.exec(`CREATE INDEX by_hand ON c_things (json_extract(doc, '$.b'))`);
    db.close();
    expect(indexesOf('c_things')).toEqual(['by_hand', 'ix_things_by_a', 'ix_things_by_b']);

    const second = openEmbeddedStore({ dir: tmp.dir, collections: { things: { indexes: [byA] } } });
    await second.ensureSchema();
    expect(await second.find('things', { b: 2 })).toEqual([{ _id: 'x', a: 1, b: 2, version: 1 }]);
    await second.close();
    expect(indexesOf('c_things')).toEqual(['by_hand', 'ix_things_by_a']);
  });

  it.each([
    ['one stream of transactions', 1],
    ['eight streams sharing commits, checkpointed in the background', 8],
  ])(
    'leaves every transaction whole or absent after a SIGKILL: %s',
    async (_name, streams) => {
      const child = spawn(
        process.execPath,
        ['--require', 'tsx/cjs', join(ROOT, 'tests/helpers/crash-writer.ts'), tmp.dir, String(streams)],
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
      // Each stream numbers its pairs in order and waits for each commit before the next, so its
      // whole transactions form a prefix with no gaps.
      for (let s = 0; s < streams; s++) {
        const mine = [...halves.keys()].filter((i) => Math.floor(i / 1_000_000) === s).map((i) => i % 1_000_000);
        if (mine.length > 0) expect(Math.max(...mine)).toBe(mine.length - 1);
      }
    },
    20_000,
  );

  it('shares one commit among transactions that queue together, and refuses one without the others', async () => {
    const store = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS });
    await store.ensureSchema();
    await store.insert<Doc & { n: number }>('things', { _id: 'taken', n: 0 });
    const before = store.transactionCommits;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.insert<Doc & { n: number }>('things', { _id: `t${i}`, n: i });
          // Every fifth one also takes an id that exists: it must fail alone, its first insert undone.
          if (i % 5 === 0) await tx.insert<Doc & { n: number }>('things', { _id: 'taken', n: i });
          return i;
        }),
      ),
    );
    const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(refused).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45]);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toHaveLength(40);
    // 50 transactions queued at once share commits of at most 32: two, not fifty.
    expect(store.transactionCommits - before).toBe(2);
    const stored = await store.find<Doc & { n: number }>('things', { n: { $gte: 0 } }, { limit: 100 });
    expect(stored.map((d) => d._id).sort()).toEqual(
      [
        'taken',
        ...Array.from({ length: 50 }, (_, i) => i)
          .filter((i) => i % 5 !== 0)
          .map((i) => `t${i}`),
      ].sort(),
    );
    await store.close();
  });

  it('never lets a plain read see a transaction before its commit', async () => {
    const store = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS });
    await store.ensureSchema();
    // The transaction's insert runs at once; its commit waits for the end of this turn.
    const done = store.transaction(async (tx) => {
      await tx.insert<Doc & { n: number }>('things', { _id: 'pending', n: 1 });
    });
    await Promise.resolve();
    expect(await store.get('things', 'pending')).toBeNull();
    expect(await store.count('things', {})).toBe(0);
    await done;
    expect(await store.get('things', 'pending')).toEqual({ _id: 'pending', n: 1, version: 1 });
    await store.close();
  });

  it.each([
    ['with', true],
    ['without', false],
  ])(
    '%s background checkpoints, copies the log into the file while the writer goes on',
    async (_w, background) => {
      const size = (name: string) => statSync(join(tmp.dir, name)).size;
      const store = openEmbeddedStore({
        dir: tmp.dir,
        collections: CONTRACT_COLLECTIONS,
        backgroundIo: background,
      });
      await store.ensureSchema();
      const text = 'x'.repeat(200);
      for (let b = 0; b < 40; b++)
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            store.transaction((tx) => tx.insert<Doc & { text: string }>('things', { _id: `d${b}-${i}`, text })),
          ),
        );
      await new Promise((resolve) => setTimeout(resolve, 600)); // the checkpoint after a quiet moment
      const file = size('store.sqlite');
      const log = size('store.sqlite-wal');
      await store.close();
      // About 500 kB of documents, written as 80 commits of 25 to 32 transactions: fewer log pages
      // than SQLite's own checkpoint waits for (1,000), so only the worker can have copied them.
      if (background) expect(file).toBeGreaterThan(400_000);
      else {
        expect(file).toBeLessThan(100_000);
        expect(log).toBeGreaterThan(1_000_000); // everything is still in the log
      }
      const reopened = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS });
      expect(await reopened.count('things', {})).toBe(2000);
      await reopened.close();
    },
    20_000,
  );

  it('acknowledges a write only after an fsync of the log that began after its commit, shared by the writes meanwhile', async () => {
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const release: Array<() => void> = [];
    const realFsync = fs.fsync;
    // Hold each fsync until the test lets it finish.
    const spy = jest.spyOn(fs, 'fsync').mockImplementation(((fd: number, cb: (e: Error | null) => void) => {
      release.push(() => realFsync(fd, cb));
    }) as typeof fs.fsync);
    const store = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS, backgroundIo: true });
    try {
      const schema = store.ensureSchema();
      while (release.length === 0) await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
      await schema;
      let acked = 0;
      const first = store.insert<Doc & { n: number }>('things', { _id: 'a', n: 1 }).then(() => (acked += 1));
      while (release.length === 0) await new Promise((resolve) => setImmediate(resolve));
      // The first write's fsync is under way; 20 more writes commit meanwhile.
      const more = Array.from({ length: 20 }, (_, i) =>
        store.insert<Doc & { n: number }>('things', { _id: `b${i}`, n: i }).then(() => (acked += 1)),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(acked).toBe(0);
      release.shift()?.();
      await first;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(acked).toBe(1); // the others committed after that fsync began: they wait for the next
      expect(release).toHaveLength(1); // one fsync for all twenty
      release.shift()?.();
      await Promise.all(more);
      expect(acked).toBe(21);
    } finally {
      spy.mockRestore();
      await store.close();
    }
  });

  describe('when the disk fails', () => {
    type Ballot = Doc & { choice?: string; after?: string; big?: string };
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const realFsync = fs.fsync;
    let failNext = false;
    let spy: jest.SpyInstance;
    beforeEach(() => {
      failNext = false;
      spy = jest.spyOn(fs, 'fsync').mockImplementation(((fd: number, cb: (e: Error | null) => void) => {
        if (!failNext) return realFsync(fd, cb);
        failNext = false;
        setImmediate(() => cb(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })));
      }) as typeof fs.fsync);
    });
    afterEach(() => spy.mockRestore());

    it('does not refuse a second write for a first one whose fsync then fails, and refuses everything after', async () => {
      const store = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS, backgroundIo: true });
      await store.ensureSchema();
      failNext = true;
      const first = store.transaction(async (tx) => {
        await tx.insert<Ballot>('things', { _id: 'voter1', choice: 'yes' });
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
      // The second sees the first inside their shared transaction and is refused for it: that
      // refusal must not reach anyone before the first is known to be stored.
      const second = store.transaction((tx) => tx.insert<Ballot>('things', { _id: 'voter1', choice: 'no' }));
      const outcomes = await Promise.allSettled([first, second]);
      for (const o of outcomes) {
        expect(o.status).toBe('rejected');
        expect(String((o as PromiseRejectedResult).reason)).toMatch(/fsync of the log failed/);
      }
      // What that fsync covered may or may not be on disk: from now on the store takes nothing.
      await expect(store.insert<Ballot>('things', { _id: 'voter2' })).rejects.toThrow(/fsync of the log failed/);
      await expect(store.transaction((tx) => tx.insert<Ballot>('things', { _id: 'voter3' }))).rejects.toThrow(
        /fsync of the log failed/,
      );
      await store.close();
      const reopened = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS });
      expect((await reopened.find<Ballot>('things', {}, { limit: 10 })).map((d) => d._id)).not.toContain('voter2');
      await reopened.close();
    });

    it('refuses the rest of a transaction once the disk is full, so nothing of it autocommits', async () => {
      const store = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS, durability: 'normal' });
      await store.ensureSchema();
      // A full disk, made with SQLite's own page limit: a few pages more than the file has.
      const db = (store as unknown as { db: { pragma: (sql: string, o?: object) => unknown } }).db;
      db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 3}`);
      const a = store.transaction(async (tx) => {
        await tx.insert<Ballot>('things', { _id: 'A' });
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
      const b = store.transaction(async (tx) => {
        await tx.insert<Ballot>('things', { _id: 'B1' });
        // A careless caller that swallows the disk-full error and goes on writing.
        await tx.insert<Ballot>('things', { _id: 'Bbig', big: 'x'.repeat(50_000) }).catch(() => undefined);
        await tx.insert<Ballot>('things', { _id: 'B2' });
      });
      const outcomes = await Promise.allSettled([a, b]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(await store.find<Ballot>('things', {}, { limit: 10 })).toEqual([]);
      await store.close();
    });

    it('lets a write queued before close() finish, acknowledged and stored', async () => {
      const store = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS, backgroundIo: true });
      await store.ensureSchema();
      let finish!: () => void;
      const gate = new Promise<void>((resolve) => (finish = resolve));
      const tx = store.transaction(async (t) => {
        await t.insert<Ballot>('things', { _id: 'tx' });
        await gate;
      });
      const plain = store.insert<Ballot>('things', { _id: 'plain' });
      const closed = store.close();
      setTimeout(finish, 30);
      await expect(Promise.all([tx, plain, closed])).resolves.toBeDefined();
      await expect(store.insert<Ballot>('things', { _id: 'late' })).rejects.toThrow(/closed/);
      const reopened = openEmbeddedStore({ dir: tmp.dir, collections: CONTRACT_COLLECTIONS });
      expect((await reopened.find<Ballot>('things', {}, { limit: 10 })).map((d) => d._id).sort()).toEqual([
        'plain',
        'tx',
      ]);
      await reopened.close();
    });
  });
});
