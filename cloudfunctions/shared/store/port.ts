/**
 * The Store port: the only way functions touch data. It is shaped by what the domain needs and by
 * what CloudBase can do (see docs/ARCHITECTURE.md), so that the embedded adapter never offers
 * something the production adapter cannot keep.
 *
 * Filter language (both adapters implement exactly this subset):
 *   { field: value }                      equality (value: string | number | boolean | null)
 *   { field: { $in: [v1, v2] } }          membership
 *   { field: { $gt|$gte|$lt|$lte: v } }   range (several bounds may be combined)
 *   { $and: [filter, filter] }            conjunction (several fields in one filter are also ANDed)
 * Field names may be dotted paths into nested objects ("prefs.elderMode").
 */
export type Scalar = string | number | boolean | null;

export interface RangeCondition {
  readonly $gt?: string | number;
  readonly $gte?: string | number;
  readonly $lt?: string | number;
  readonly $lte?: string | number;
}

export interface InCondition {
  readonly $in: readonly Scalar[];
}

export type Condition = Scalar | InCondition | RangeCondition;

export interface Filter {
  readonly $and?: readonly Filter[];
  readonly [field: string]: Condition | readonly Filter[] | undefined;
}

export type SortDirection = 'asc' | 'desc';

export interface FindOptions {
  /** Fields in priority order; ties are broken by _id ascending so paging is stable. */
  readonly sort?: ReadonlyArray<readonly [field: string, direction: SortDirection]>;
  /** Default 100. Above 1000 the CloudBase adapter pages for you. */
  readonly limit?: number;
  readonly skip?: number;
}

/** Every stored document has a string id and a version that each update increments. */
export interface Doc {
  readonly _id: string;
  readonly version?: number;
}

export type NewDoc<T extends Doc> = Omit<T, 'version'> & { version?: number };

/** Top-level fields to replace; nested objects are replaced whole, never merged. */
export type Patch<T extends Doc> = Partial<Omit<T, '_id' | 'version'>>;

export interface UpdateOptions {
  /** Optimistic concurrency: fail with CONFLICT unless the stored version equals this. */
  readonly expectVersion?: number;
}

/**
 * Id-level operations: the only ones CloudBase allows inside a transaction, so the only ones a
 * transaction offers here.
 */
export interface DocOps {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  /** Fails with AppError DUPLICATE when the id (or a unique index) is taken. Sets version 1. */
  insert<T extends Doc>(collection: string, doc: NewDoc<T>): Promise<void>;
  /** Creates or replaces the whole document (version restarts at the stored version + 1). */
  set<T extends Doc>(collection: string, doc: NewDoc<T>): Promise<void>;
  /** Fails with NOT_FOUND when missing and CONFLICT when expectVersion does not match. */
  update<T extends Doc>(collection: string, id: string, patch: Patch<T>, options?: UpdateOptions): Promise<void>;
  /** Adds to numeric fields (missing fields count as 0). NOT_FOUND when the document is missing. */
  inc(collection: string, id: string, deltas: Readonly<Record<string, number>>): Promise<void>;
  /** Returns whether a document was removed. */
  remove(collection: string, id: string): Promise<boolean>;
}

export interface Store extends DocOps {
  find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter: Filter): Promise<number>;
  /**
   * Runs fn atomically: all of its writes land or none do, also across a crash. If fn throws,
   * everything is rolled back and the error is rethrown unchanged.
   */
  transaction<R>(fn: (tx: DocOps) => Promise<R>): Promise<R>;
  /** Creates collections and indexes that are missing. Idempotent. */
  ensureSchema(): Promise<void>;
  close(): Promise<void>;
}

/** What one request cost: CloudBase bills per operation. */
export interface OpCounts {
  reads: number;
  writes: number;
  docsReturned: number;
}

export function emptyCounts(): OpCounts {
  return { reads: 0, writes: 0, docsReturned: 0 };
}

/**
 * Wraps a store so that every operation made through it is counted. A transaction counts its
 * inner operations, not itself.
 */
export function countingStore(inner: Store, counts: OpCounts = emptyCounts()): { store: Store; counts: OpCounts } {
  const countDocOps = (ops: DocOps): DocOps => ({
    async get<T extends Doc>(c: string, id: string) {
      counts.reads += 1;
      const doc = await ops.get<T>(c, id);
      if (doc) counts.docsReturned += 1;
      return doc;
    },
    async insert(c, doc) {
      counts.writes += 1;
      await ops.insert(c, doc);
    },
    async set(c, doc) {
      counts.writes += 1;
      await ops.set(c, doc);
    },
    async update(c, id, patch, options) {
      counts.writes += 1;
      await ops.update(c, id, patch, options);
    },
    async inc(c, id, deltas) {
      counts.writes += 1;
      await ops.inc(c, id, deltas);
    },
    async remove(c, id) {
      counts.writes += 1;
      return ops.remove(c, id);
    },
  });
  const store: Store = {
    ...countDocOps(inner),
    async find<T extends Doc>(c: string, filter: Filter, options?: FindOptions) {
      counts.reads += 1;
      const docs = await inner.find<T>(c, filter, options);
      counts.docsReturned += docs.length;
      return docs;
    },
    async count(c, filter) {
      counts.reads += 1;
      return inner.count(c, filter);
    },
    transaction(fn) {
      return inner.transaction((tx) => fn(countDocOps(tx)));
    },
    ensureSchema: () => inner.ensureSchema(),
    close: () => inner.close(),
  };
  return { store, counts };
}
