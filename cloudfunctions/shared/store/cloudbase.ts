import { init, SYMBOL_CURRENT_ENV } from '@cloudbase/node-sdk';
import { AppError } from '../../../core/errors';
import { sdkCall } from './cloudbase-errors';
import type { SdkCollection, SdkCommand, SdkDb, SdkTransaction } from './cloudbase-sdk';
import {
  checkDeltas,
  checkDoc,
  checkPatch,
  toIncrement,
  toOrder,
  toReplacement,
  toUpdate,
  toWhere,
} from './cloudbase-translate';
import { COLLECTIONS, type CollectionSpec } from './collections';
import { checkPaging } from './filter';
import type { Doc, DocOps, Filter, FindOptions, NewDoc, Patch, Store, UpdateOptions } from './port';

/**
 * The production adapter: CloudBase's document database through @cloudbase/node-sdk.
 *
 * It keeps the embedded adapter's semantics with what CloudBase offers (limits in docs/DEPLOY.md):
 * - a stale `expectVersion` is caught by a conditional update (`where({_id, version})`, multi false),
 *   so no read-then-write race exists outside a transaction;
 * - transactions are started, committed and aborted by hand, never with runTransaction: its retry
 *   re-runs the caller's callback (surprising) and stops retrying once our errors are mapped;
 * - inside a transaction only doc-level operations are used, because `where().update()` and
 *   `count()` silently run outside it (observed in ../shared/CLOUDBASE-SDK.md §2).
 *
 * Collections are created by ensureSchema(); indexes are not (node-sdk cannot create them):
 * `npm run deploy` applies both, see scripts/deploy.ts.
 */
export interface CloudbaseOptions {
  /** The CloudBase environment id; empty means the environment the function runs in. */
  readonly env: string;
  /** Where database requests go; only tests point it elsewhere (a stand-in on 127.0.0.1). */
  readonly serviceUrl?: string;
  /** Needed outside CloudBase; inside a cloud function the SDK finds credentials itself. */
  readonly secretId?: string;
  readonly secretKey?: string;
  /** Milliseconds per request before it fails as UNAVAILABLE. */
  readonly timeout?: number;
  readonly collections?: Readonly<Record<string, CollectionSpec>>;
}

/** CloudBase returns at most 1000 documents per request to a cloud function. */
export const PAGE_SIZE = 1000;

/** Outside a transaction `doc.get()` yields an array; inside one, the document or null. */
function firstDoc<T>(data: unknown): T | null {
  if (Array.isArray(data)) return (data[0] as T | undefined) ?? null;
  return (data as T | null | undefined) ?? null;
}

function storedVersion(doc: Doc): number {
  return Number(doc.version ?? 0);
}

type CollectionOf = (name: string) => SdkCollection;

/**
 * The doc-level operations, either straight on the database or on a transaction's collections.
 * Only update-with-expectVersion and set differ: inside a transaction they read then write (the
 * transaction makes that atomic); outside, update is a conditional write and set opens its own
 * transaction.
 */
function docOps(collection: CollectionOf, _: SdkCommand, inTransaction: boolean): DocOps {
  const get = async <T extends Doc>(c: string, id: string): Promise<T | null> => {
    const ref = collection(c).doc(id);
    const res = await sdkCall(() => ref.get());
    return firstDoc<T>(res.data);
  };

  const updateChecked = async (c: string, id: string, patch: object, expected: number): Promise<void> => {
    if (inTransaction) {
      const current = await get<Doc>(c, id);
      if (!current) throw new AppError('NOT_FOUND');
      if (storedVersion(current) !== expected) throw new AppError('CONFLICT');
      const ref = collection(c).doc(id);
      await sdkCall(() => ref.update(toUpdate(patch, _, expected + 1)));
      return;
    }
    // A document written before versions existed counts as version 0, as in the embedded adapter.
    const version = expected === 0 ? _.in([0, null]) : expected;
    const query = collection(c).where({ _id: id, version }).options({ multiple: false });
    const res = await sdkCall(() => query.update(toUpdate(patch, _, expected + 1)));
    if ((res.updated ?? 0) > 0) return;
    throw new AppError((await get(c, id)) ? 'CONFLICT' : 'NOT_FOUND');
  };

  return {
    get,
    async insert<T extends Doc>(c: string, doc: NewDoc<T>): Promise<void> {
      checkDoc(doc);
      const coll = collection(c);
      await sdkCall(() => coll.add({ ...doc, version: 1 }));
    },
    async set<T extends Doc>(c: string, doc: NewDoc<T>): Promise<void> {
      const id = checkDoc(doc);
      if (!inTransaction) throw new Error('store: set outside a transaction must go through Store.set');
      const previous = await get<Doc>(c, id);
      const version = previous ? storedVersion(previous) + 1 : 1;
      const ref = collection(c).doc(id);
      await sdkCall(() => ref.set(toReplacement({ ...doc, _id: id }, version)));
    },
    async update<T extends Doc>(c: string, id: string, patch: Patch<T>, options?: UpdateOptions): Promise<void> {
      checkPatch(patch);
      if (options?.expectVersion !== undefined) return updateChecked(c, id, patch, options.expectVersion);
      const ref = collection(c).doc(id);
      const res = await sdkCall(() => ref.update(toUpdate(patch, _, 'inc')));
      if ((res.updated ?? 0) === 0) throw new AppError('NOT_FOUND');
    },
    async inc(c: string, id: string, deltas: Readonly<Record<string, number>>): Promise<void> {
      checkDeltas(deltas);
      const ref = collection(c).doc(id);
      const res = await sdkCall(() => ref.update(toIncrement(deltas, _)));
      if ((res.updated ?? 0) === 0) throw new AppError('NOT_FOUND');
    },
    async remove(c: string, id: string): Promise<boolean> {
      const ref = collection(c).doc(id);
      const res = await sdkCall(() => ref.remove());
      return (res.deleted ?? 0) > 0;
    },
  };
}

/** Makes every operation fail once the transaction has committed or rolled back. */
function guarded(ops: DocOps, isOpen: () => boolean): DocOps {
  const check = (): void => {
    if (!isOpen()) throw new Error('store: transaction already finished');
  };
  return {
    async get<T extends Doc>(c: string, id: string) {
      check();
      return ops.get<T>(c, id);
    },
    async insert<T extends Doc>(c: string, doc: NewDoc<T>) {
      check();
      return ops.insert<T>(c, doc);
    },
    async set<T extends Doc>(c: string, doc: NewDoc<T>) {
      check();
      return ops.set<T>(c, doc);
    },
    async update<T extends Doc>(c: string, id: string, patch: Patch<T>, options?: UpdateOptions) {
      check();
      return ops.update<T>(c, id, patch, options);
    },
    async inc(c: string, id: string, deltas: Readonly<Record<string, number>>) {
      check();
      return ops.inc(c, id, deltas);
    },
    async remove(c: string, id: string) {
      check();
      return ops.remove(c, id);
    },
  };
}

export class CloudbaseStore implements Store {
  private readonly db: SdkDb;
  private readonly specs: Readonly<Record<string, CollectionSpec>>;
  private readonly ops: DocOps;

  constructor(options: CloudbaseOptions) {
    this.specs = options.collections ?? COLLECTIONS;
    const app = init({
      env: options.env === '' ? SYMBOL_CURRENT_ENV : options.env,
      ...(options.serviceUrl !== undefined && { serviceUrl: options.serviceUrl }),
      ...(options.secretId !== undefined && { secretId: options.secretId }),
      ...(options.secretKey !== undefined && { secretKey: options.secretKey }),
      ...(options.timeout !== undefined && { timeout: options.timeout }),
    });
    // The SDK's declarations are `any` throughout; cloudbase-sdk.ts says what we rely on.
    this.db = app.database() as unknown as SdkDb;
    this.ops = docOps((name) => this.db.collection(this.checked(name)), this.db.command, false);
  }

  private checked(collection: string): string {
    if (!Object.prototype.hasOwnProperty.call(this.specs, collection)) {
      throw new Error(`store: unknown collection ${JSON.stringify(collection)}`);
    }
    return collection;
  }

  get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return this.ops.get<T>(collection, id);
  }
  insert<T extends Doc>(collection: string, doc: NewDoc<T>): Promise<void> {
    return this.ops.insert<T>(collection, doc);
  }
  /** Read and write must not interleave with another writer, so set runs in its own transaction. */
  set<T extends Doc>(collection: string, doc: NewDoc<T>): Promise<void> {
    return this.transaction((tx) => tx.set<T>(collection, doc));
  }
  update<T extends Doc>(collection: string, id: string, patch: Patch<T>, options?: UpdateOptions): Promise<void> {
    return this.ops.update<T>(collection, id, patch, options);
  }
  inc(collection: string, id: string, deltas: Readonly<Record<string, number>>): Promise<void> {
    return this.ops.inc(collection, id, deltas);
  }
  remove(collection: string, id: string): Promise<boolean> {
    return this.ops.remove(collection, id);
  }

  async find<T extends Doc>(collection: string, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const { limit, skip } = checkPaging(options.limit, options.skip);
    const where = toWhere(filter, this.db.command);
    const order = toOrder(options.sort);
    const coll = this.db.collection(this.checked(collection));
    const docs: T[] = [];
    // Page through the 1000-per-request cap; the _id tiebreak keeps pages from overlapping.
    while (docs.length < limit) {
      const want = Math.min(PAGE_SIZE, limit - docs.length);
      let query = coll.where(where);
      for (const [field, direction] of order) query = query.orderBy(field, direction);
      const offset = skip + docs.length;
      if (offset > 0) query = query.skip(offset);
      const page = query.limit(want);
      const res = await sdkCall(() => page.get());
      const list = Array.isArray(res.data) ? (res.data as T[]) : [];
      docs.push(...list);
      if (list.length < want) break;
    }
    return docs;
  }

  async count(collection: string, filter: Filter): Promise<number> {
    const query = this.db.collection(this.checked(collection)).where(toWhere(filter, this.db.command));
    const res = await sdkCall(() => query.count());
    if (typeof res.total !== 'number') throw new Error('store: CloudBase count reply has no total');
    return res.total;
  }

  async transaction<R>(fn: (tx: DocOps) => Promise<R>): Promise<R> {
    const t: SdkTransaction = await sdkCall(() => this.db.startTransaction());
    const id = t.getTransactionId();
    // Without an id the SDK would send every later operation outside any transaction.
    if (typeof id !== 'string' || id.length === 0) {
      throw new Error('store: CloudBase startTransaction reply has no transaction id; refusing to go on');
    }
    let open = true;
    const tx = guarded(
      docOps((name) => t.collection(this.checked(name)), this.db.command, true),
      () => open,
    );
    let result: R;
    try {
      result = await fn(tx);
    } catch (e) {
      open = false;
      // The caller's error matters, not a failed abort (the service may have aborted already).
      await t.rollback().catch(() => undefined);
      throw e;
    }
    open = false;
    try {
      await sdkCall(() => t.commit());
    } catch (e) {
      await t.rollback().catch(() => undefined);
      throw e;
    }
    return result;
  }

  /**
   * Creates the declared collections that are missing. Indexes need the management API, which
   * node-sdk does not have: `npm run deploy` creates them.
   */
  async ensureSchema(): Promise<void> {
    for (const name of Object.keys(this.specs)) {
      try {
        await sdkCall(() => this.db.createCollection(name));
      } catch (e) {
        // The "already exists" reply of the real service is undocumented: look instead of parsing.
        if (await this.exists(name)) continue;
        throw e;
      }
    }
  }

  private async exists(name: string): Promise<boolean> {
    const probe = this.db.collection(name).limit(1);
    try {
      await probe.get();
      return true;
    } catch {
      return false;
    }
  }

  /** The SDK holds no connection that needs closing. */
  async close(): Promise<void> {}
}

export function openCloudbaseStore(options: CloudbaseOptions): Store {
  return new CloudbaseStore(options);
}
