import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../core/errors';
import { COLLECTIONS, type CollectionSpec } from './collections';
import { assertField, checkPaging, compileFilter, type Clause } from './filter';
import type { Doc, DocOps, Filter, FindOptions, NewDoc, Patch, Scalar, Store, UpdateOptions } from './port';

/**
 * The embedded adapter: SQLite through better-sqlite3, one table per collection, each document as
 * JSON text with its id as primary key and declared indexes on json_extract expressions.
 *
 * Why SQLite and not NeDB: NeDB has no transactions, so a crash between a ballot and its counter
 * leaves half a write (measured in ../shared/TOOLCHAIN.md). SQLite commits atomically in WAL mode and
 * survives SIGKILL with nothing half-written.
 *
 * Durability: `full` (the default) fsyncs every commit, so an acknowledged write is on disk even
 * across a power cut. `normal` syncs at checkpoints only: still safe across a process crash, faster,
 * used by tests that make thousands of stores.
 */
export interface EmbeddedOptions {
  readonly dir: string;
  readonly durability?: 'full' | 'normal';
  readonly collections?: Readonly<Record<string, CollectionSpec>>;
  readonly fileName?: string;
}

interface Row {
  id: string;
  doc: string;
}

const TABLE_PREFIX = 'c_';

function path(field: string): string {
  assertField(field);
  return `'$.${field}'`;
}

function expr(field: string): string {
  return `json_extract(doc, ${path(field)})`;
}

function bindValue(v: Scalar | string | number): string | number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * MongoDB matches within one type only: 1 never matches true or '1'. json_extract turns JSON true
 * and false into the integers 1 and 0, so numbers need json_type as a guard too (typeof cannot
 * tell them apart).
 */
function typeGuard(field: string, value: string | number): string {
  return typeof value === 'number'
    ? `json_type(doc, ${path(field)}) IN ('integer', 'real')`
    : `json_type(doc, ${path(field)}) = 'text'`;
}

function clauseSql(c: Clause, params: Array<string | number | null>): string {
  const e = expr(c.field);
  switch (c.kind) {
    case 'eq':
      if (c.value === null) return `${e} IS NULL`;
      if (typeof c.value === 'boolean') return `json_type(doc, ${path(c.field)}) = '${c.value ? 'true' : 'false'}'`;
      params.push(bindValue(c.value));
      return `(${e} = ? AND ${typeGuard(c.field, c.value)})`;
    case 'in': {
      if (c.values.length === 0) return '0';
      const parts: string[] = [];
      for (const kind of ['number', 'string'] as const) {
        const same = c.values.filter((v): v is string | number => typeof v === kind);
        if (same.length === 0) continue;
        parts.push(`(${e} IN (${same.map(() => '?').join(', ')}) AND ${typeGuard(c.field, same[0])})`);
        for (const v of same) params.push(v);
      }
      if (c.values.includes(null)) parts.push(`${e} IS NULL`);
      for (const b of [true, false]) if (c.values.includes(b)) parts.push(`json_type(doc, ${path(c.field)}) = '${b}'`);
      return `(${parts.join(' OR ')})`;
    }
    case 'range': {
      const op = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[c.op];
      params.push(c.value);
      // SQLite orders every number below every string; MongoDB compares within one type only.
      return `(${e} ${op} ? AND ${typeGuard(c.field, c.value)})`;
    }
  }
}

function duplicate(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function checkDoc(doc: { _id?: unknown }): string {
  if (typeof doc._id !== 'string' || doc._id.length === 0 || doc._id.length > 200) {
    throw new Error('store: a document needs a non-empty string _id of at most 200 characters');
  }
  return doc._id;
}

function checkPatch(patch: object): void {
  for (const key of Object.keys(patch)) {
    if (key === '_id' || key === 'version') throw new Error(`store: a patch cannot set ${key}`);
    assertField(key);
    if (key.includes('.')) throw new Error('store: a patch sets top-level fields only');
  }
}

export class EmbeddedStore implements Store {
  private readonly db: Database.Database;
  private readonly specs: Readonly<Record<string, CollectionSpec>>;
  /** Set while an async transaction is open, so other callers wait instead of slipping into it. */
  private txOpen: Promise<void> | null = null;
  private readonly ops: DocOps;

  constructor(options: EmbeddedOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.specs = options.collections ?? COLLECTIONS;
    this.db = new Database(join(options.dir, options.fileName ?? 'store.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    // Another process (verify-tally, a seed script) may hold the write lock for a moment.
    this.db.pragma('busy_timeout = 5000');
    this.ops = this.docOps();
  }

  /** Statements compiled once and reused: preparing costs more than running a small one. */
  private readonly statements = new Map<string, Database.Statement>();

  private prepared(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private table(collection: string): string {
    if (!Object.prototype.hasOwnProperty.call(this.specs, collection)) {
      throw new Error(`store: unknown collection ${JSON.stringify(collection)}`);
    }
    return `"${TABLE_PREFIX}${collection}"`;
  }

  async ensureSchema(): Promise<void> {
    await this.exclusive(() => this.createSchema());
  }

  private createSchema(): void {
    const create = this.db.transaction(() => {
      for (const [name, spec] of Object.entries(this.specs)) {
        const t = this.table(name);
        // WITHOUT ROWID: rows are kept in id order only, so the file does not also remember the
        // order they were written in (a secret ballot's content must not line up with its voter).
        this.db.exec(`CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID`);
        for (const ix of spec.indexes) {
          const cols = ix.fields.map(([f, d]) => `${expr(f)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ');
          const unique = ix.unique ? 'UNIQUE ' : '';
          this.db.exec(`CREATE ${unique}INDEX IF NOT EXISTS "ix_${name}_${ix.name}" ON ${t} (${cols})`);
        }
      }
    });
    create.immediate();
  }

  /**
   * Runs `run` once no async transaction is open. The check and `run` happen in one synchronous
   * step: with an `await` between them, a transaction woken by the same release could BEGIN first,
   * and this write would then land inside it (and vanish with its rollback).
   */
  private async exclusive<V>(run: () => V): Promise<V> {
    while (this.txOpen) await this.txOpen;
    return run();
  }

  private readRow(collection: string, id: string): Row | undefined {
    return this.prepared(`SELECT id, doc FROM ${this.table(collection)} WHERE id = ?`).get(id) as Row | undefined;
  }

  private docOps(): DocOps {
    const parse = <T>(row: Row | undefined): T | null => (row ? (JSON.parse(row.doc) as T) : null);
    const write = (collection: string, id: string, doc: object): void => {
      this.prepared(`UPDATE ${this.table(collection)} SET doc = ? WHERE id = ?`).run(JSON.stringify(doc), id);
    };
    const readForWrite = (collection: string, id: string): Record<string, unknown> => {
      const row = this.readRow(collection, id);
      if (!row) throw new AppError('NOT_FOUND');
      return JSON.parse(row.doc) as Record<string, unknown>;
    };
    return {
      get: async <T extends Doc>(collection: string, id: string) => parse<T>(this.readRow(collection, id)),
      insert: async <T extends Doc>(collection: string, doc: NewDoc<T>) => {
        const id = checkDoc(doc);
        try {
          this.prepared(`INSERT INTO ${this.table(collection)} (id, doc) VALUES (?, ?)`).run(
            id,
            JSON.stringify({ ...doc, version: 1 }),
          );
        } catch (e) {
          if (duplicate(e)) throw new AppError('DUPLICATE');
          throw e;
        }
      },
      set: async <T extends Doc>(collection: string, doc: NewDoc<T>) => {
        const id = checkDoc(doc);
        const t = this.table(collection);
        this.db
          .transaction(() => {
            const prev = this.readRow(collection, id);
            const version = prev ? Number((JSON.parse(prev.doc) as Doc).version ?? 0) + 1 : 1;
            try {
              this.prepared(
                `INSERT INTO ${t} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
              ).run(id, JSON.stringify({ ...doc, version }));
            } catch (e) {
              if (duplicate(e)) throw new AppError('DUPLICATE');
              throw e;
            }
          })
          .immediate();
      },
      update: async <T extends Doc>(collection: string, id: string, patch: Patch<T>, options?: UpdateOptions) => {
        checkPatch(patch);
        this.db
          .transaction(() => {
            const current = readForWrite(collection, id);
            const version = Number(current.version ?? 0);
            if (options?.expectVersion !== undefined && options.expectVersion !== version)
              throw new AppError('CONFLICT');
            try {
              write(collection, id, { ...current, ...patch, version: version + 1 });
            } catch (e) {
              if (duplicate(e)) throw new AppError('DUPLICATE');
              throw e;
            }
          })
          .immediate();
      },
      inc: async (collection: string, id: string, deltas: Readonly<Record<string, number>>) => {
        checkPatch(deltas);
        for (const d of Object.values(deltas))
          if (!Number.isFinite(d)) throw new Error('store: inc needs finite numbers');
        this.db
          .transaction(() => {
            const current = readForWrite(collection, id);
            const next: Record<string, unknown> = { ...current, version: Number(current.version ?? 0) + 1 };
            for (const [field, d] of Object.entries(deltas)) {
              const prev = current[field];
              if (prev !== undefined && typeof prev !== 'number') throw new Error(`store: ${field} is not a number`);
              next[field] = (prev ?? 0) + d;
            }
            write(collection, id, next);
          })
          .immediate();
      },
      remove: async (collection: string, id: string) =>
        this.prepared(`DELETE FROM ${this.table(collection)} WHERE id = ?`).run(id).changes > 0,
    };
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return this.exclusive(() => this.ops.get<T>(collection, id));
  }
  async insert<T extends Doc>(collection: string, doc: NewDoc<T>): Promise<void> {
    return this.exclusive(() => this.ops.insert<T>(collection, doc));
  }
  async set<T extends Doc>(collection: string, doc: NewDoc<T>): Promise<void> {
    return this.exclusive(() => this.ops.set<T>(collection, doc));
  }
  async update<T extends Doc>(collection: string, id: string, patch: Patch<T>, options?: UpdateOptions): Promise<void> {
    return this.exclusive(() => this.ops.update<T>(collection, id, patch, options));
  }
  async inc(collection: string, id: string, deltas: Readonly<Record<string, number>>): Promise<void> {
    return this.exclusive(() => this.ops.inc(collection, id, deltas));
  }
  async remove(collection: string, id: string): Promise<boolean> {
    return this.exclusive(() => this.ops.remove(collection, id));
  }

  private where(filter: Filter, params: Array<string | number | null>): string {
    const clauses = compileFilter(filter);
    return clauses.length === 0 ? '' : ` WHERE ${clauses.map((c) => clauseSql(c, params)).join(' AND ')}`;
  }

  async find<T extends Doc>(collection: string, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const { limit, skip } = checkPaging(options.limit, options.skip);
    const params: Array<string | number | null> = [];
    const where = this.where(filter, params);
    const order = [...(options.sort ?? []).map(([f, d]) => `${expr(f)} ${d === 'desc' ? 'DESC' : 'ASC'}`), 'id ASC'];
    const sql = `SELECT doc FROM ${this.table(collection)}${where} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`;
    const rows = await this.exclusive(() => this.prepared(sql).all(...params, limit, skip) as Array<{ doc: string }>);
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  async count(collection: string, filter: Filter): Promise<number> {
    const params: Array<string | number | null> = [];
    const where = this.where(filter, params);
    const sql = `SELECT COUNT(*) AS n FROM ${this.table(collection)}${where}`;
    const row = await this.exclusive(() => this.prepared(sql).get(...params) as { n: number });
    return row.n;
  }

  async transaction<R>(fn: (tx: DocOps) => Promise<R>): Promise<R> {
    // Check and claim in one synchronous step (see exclusive): two transactions woken by the same
    // release must not both see the store idle.
    while (this.txOpen) await this.txOpen;
    let release: () => void = () => undefined;
    this.txOpen = new Promise<void>((resolve) => {
      release = resolve;
    });
    let open = true;
    const guard =
      <A extends unknown[], V>(op: (...args: A) => Promise<V>) =>
      (...args: A): Promise<V> => {
        if (!open) return Promise.reject(new Error('store: transaction already finished'));
        return op(...args);
      };
    const o = this.ops;
    const tx: DocOps = {
      get: guard((c: string, id: string) => o.get(c, id)),
      insert: guard((c: string, d: NewDoc<Doc>) => o.insert(c, d)),
      set: guard((c: string, d: NewDoc<Doc>) => o.set(c, d)),
      update: guard((c: string, id: string, p: Patch<Doc>, opt?: UpdateOptions) => o.update(c, id, p, opt)),
      inc: guard((c: string, id: string, d: Readonly<Record<string, number>>) => o.inc(c, id, d)),
      remove: guard((c: string, id: string) => o.remove(c, id)),
    } as DocOps;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        open = false;
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        open = false;
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      this.txOpen = null;
      release();
    }
  }

  async close(): Promise<void> {
    await this.exclusive(() => {
      if (this.db.open) this.db.close();
    });
  }
}

export function openEmbeddedStore(options: EmbeddedOptions): EmbeddedStore {
  return new EmbeddedStore(options);
}
