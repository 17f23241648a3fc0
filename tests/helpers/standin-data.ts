import type { CollectionSpec } from '../../cloudfunctions/shared/store/collections';
import type { Document, Value } from './standin-ejson';
import { getPath } from './standin-query';

/**
 * The stand-in's data: committed documents plus open transactions, with MongoDB-like isolation.
 * - A transaction reads a snapshot taken at its start, plus its own writes.
 * - Its first write to a document locks it. A write to a document that another transaction has
 *   locked, or that someone committed after the snapshot, fails with DATABASE_TRANSACTION_CONFLICT
 *   and aborts the transaction (MongoDB's WriteConflict).
 * - A write outside any transaction waits until the document's lock is released.
 * Error codes are the ones CloudBase documents where a code is known; the rest say STANDIN_.
 */
export class StandinError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Row {
  readonly doc: Document;
}

type Table = Map<string, Row>;

export interface Transaction {
  readonly id: string;
  readonly start: number;
  readonly snapshot: ReadonlyMap<string, Table>;
  readonly writes: Map<string, { coll: string; id: string; doc: Document | null }>;
  state: 'open' | 'aborted' | 'committed';
}

const key = (coll: string, id: string): string => `${coll}\u0000${id}`;

export class StandinData {
  private readonly tables = new Map<string, Table>();
  private readonly lastWrite = new Map<string, number>();
  private readonly locks = new Map<string, string>();
  private readonly waiters: Array<() => void> = [];
  private readonly txs = new Map<string, Transaction>();
  private clock = 0;
  private txSeq = 0;

  constructor(private readonly specs: Readonly<Record<string, CollectionSpec>>) {}

  reset(): void {
    this.tables.clear();
    this.lastWrite.clear();
    this.locks.clear();
    this.txs.clear();
    this.wake();
  }

  createCollection(name: string): void {
    if (this.tables.has(name)) throw new StandinError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} exists`);
    this.tables.set(name, new Map());
  }

  private table(name: string): Table {
    const t = this.tables.get(name);
    if (!t) throw new StandinError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
    return t;
  }

  /** Every committed document of a collection, or as a transaction sees them. */
  documents(coll: string, tx?: Transaction): Document[] {
    this.table(coll);
    if (!tx) return [...this.table(coll).values()].map((r) => r.doc);
    const view = new Map<string, Document>();
    for (const [id, row] of tx.snapshot.get(coll) ?? new Map<string, Row>()) view.set(id, row.doc);
    for (const w of tx.writes.values()) {
      if (w.coll !== coll) continue;
      if (w.doc) view.set(w.id, w.doc);
      else view.delete(w.id);
    }
    return [...view.values()];
  }

  read(coll: string, id: string, tx?: Transaction): Document | null {
    this.table(coll);
    if (!tx) return this.table(coll).get(id)?.doc ?? null;
    const w = tx.writes.get(key(coll, id));
    if (w) return w.doc;
    return tx.snapshot.get(coll)?.get(id)?.doc ?? null;
  }

  // ---- transactions --------------------------------------------------------------------------

  begin(): Transaction {
    const snapshot = new Map<string, Table>();
    for (const [name, t] of this.tables) snapshot.set(name, new Map(t));
    const tx: Transaction = {
      id: `standin-tx-${++this.txSeq}`,
      start: this.clock,
      snapshot,
      writes: new Map(),
      state: 'open',
    };
    this.txs.set(tx.id, tx);
    return tx;
  }

  transaction(id: string): Transaction {
    const tx = this.txs.get(id);
    if (!tx) throw new StandinError('DATABASE_TRANSACTION_NOT_EXIST', `no transaction ${id}`);
    if (tx.state !== 'open') throw new StandinError('STANDIN_TRANSACTION_NOT_OPEN', `transaction ${id} is ${tx.state}`);
    return tx;
  }

  commit(tx: Transaction): void {
    for (const w of tx.writes.values()) this.apply(w.coll, w.id, w.doc);
    tx.state = 'committed';
    this.release(tx);
  }

  abort(tx: Transaction): void {
    tx.state = 'aborted';
    this.release(tx);
  }

  private release(tx: Transaction): void {
    for (const [k, owner] of this.locks) if (owner === tx.id) this.locks.delete(k);
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  // ---- writes ----------------------------------------------------------------------------------
  // Every write is synchronous, so nothing can slip between a check and the write it guards.

  /** Records a transaction's write (doc) or delete (null), locking the document. */
  txWrite(tx: Transaction, coll: string, id: string, doc: Document | null): void {
    this.table(coll);
    const k = key(coll, id);
    const owner = this.locks.get(k);
    if ((owner !== undefined && owner !== tx.id) || (this.lastWrite.get(k) ?? -1) > tx.start) {
      this.abort(tx);
      throw new StandinError('DATABASE_TRANSACTION_CONFLICT', 'WriteConflict');
    }
    this.checkUnique(coll, id, doc, tx);
    this.locks.set(k, tx.id);
    tx.writes.set(k, { coll, id, doc });
  }

  /** A write outside any transaction; the caller has waited until isLocked says no. */
  commitWrite(coll: string, id: string, doc: Document | null): void {
    if (this.locks.has(key(coll, id))) throw new Error('stand-in: commitWrite on a locked document');
    this.checkUnique(coll, id, doc);
    this.apply(coll, id, doc);
  }

  isLocked(coll: string, ids: readonly string[]): boolean {
    return ids.some((id) => this.locks.has(key(coll, id)));
  }

  /** Resolves at the next commit or abort. */
  nextRelease(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private apply(coll: string, id: string, doc: Document | null): void {
    const t = this.table(coll);
    if (doc) t.set(id, { doc });
    else t.delete(id);
    this.lastWrite.set(key(coll, id), ++this.clock);
  }

  /** Unique indexes as MongoDB keeps them: a missing field counts as null and collides. */
  private checkUnique(coll: string, id: string, doc: Document | null, tx?: Transaction): void {
    if (!doc) return;
    for (const ix of this.specs[coll]?.indexes ?? []) {
      if (!ix.unique) continue;
      const tuple = (d: Document): string => JSON.stringify(ix.fields.map(([f]) => getPath(d, f) ?? null));
      const mine = tuple(doc);
      const clash = this.documents(coll, tx).some((other) => other._id !== id && tuple(other) === mine);
      if (clash) {
        if (tx) this.abort(tx);
        throw new StandinError(
          'DATABASE_DUPLICATE_WRITE',
          `E11000 duplicate key error collection: ${coll} index: ${ix.name}`,
        );
      }
    }
  }
}

export function idOf(doc: Value): string {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || doc instanceof Date) {
    throw new StandinError('STANDIN_BAD_REQUEST', 'document must be an object');
  }
  const id = doc._id;
  if (typeof id !== 'string') throw new StandinError('STANDIN_BAD_REQUEST', 'the stand-in needs string _id values');
  return id;
}
