import type { CollectionSpec } from '../../cloudfunctions/shared/store/collections';
import type { Doc, DocOps, Filter, FindOptions, Store } from '../../cloudfunctions/shared/store/port';
import { AppError, type ErrorCode } from '../../core/errors';

/**
 * One contract, every adapter: what the Store port promises (cloudfunctions/shared/store/port.ts),
 * checked through the port only. An adapter's own test file runs it with a fresh store per test.
 */
export const CONTRACT_COLLECTIONS = {
  things: {
    indexes: [
      {
        name: 'by_group_rank',
        fields: [
          ['group', 1],
          ['rank', 1],
        ],
      },
    ],
  },
  // Every document here has `code`: MongoDB's unique index counts a missing field as null.
  codes: { indexes: [{ name: 'by_code', fields: [['code', 1]], unique: true }] },
} as const satisfies Record<string, CollectionSpec>;

export interface MadeStore {
  readonly store: Store;
  readonly cleanup: () => Promise<void>;
}

export interface ContractOptions {
  /** The adapter makes every operation wait while a transaction is open (the embedded one does). */
  readonly serializesTransactions: boolean;
}

type Thing = Doc & Record<string, unknown>;

const FIXTURE: Thing[] = [
  { _id: 'a', group: 'g1', rank: 1, flag: true, label: 'apple', prefs: { elder: true, size: 18 } },
  { _id: 'b', group: 'g1', rank: 2, flag: false, label: 'banana', prefs: { elder: false, size: 16 } },
  { _id: 'c', group: 'g2', rank: 3, flag: true, label: 'cherry', prefs: { elder: true, size: 20 } },
  { _id: 'd', group: 'g2', rank: '3', flag: 1, label: 'date' },
  { _id: 'e', group: null, rank: 5, label: 'elder' },
  { _id: 'f', rank: 2, label: 'fig' },
];

async function expectCode(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function describeStoreContract(
  name: string,
  makeStore: () => Promise<MadeStore>,
  options: ContractOptions,
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    // Inserted out of id order, so that only an explicit _id tiebreak can put ties in id order.
    const seed = async (docs: readonly Thing[] = FIXTURE): Promise<void> => {
      for (const doc of [...docs].reverse()) await store.insert<Thing>('things', doc);
    };
    const ids = async (filter: Filter, opts?: FindOptions): Promise<string[]> =>
      (await store.find<Thing>('things', filter, opts)).map((d) => d._id);
    const get = (id: string): Promise<Thing | null> => store.get<Thing>('things', id);

    describe('documents', () => {
      it('inserts with version 1 and reads back every JSON type', async () => {
        const doc = {
          _id: 'x',
          s: '乡治 村务公开',
          i: -7,
          big: 2 ** 40,
          f: 1.5,
          t: true,
          nul: null,
          arr: [1, 'two', { three: 3 }],
          nested: { a: { b: [] }, empty: {} },
          version: 42,
        };
        await store.insert<Thing>('things', doc);
        expect(await get('x')).toEqual({ ...doc, version: 1 });
      });

      it('returns null for a missing document', async () => {
        expect(await get('nope')).toBeNull();
      });

      it('removes, and says whether it did', async () => {
        await seed();
        expect(await store.remove('things', 'a')).toBe(true);
        expect(await get('a')).toBeNull();
        expect(await store.remove('things', 'a')).toBe(false);
      });

      it('refuses an existing id with DUPLICATE and leaves the stored document alone', async () => {
        await seed();
        await expectCode(store.insert<Thing>('things', { _id: 'a', label: 'other' }), 'DUPLICATE');
        expect((await get('a'))?.label).toBe('apple');
      });

      it('refuses a taken unique-index value with DUPLICATE, on insert and on update', async () => {
        await store.insert<Thing>('codes', { _id: 'k1', code: 'A' });
        await store.insert<Thing>('codes', { _id: 'k2', code: 'B' });
        await expectCode(store.insert<Thing>('codes', { _id: 'k3', code: 'A' }), 'DUPLICATE');
        await expectCode(store.update<Thing>('codes', 'k2', { code: 'A' }), 'DUPLICATE');
        expect((await store.get<Thing>('codes', 'k2'))?.code).toBe('B');
      });

      it('rejects unknown collections, bad ids and bad patches as programming errors', async () => {
        await expect(store.get('no_such_collection', 'a')).rejects.toThrow(/unknown collection/);
        await expect(store.insert<Thing>('things', { _id: '' })).rejects.toThrow(/_id/);
        await seed();
        await expect(store.update<Thing>('things', 'a', { _id: 'z' } as never)).rejects.toThrow(/_id/);
        await expect(store.update<Thing>('things', 'a', { 'prefs.size': 1 })).rejects.toThrow();
        await expect(store.find('things', { 'bad field': 1 })).rejects.toThrow(/field/);
      });
    });

    describe('update', () => {
      it('replaces top-level fields, keeps the others and increments the version', async () => {
        await seed();
        await store.update<Thing>('things', 'a', { label: 'apricot', rank: 9, group: null });
        expect(await get('a')).toEqual({ ...FIXTURE[0], label: 'apricot', rank: 9, group: null, version: 2 });
      });

      it('replaces nested objects and arrays whole, never merging them', async () => {
        await store.insert<Thing>('things', {
          _id: 'n',
          prefs: { elder: true, size: 18 },
          tags: ['a', 'b', 'c'],
          o: { k: 1 },
        });
        await store.update<Thing>('things', 'n', { prefs: { size: 20 }, tags: ['z'], o: {} });
        const doc = await get('n');
        expect(doc?.prefs).toEqual({ size: 20 });
        expect(doc?.tags).toEqual(['z']);
        expect(doc?.o).toEqual({});
      });

      it('removes a field patched to undefined', async () => {
        await seed();
        await store.update<Thing>('things', 'a', { label: undefined });
        const doc = await get('a');
        expect(doc).not.toHaveProperty('label');
        expect(doc?.version).toBe(2);
      });

      it('succeeds with the expected version and fails with CONFLICT on a stale one', async () => {
        await seed();
        await store.update<Thing>('things', 'a', { label: 'first' }, { expectVersion: 1 });
        await expectCode(store.update<Thing>('things', 'a', { label: 'second' }, { expectVersion: 1 }), 'CONFLICT');
        const doc = await get('a');
        expect(doc?.label).toBe('first');
        expect(doc?.version).toBe(2);
        await store.update<Thing>('things', 'a', { label: 'third' }, { expectVersion: 2 });
        expect((await get('a'))?.version).toBe(3);
      });

      it('fails with NOT_FOUND on a missing document, with or without an expected version', async () => {
        await expectCode(store.update<Thing>('things', 'ghost', { label: 'x' }), 'NOT_FOUND');
        await expectCode(store.update<Thing>('things', 'ghost', { label: 'x' }, { expectVersion: 1 }), 'NOT_FOUND');
        expect(await get('ghost')).toBeNull();
      });
    });

    describe('inc and set', () => {
      it('adds to numeric fields, counting missing ones as 0, and increments the version', async () => {
        await store.insert<Thing>('things', { _id: 'ctr', n: 5 });
        await store.inc('things', 'ctr', { n: 2, m: -1 });
        await store.inc('things', 'ctr', { n: 0.5 });
        expect(await get('ctr')).toEqual({ _id: 'ctr', n: 7.5, m: -1, version: 3 });
      });

      it('fails with NOT_FOUND when incrementing a missing document', async () => {
        await expectCode(store.inc('things', 'ghost', { n: 1 }), 'NOT_FOUND');
        expect(await get('ghost')).toBeNull();
      });

      it('creates with version 1, then replaces the whole document with the next version', async () => {
        await store.set<Thing>('things', { _id: 's', a: 1, o: { x: 1, y: 2 }, version: 99 });
        expect(await get('s')).toEqual({ _id: 's', a: 1, o: { x: 1, y: 2 }, version: 1 });
        await store.set<Thing>('things', { _id: 's', b: 2, o: { y: 3 } });
        expect(await get('s')).toEqual({ _id: 's', b: 2, o: { y: 3 }, version: 2 });
        await store.update<Thing>('things', 's', { b: 3 }, { expectVersion: 2 });
        await store.set<Thing>('things', { _id: 's' });
        expect(await get('s')).toEqual({ _id: 's', version: 4 });
      });
    });

    describe('find and count', () => {
      beforeEach(() => seed());

      it('matches equality on strings, numbers, booleans and null, each only within its type', async () => {
        expect(await ids({ group: 'g1' })).toEqual(['a', 'b']);
        expect(await ids({ rank: 3 })).toEqual(['c']);
        expect(await ids({ rank: '3' })).toEqual(['d']);
        expect(await ids({ flag: true })).toEqual(['a', 'c']);
        expect(await ids({ flag: false })).toEqual(['b']);
        expect(await ids({ flag: 1 })).toEqual(['d']);
        expect(await ids({ label: 'nothing' })).toEqual([]);
      });

      it('matches null on a null or a missing field', async () => {
        expect(await ids({ group: null })).toEqual(['e', 'f']);
      });

      it('matches $in, including null and an empty list', async () => {
        expect(await ids({ group: { $in: ['g2', null] } })).toEqual(['c', 'd', 'e', 'f']);
        expect(await ids({ rank: { $in: [1, '3'] } })).toEqual(['a', 'd']);
        expect(await ids({ flag: { $in: [false, 1] } })).toEqual(['b', 'd']);
        expect(await ids({ group: { $in: [] } })).toEqual([]);
      });

      it('matches ranges within one type, alone and with combined bounds', async () => {
        expect(await ids({ rank: { $gt: 2 } })).toEqual(['c', 'e']);
        expect(await ids({ rank: { $gte: 2, $lt: 5 } })).toEqual(['b', 'c', 'f']);
        expect(await ids({ rank: { $lte: 1 } })).toEqual(['a']);
        expect(await ids({ rank: { $gte: '3' } })).toEqual(['d']);
        expect(await ids({ label: { $gte: 'b', $lt: 'd' } })).toEqual(['b', 'c']);
        expect(await ids({ rank: { $gt: 2, $lt: 3 } })).toEqual([]);
      });

      it('matches $and, several fields at once, and an equality with a range on one field', async () => {
        expect(await ids({ $and: [{ group: 'g2' }, { rank: { $gte: 3 } }] })).toEqual(['c']);
        expect(await ids({ group: 'g1', flag: true })).toEqual(['a']);
        expect(await ids({ $and: [{ rank: { $gt: 1 } }, { rank: { $lt: 3 } }] })).toEqual(['b', 'f']);
        expect(await ids({ rank: 2, $and: [{ rank: { $gte: 2 } }, { label: { $in: ['fig'] } }] })).toEqual(['f']);
      });

      it('matches dotted paths into nested objects', async () => {
        expect(await ids({ 'prefs.elder': true })).toEqual(['a', 'c']);
        expect(await ids({ 'prefs.size': { $gt: 17 } })).toEqual(['a', 'c']);
        expect(await ids({ 'prefs.size': null })).toEqual(['d', 'e', 'f']);
      });

      it('returns everything, ordered by id, for an empty filter', async () => {
        expect(await ids({})).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      });

      it('sorts ascending and descending, numbers before strings, ties broken by id ascending', async () => {
        expect(await ids({}, { sort: [['rank', 'asc']] })).toEqual(['a', 'b', 'f', 'c', 'e', 'd']);
        expect(await ids({}, { sort: [['rank', 'desc']] })).toEqual(['d', 'e', 'c', 'b', 'f', 'a']);
      });

      it('sorts on several fields, nulls first, and on dotted paths', async () => {
        expect(
          await ids(
            {},
            {
              sort: [
                ['group', 'asc'],
                ['rank', 'desc'],
              ],
            },
          ),
        ).toEqual(['e', 'f', 'b', 'a', 'd', 'c']);
        expect(await ids({}, { sort: [['prefs.size', 'asc']] })).toEqual(['d', 'e', 'f', 'b', 'a', 'c']);
      });

      it('applies limit and skip after sorting, so pages neither overlap nor skip', async () => {
        const sort: FindOptions['sort'] = [['rank', 'desc']];
        expect(await ids({}, { sort, limit: 2 })).toEqual(['d', 'e']);
        expect(await ids({}, { sort, limit: 2, skip: 2 })).toEqual(['c', 'b']);
        expect(await ids({}, { sort, skip: 10 })).toEqual([]);
        const pages: string[] = [];
        for (let skip = 0; skip < 6; skip += 4) pages.push(...(await ids({}, { sort, limit: 4, skip })));
        expect(pages).toEqual(await ids({}, { sort }));
      });

      it('counts with and without a filter', async () => {
        expect(await store.count('things', {})).toBe(6);
        expect(await store.count('things', { group: null })).toBe(2);
        expect(await store.count('things', { rank: { $gte: 2, $lt: 5 }, 'prefs.elder': true })).toBe(1);
      });
    });

    describe('find beyond one page', () => {
      it('returns 100 by default and pages through more than 1000 when asked', async () => {
        const many: Thing[] = Array.from({ length: 1003 }, (_, i) => ({ _id: `m${String(i).padStart(4, '0')}`, i }));
        await store.transaction(async (tx) => {
          for (const doc of many) await tx.insert<Thing>('things', doc);
        });
        expect(await store.find('things', {})).toHaveLength(100);
        const found = await ids({}, { limit: 1002, skip: 1 });
        expect(found).toEqual(many.slice(1, 1003).map((d) => d._id));
        expect(await store.count('things', { i: { $gte: 500 } })).toBe(503);
      });
    });

    describe('transactions', () => {
      it('commits every write together and returns what fn returns', async () => {
        await seed();
        const result = await store.transaction(async (tx) => {
          await tx.insert<Thing>('things', { _id: 'new1', n: 1 });
          await tx.insert<Thing>('things', { _id: 'new2', n: 2 });
          expect((await tx.get<Thing>('things', 'new1'))?.n).toBe(1);
          await tx.update<Thing>('things', 'a', { label: 'changed' }, { expectVersion: 1 });
          await tx.inc('things', 'b', { rank: 10 });
          await tx.set<Thing>('things', { _id: 'c', only: true });
          await tx.remove('things', 'd');
          return 'done';
        });
        expect(result).toBe('done');
        expect((await get('new2'))?.n).toBe(2);
        expect(await get('a')).toMatchObject({ label: 'changed', version: 2 });
        expect(await get('b')).toMatchObject({ rank: 12, version: 2 });
        expect(await get('c')).toEqual({ _id: 'c', only: true, version: 2 });
        expect(await get('d')).toBeNull();
      });

      it('rolls back every write when fn throws, and rethrows the very same error', async () => {
        await seed();
        const boom = new Error('boom');
        const caught = await store
          .transaction(async (tx) => {
            await tx.insert<Thing>('things', { _id: 'new1' });
            await tx.update<Thing>('things', 'a', { label: 'changed' });
            await tx.inc('things', 'b', { rank: 1 });
            await tx.remove('things', 'c');
            throw boom;
          })
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(caught).toBe(boom);
        expect(await get('new1')).toBeNull();
        expect(await get('a')).toEqual({ ...FIXTURE[0], version: 1 });
        expect(await get('b')).toEqual({ ...FIXTURE[1], version: 1 });
        expect(await get('c')).not.toBeNull();
      });

      it('rolls back earlier writes when a later one fails with DUPLICATE, NOT_FOUND or CONFLICT', async () => {
        await seed();
        const attempts: Array<[ErrorCode, (tx: DocOps) => Promise<unknown>]> = [
          ['DUPLICATE', (tx) => tx.insert<Thing>('things', { _id: 'a' })],
          ['NOT_FOUND', (tx) => tx.inc('things', 'ghost', { n: 1 })],
          ['CONFLICT', (tx) => tx.update<Thing>('things', 'b', { label: 'x' }, { expectVersion: 7 })],
        ];
        for (const [code, failing] of attempts) {
          await expectCode(
            store.transaction(async (tx) => {
              await tx.insert<Thing>('things', { _id: `half-${code}` });
              await tx.update<Thing>('things', 'e', { label: code });
              await failing(tx);
            }),
            code,
          );
          expect(await get(`half-${code}`)).toBeNull();
          expect((await get('e'))?.label).toBe('elder');
        }
      });

      it('refuses operations on a transaction that has finished', async () => {
        let kept: DocOps | undefined;
        await store.transaction(async (tx) => {
          kept = tx;
        });
        await expect(kept?.get('things', 'a')).rejects.toThrow(/finished/);
      });

      it('makes a write outside wait for a transaction that holds the document', async () => {
        await store.insert<Thing>('things', { _id: 'ctr', n: 0 });
        const events: string[] = [];
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => (wrote = resolve));
        let finish!: () => void;
        const gate = new Promise<void>((resolve) => (finish = resolve));
        const txDone = store
          .transaction(async (tx) => {
            await tx.update<Thing>('things', 'ctr', { n: 10 });
            wrote();
            await gate;
          })
          .then(() => events.push('tx committed'));
        await written;
        const outside = store.inc('things', 'ctr', { n: 1 }).then(() => events.push('outside done'));
        await tick(100);
        expect(events).toEqual([]);
        finish();
        await Promise.all([txDone, outside]);
        // 11, not 10: the increment landed after the transaction's write, not under it.
        expect(await get('ctr')).toMatchObject({ n: 11, version: 3 });
      });

      it('never lets a write that waited for one transaction be rolled back with the next', async () => {
        let finish!: () => void;
        const gate = new Promise<void>((resolve) => (finish = resolve));
        const first = store.transaction(async (tx) => {
          await tx.insert<Thing>('things', { _id: 'first' });
          await gate;
        });
        await tick(20);
        const boom = new Error('second fails');
        const second = store.transaction(async (tx) => {
          await tx.insert<Thing>('things', { _id: 'second' });
          await tick(20);
          throw boom;
        });
        // A store that commits queued transactions together settles the first only after the second.
        const secondOutcome = second.then(
          () => 'committed',
          (e: unknown) => e,
        );
        const outside = store.insert<Thing>('things', { _id: 'outside' });
        await tick(20);
        finish();
        await first;
        expect(await secondOutcome).toBe(boom);
        await outside;
        expect(await get('first')).not.toBeNull();
        expect(await get('second')).toBeNull();
        expect(await get('outside')).not.toBeNull();
      });

      it('loses no update when a write outside races a read-then-write transaction', async () => {
        await store.insert<Thing>('things', { _id: 'ctr', n: 0 });
        let read!: () => void;
        const hasRead = new Promise<void>((resolve) => (read = resolve));
        let finish!: () => void;
        const gate = new Promise<void>((resolve) => (finish = resolve));
        const txResult = store
          .transaction(async (tx) => {
            const ctr = await tx.get<Thing>('things', 'ctr');
            read();
            await gate;
            await tx.update<Thing>('things', 'ctr', { n: Number(ctr?.n) + 1 });
          })
          .then(
            () => true,
            (e: unknown) => {
              expect(e).toBeInstanceOf(AppError);
              expect((e as AppError).code).toBe('CONFLICT');
              return false;
            },
          );
        await hasRead;
        const outside = store.inc('things', 'ctr', { n: 1 }).then(() => true);
        await tick(100);
        finish();
        const [txOk, outsideOk] = await Promise.all([txResult, outside]);
        // Either both landed (the write outside waited) or the transaction was refused: never n = 1
        // with both reported done.
        expect((await get('ctr'))?.n).toBe(Number(txOk) + Number(outsideOk));
        if (options.serializesTransactions) expect(txOk).toBe(true);
      });

      it('loses no update between concurrent read-then-write transactions', async () => {
        await store.insert<Thing>('things', { _id: 'ctr', n: 0 });
        const attempt = (): Promise<boolean> =>
          store
            .transaction(async (tx) => {
              const ctr = await tx.get<Thing>('things', 'ctr');
              await tick(5);
              await tx.update<Thing>('things', 'ctr', { n: Number(ctr?.n) + 1 });
            })
            .then(
              () => true,
              (e: unknown) => {
                if (!(e instanceof AppError) || e.code !== 'CONFLICT') throw e;
                return false;
              },
            );
        const results = await Promise.all([attempt(), attempt(), attempt(), attempt()]);
        const succeeded = results.filter(Boolean).length;
        expect(succeeded).toBeGreaterThanOrEqual(1);
        if (options.serializesTransactions) expect(succeeded).toBe(4);
        expect((await get('ctr'))?.n).toBe(succeeded);
      });
    });
  });
}
