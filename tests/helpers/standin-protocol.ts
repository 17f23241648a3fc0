import { idOf, StandinData, StandinError, type Transaction } from './standin-data';
import { parse, stringify, type Document, type Value } from './standin-ejson';
import { applyUpdate, matches, sortDocuments } from './standin-query';

/**
 * The `/admin` database actions that @cloudbase/node-sdk sends, answered from StandinData, with the
 * reply shapes recorded in ../shared/CLOUDBASE-SDK.md §1–2. Only the subset our adapter uses (and
 * the SDK sends for it) is supported; anything else is a STANDIN_UNSUPPORTED error.
 */
export type Body = Record<string, unknown>;

/** The service caps one read from a cloud function at 1000 documents. */
const MAX_LIMIT = 1000;

function str(body: Body, field: string): string {
  const v = body[field];
  if (typeof v !== 'string') throw new StandinError('STANDIN_BAD_REQUEST', `${field} must be a string`);
  return v;
}

function asDocument(v: Value): Document {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date) {
    throw new StandinError('STANDIN_BAD_REQUEST', 'expected an object');
  }
  return v;
}

export class StandinProtocol {
  constructor(private readonly data: StandinData) {}

  async handle(body: Body): Promise<Body> {
    const action = str(body, 'action');
    switch (action) {
      case 'database.addCollection':
        this.data.createCollection(str(body, 'collectionName'));
        return {};
      case 'database.startTransaction':
        // The id is read from the top level of the reply, not from `data`.
        return { transactionId: this.data.begin().id };
      case 'database.commitTransaction':
        this.data.commit(this.data.transaction(str(body, 'transactionId')));
        return {};
      case 'database.abortTransaction':
        this.data.abort(this.data.transaction(str(body, 'transactionId')));
        return {};
      case 'database.getDocument':
        return { data: { list: this.get(body, this.tx(body)).map((d) => stringify(d)) } };
      case 'database.calculateDocument':
        return { data: { total: this.where(body, undefined).length } };
      case 'database.insertDocument':
        return { data: { insertedIds: await this.insert(body, this.tx(body)) } };
      case 'database.modifyDocument':
        return { data: await this.modify(body, this.tx(body)) };
      case 'database.removeDocument':
        return { data: { deleted: await this.remove(body, this.tx(body)) } };
      default:
        throw new StandinError('STANDIN_UNSUPPORTED', `action ${action}`);
    }
  }

  private tx(body: Body): Transaction | undefined {
    const id = body.transactionId;
    return id === undefined ? undefined : this.data.transaction(String(id));
  }

  private query(body: Body): Document {
    return asDocument(body.query === undefined ? {} : parse(str(body, 'query')));
  }

  private docId(body: Body): string {
    return idOf(this.query(body));
  }

  private where(body: Body, tx: Transaction | undefined): Document[] {
    const query = this.query(body);
    return this.data.documents(str(body, 'collectionName'), tx).filter((d) => matches(d, query));
  }

  private get(body: Body, tx: Transaction | undefined): Document[] {
    const coll = str(body, 'collectionName');
    if (body.queryType === 'DOC') {
      const doc = this.data.read(coll, this.docId(body), tx);
      return doc ? [doc] : [];
    }
    const order = body.order === undefined ? undefined : parse(str(body, 'order'));
    const sorted = sortDocuments(this.where(body, tx), order);
    const offset = typeof body.offset === 'number' ? body.offset : 0;
    const limit = Math.min(typeof body.limit === 'number' ? body.limit : 100, MAX_LIMIT);
    return sorted.slice(offset, offset + limit);
  }

  /**
   * Runs a write outside any transaction once the documents it touches are unlocked. `targets` is
   * evaluated again after each wait, and `write` runs synchronously right after it.
   */
  private async outside<T>(coll: string, targets: () => string[], write: (ids: string[]) => T): Promise<T> {
    for (;;) {
      const ids = targets();
      if (!this.data.isLocked(coll, ids)) return write(ids);
      await this.data.nextRelease();
    }
  }

  private async insert(body: Body, tx: Transaction | undefined): Promise<string[]> {
    const coll = str(body, 'collectionName');
    const raw = body.data;
    if (!Array.isArray(raw)) throw new StandinError('STANDIN_BAD_REQUEST', 'data must be an array');
    const docs = raw.map((d) => asDocument(parse(String(d))));
    const ids = docs.map(idOf);
    const put = (): string[] => {
      docs.forEach((doc, i) => {
        if (this.data.read(coll, ids[i], tx)) {
          if (tx) this.data.abort(tx);
          throw new StandinError(
            'DATABASE_DUPLICATE_WRITE',
            `E11000 duplicate key error collection: ${coll} index: _id_`,
          );
        }
        if (tx) this.data.txWrite(tx, coll, ids[i], doc);
        else this.data.commitWrite(coll, ids[i], doc);
      });
      return ids;
    };
    return tx ? put() : this.outside(coll, () => ids, put);
  }

  private targets(body: Body, tx: Transaction | undefined): string[] {
    const coll = str(body, 'collectionName');
    if (body.queryType === 'DOC') {
      const id = this.docId(body);
      return this.data.read(coll, id, tx) ? [id] : [];
    }
    if (tx) throw new StandinError('STANDIN_UNSUPPORTED', 'the SDK never sends where-writes in a transaction');
    const found = this.where(body, tx).map(idOf);
    return body.multi === false ? found.slice(0, 1) : found;
  }

  private async modify(body: Body, tx: Transaction | undefined): Promise<Body> {
    const coll = str(body, 'collectionName');
    const update = parse(str(body, 'data'));
    const write = (ids: string[]): Body => {
      // `set`: replace the whole document, creating it when upsert is on.
      if (body.merge === false) {
        const id = this.docId(body);
        const replacement = { ...asDocument(update), _id: id };
        const existed = ids.length > 0;
        if (!existed && body.upsert !== true) return { updated: 0 };
        if (tx) this.data.txWrite(tx, coll, id, replacement);
        else this.data.commitWrite(coll, id, replacement);
        return existed ? { updated: 1 } : { updated: 0, upsert_id: id };
      }
      for (const id of ids) {
        const current = this.data.read(coll, id, tx);
        if (!current) continue;
        const next = applyUpdate(current, update);
        if (tx) this.data.txWrite(tx, coll, id, next);
        else this.data.commitWrite(coll, id, next);
      }
      return { updated: ids.length };
    };
    const targets = (): string[] => this.targets(body, tx);
    if (tx) return write(targets());
    // A set of a missing document must still wait for a transaction that is creating it.
    const lockIds = (): string[] => (body.queryType === 'DOC' ? [this.docId(body)] : targets());
    return this.outside(coll, lockIds, () => write(targets()));
  }

  private async remove(body: Body, tx: Transaction | undefined): Promise<number> {
    const coll = str(body, 'collectionName');
    const write = (ids: string[]): number => {
      for (const id of ids) {
        if (tx) this.data.txWrite(tx, coll, id, null);
        else this.data.commitWrite(coll, id, null);
      }
      return ids.length;
    };
    if (tx) return write(this.targets(body, tx));
    return this.outside(
      coll,
      () => (body.queryType === 'DOC' ? [this.docId(body)] : this.targets(body, tx)),
      () => write(this.targets(body, tx)),
    );
  }
}
