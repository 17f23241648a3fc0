import Database from 'better-sqlite3';
import { closeSync, fsync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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
  /**
   * Keep the slow disk work off the main thread, where SQLite would otherwise do it inside a commit
   * and stall every request meanwhile:
   * - the fsync that makes a commit durable runs on libuv's thread pool, and commits made while one
   *   is under way share the next; a write is still acknowledged only once its fsync is done;
   * - copying the write-ahead log into the database file (the checkpoint) runs on a worker thread.
   * The gateway turns it on; tests that open thousands of stores leave it off.
   */
  readonly backgroundIo?: boolean;
}

/**
 * The checkpointer's whole program: its own connection to the same file, a PASSIVE checkpoint
 * (which never blocks the writer or the readers) each time it is asked, `done` when finished.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  try { db.pragma('wal_checkpoint(PASSIVE)'); parentPort.postMessage('done'); }
  catch (e) { parentPort.postMessage('failed'); }
});
`;

/** Ask for a checkpoint after this many commits, or this long after the last unchecked one. */
const CHECKPOINT_EVERY_COMMITS = 8;
const CHECKPOINT_AFTER_MS = 250;

/** Log fsyncs under way at once, on libuv's pool of four threads. */
const MAX_SYNCS_IN_FLIGHT = 2;

interface Row {
  id: string;
  doc: string;
}

const TABLE_PREFIX = 'c_';

/** At most this many transactions share one commit, so single writes never wait long behind a group. */
const MAX_GROUP = 32;

interface CommitGroup {
  members: number;
  scheduled: boolean;
  /** Resolves once the shared COMMIT is on disk; rejects if the shared transaction was lost. */
  readonly committed: Promise<void>;
  /** Resolves either way: what single writes wait for. */
  readonly settled: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

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
  private readonly reader: Database.Database;
  private readonly specs: Readonly<Record<string, CollectionSpec>>;
  /** Set while a transaction's function runs, so other callers wait instead of slipping into it. */
  private running: Promise<void> | null = null;
  /** The open shared transaction (see transaction), until its COMMIT. */
  private group: CommitGroup | null = null;
  /** Transactions waiting for their turn: while there are some, the open group waits for them. */
  private txWaiting = 0;
  private commitCount = 0;
  private checkpointer: Worker | null = null;
  private checkpointing = false;
  private uncheckpointed = 0;
  private checkpointTimer: NodeJS.Timeout | null = null;
  /** Background fsync of the log (see durable). */
  private readonly syncLog: boolean;
  private readonly logFile: string;
  private logFd: number | null = null;
  /** Commits made since the fsync under way (if any) began. */
  private dirty = false;
  private syncsInFlight = 0;
  /** Ends with the fsync begun last (null when none is under way): it covers every commit so far. */
  private latestSync: Promise<void> | null = null;
  /** Waiting for the next fsync to begin and end. */
  private waitingForSync: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  /**
   * Set for good by a failed fsync of the log. What that fsync covered is committed and may or may
   * not be on disk (Linux marks pages whose writeback failed as clean, so a later fsync would
   * "succeed" without them): like PostgreSQL, the store then refuses everything, and a restart lets
   * SQLite's recovery decide what is on disk.
   */
  private syncFailed: Error | null = null;
  private closing = false;
  private readonly ops: DocOps;

  constructor(options: EmbeddedOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.specs = options.collections ?? COLLECTIONS;
    const file = join(options.dir, options.fileName ?? 'store.sqlite');
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // At full durability with background I/O, COMMIT itself does not fsync (NORMAL): the store
    // fsyncs the log off the main thread before it acknowledges (see durable).
    this.syncLog = options.durability !== 'normal' && options.backgroundIo === true;
    this.logFile = `${file}-wal`;
    this.db.pragma(`synchronous = ${options.durability === 'normal' || this.syncLog ? 'NORMAL' : 'FULL'}`);
    // Another process (verify-tally, a seed script) may hold the write lock for a moment.
    this.db.pragma('busy_timeout = 5000');
    // Plain reads use a second connection, which sees only what is committed (WAL lets it read
    // beside an open write): they never wait for a commit group, and never see a group's writes
    // before its COMMIT. (With background I/O, a read may see a commit up to one fsync before it is
    // on disk; no write is acknowledged before.)
    this.reader = new Database(file);
    this.reader.pragma('busy_timeout = 5000');
    this.reader.pragma('query_only = ON');
    if (options.backgroundIo) this.startCheckpointer(file);
    this.ops = this.docOps();
  }

  /** Statements compiled once and reused: preparing costs more than running a small one. */
  private readonly statements = new Map<string, Database.Statement>();

  private readonly readStatements = new Map<string, Database.Statement>();

  private prepared(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** A statement that binds and returns nothing (BEGIN, SAVEPOINT, COMMIT), compiled once: exec() parses it every time. */
  private run(sql: string): void {
    this.prepared(sql).run();
  }

  private preparedRead(sql: string): Database.Statement {
    let stmt = this.readStatements.get(sql);
    if (!stmt) {
      stmt = this.reader.prepare(sql);
      this.readStatements.set(sql, stmt);
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
    await this.exclusive(() => {
      this.assertWritable();
      this.createSchema();
      this.dirty = true;
    });
    await this.durable();
  }

  private createSchema(): void {
    const create = this.db.transaction(() => {
      for (const [name, spec] of Object.entries(this.specs)) {
        const t = this.table(name);
        // WITHOUT ROWID: rows are kept in id order only, so the file does not also remember the
        // order they were written in (a secret ballot's content must not line up with its voter).
        this.db.exec(`CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID`);
        const wanted = new Set<string>();
        for (const ix of spec.indexes) {
          const cols = ix.fields.map(([f, d]) => `${expr(f)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ');
          const unique = ix.unique ? 'UNIQUE ' : '';
          wanted.add(`ix_${name}_${ix.name}`);
          this.db.exec(`CREATE ${unique}INDEX IF NOT EXISTS "ix_${name}_${ix.name}" ON ${t} (${cols})`);
        }
        // An index the spec no longer has would still cost every write: drop it (only ours, by name).
        const existing = this.db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_%' ESCAPE '\\'",
          )
          .all(`${TABLE_PREFIX}${name}`) as Array<{ name: string }>;
        for (const { name: index } of existing) if (!wanted.has(index)) this.db.exec(`DROP INDEX "${index}"`);
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
    this.exclusiveWaiting += 1;
    try {
      for (;;) {
        if (this.running) await this.running;
        else if (this.group) await this.group.settled;
        else break;
      }
    } finally {
      this.exclusiveWaiting -= 1;
    }
    return run();
  }

  /** Single writes waiting in exclusive() for their turn: close() lets them go first. */
  private exclusiveWaiting = 0;

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
    const row = this.preparedRead(`SELECT id, doc FROM ${this.table(collection)} WHERE id = ?`).get(id) as
      Row | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }
  async insert<T extends Doc>(collection: string, doc: NewDoc<T>): Promise<void> {
    return this.write(() => this.ops.insert<T>(collection, doc));
  }
  async set<T extends Doc>(collection: string, doc: NewDoc<T>): Promise<void> {
    return this.write(() => this.ops.set<T>(collection, doc));
  }
  async update<T extends Doc>(collection: string, id: string, patch: Patch<T>, options?: UpdateOptions): Promise<void> {
    return this.write(() => this.ops.update<T>(collection, id, patch, options));
  }
  async inc(collection: string, id: string, deltas: Readonly<Record<string, number>>): Promise<void> {
    return this.write(() => this.ops.inc(collection, id, deltas));
  }
  async remove(collection: string, id: string): Promise<boolean> {
    return this.write(() => this.ops.remove(collection, id));
  }

  /**
   * A single write outside any transaction: its own commit. It counts as made in the same
   * synchronous step as the commit, so close() and the next fsync cannot miss it.
   */
  private async write<V>(run: () => Promise<V>): Promise<V> {
    const outcome = await this.exclusive(() => {
      this.assertWritable();
      const result = run();
      this.dirty = true;
      this.noteCommit();
      return result;
    }).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await this.durable();
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** After close(), or once an fsync of the log has failed, nothing more is written or acknowledged. */
  private assertWritable(): void {
    if (this.syncFailed) throw this.syncFailed;
    if (this.closing) throw new Error('store: closed');
  }

  private startCheckpointer(file: string): void {
    const worker = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: { file, module: createRequire(__filename).resolve('better-sqlite3') },
    });
    // SQLite still checkpoints inside a commit once the log passes 4,000 pages (16 MB), which keeps
    // the log bounded if the worker falls behind; that checkpoint is short, as the worker has
    // already copied most of it. After it the log starts again from its beginning, truncated.
    this.db.pragma('wal_autocheckpoint = 4000');
    this.db.pragma(`journal_size_limit = ${16 * 1024 * 1024}`);
    const fallBack = () => {
      // Without the worker, SQLite checkpoints inside commits again, as it does by default.
      if (this.checkpointer !== worker) return;
      this.checkpointer = null;
      void worker.terminate();
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    };
    worker.on('message', (m: unknown) => {
      this.checkpointing = false;
      if (m !== 'done') fallBack();
      // Commits made while it ran wait for the next one.
      else if (this.uncheckpointed > 0) this.requestCheckpoint();
    });
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    // After the listeners, which would otherwise hold the process open again.
    worker.unref();
    this.checkpointer = worker;
  }

  private noteCommit(): void {
    if (!this.checkpointer) return;
    this.uncheckpointed += 1;
    if (this.uncheckpointed >= CHECKPOINT_EVERY_COMMITS) this.requestCheckpoint();
    else if (!this.checkpointTimer) {
      this.checkpointTimer = setTimeout(() => {
        this.checkpointTimer = null;
        this.requestCheckpoint();
      }, CHECKPOINT_AFTER_MS);
      this.checkpointTimer.unref();
    }
  }

  private requestCheckpoint(): void {
    if (!this.checkpointer || this.checkpointing || this.uncheckpointed === 0) return;
    this.checkpointing = true;
    this.uncheckpointed = 0;
    this.checkpointer.postMessage('checkpoint');
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
    this.notePlan(sql, [...params, limit, skip]);
    const rows = this.preparedRead(sql).all(...params, limit, skip) as Array<{ doc: string }>;
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  async count(collection: string, filter: Filter): Promise<number> {
    const params: Array<string | number | null> = [];
    const where = this.where(filter, params);
    const sql = `SELECT COUNT(*) AS n FROM ${this.table(collection)}${where}`;
    this.notePlan(sql, params);
    const row = this.preparedRead(sql).get(...params) as { n: number };
    return row.n;
  }

  /** While set (see recordPlans), the query plan of each find and count, for tests. */
  private plans: string[] | null = null;

  /**
   * For tests that a read's cost does not grow with history: records SQLite's plan (EXPLAIN QUERY
   * PLAN) of every find and count until the returned function is called, which returns them as
   * `collection: detail` lines. A full scan reads `SCAN "c_matters"`; an indexed range reads
   * `SEARCH "c_matters" USING INDEX ...`; a sort the index does not give adds `USE TEMP B-TREE`.
   */
  recordPlans(): () => string[] {
    this.plans = [];
    return () => {
      const found = this.plans ?? [];
      this.plans = null;
      return found;
    };
  }

  private notePlan(sql: string, params: ReadonlyArray<string | number | null>): void {
    if (!this.plans) return;
    const rows = this.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
    this.plans.push(...rows.map((r) => r.detail));
  }

  /**
   * Group commit. Transactions that queue up while one runs (the requests of one busy moment) share
   * one SQLite transaction and so one fsync: each runs in its own SAVEPOINT, so a refused one (a
   * second ballot) rolls back alone, and none is acknowledged before the shared COMMIT is on disk.
   * If the shared transaction is lost (an I/O error, a failed COMMIT), every member of the group
   * fails: none of them was acknowledged, none of them is stored. Single writes wait until the group
   * has committed; plain reads use the reader connection, which sees a group only once committed.
   */
  async transaction<R>(fn: (tx: DocOps) => Promise<R>): Promise<R> {
    // Check and claim in one synchronous step (see exclusive): two transactions woken by the same
    // release must not both see the store idle.
    this.txWaiting += 1;
    try {
      while (this.running) await this.running;
    } finally {
      this.txWaiting -= 1;
    }
    let release: () => void = () => undefined;
    this.running = new Promise<void>((resolve) => {
      release = resolve;
    });
    let open = true;
    const guard =
      <A extends unknown[], V>(op: (...args: A) => Promise<V>) =>
      (...args: A): Promise<V> => {
        if (!open) return Promise.reject(new Error('store: transaction already finished'));
        // After SQLite rolled the shared transaction back (disk full, I/O), a further op would
        // autocommit on its own: refuse it instead.
        if (!this.db.inTransaction) {
          open = false;
          return Promise.reject(new Error('store: the shared transaction was aborted'));
        }
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
    let group: CommitGroup | null = null;
    let endedHere = false;
    let outcome: { ok: true; value: R } | { ok: false; error: unknown } = {
      ok: false,
      error: new Error('store: the transaction did not run'),
    };
    try {
      this.assertWritable();
      group = this.group ?? this.openGroup();
      group.members += 1;
      // One member runs at a time, each released or rolled back before the next: one name serves.
      this.run('SAVEPOINT member');
      try {
        const value = await fn(tx);
        open = false;
        this.run('RELEASE member');
        outcome = { ok: true, value };
      } catch (error) {
        open = false;
        if (this.db.inTransaction) {
          this.run('ROLLBACK TO member');
          this.run('RELEASE member');
        }
        outcome = { ok: false, error };
      }
    } catch (error) {
      // BEGIN, SAVEPOINT or ROLLBACK TO itself failed.
      outcome = { ok: false, error };
    } finally {
      open = false;
      if (group && this.group === group) {
        if (!this.db.inTransaction) {
          // This member's failure (disk full, I/O) took the whole shared transaction with it.
          endedHere = true;
          this.endGroup(group, new Error('store: the shared transaction was aborted'));
        } else if (group.members >= MAX_GROUP) this.commitGroup(group);
        else if (this.txWaiting === 0) this.scheduleCommit(group);
        // Otherwise a transaction is waiting: it joins this group, and the last one in commits.
      }
      this.running = null;
      release();
    }
    if (!group || endedHere) {
      if (!outcome.ok) throw outcome.error;
      throw new Error('store: the shared transaction was aborted');
    }
    // Even a refusal waits for the group: it may rest on another member's write (a second ballot
    // refused because of the first), which counts only if the group is stored.
    const lost = await group.committed.then(
      () => null,
      (e: unknown) => e ?? new Error('store: the shared transaction was lost'),
    );
    if (lost !== null) throw lost;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** How many shared commits transactions have made (one fsync each at full durability). */
  get transactionCommits(): number {
    return this.commitCount;
  }

  private openGroup(): CommitGroup {
    this.run('BEGIN IMMEDIATE');
    let resolve: () => void = () => undefined;
    let reject: (e: unknown) => void = () => undefined;
    const committed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A group whose members all failed has nobody awaiting it: that is not an unhandled error.
    committed.catch(() => undefined);
    const settled = committed.then(
      () => undefined,
      () => undefined,
    );
    const group: CommitGroup = { members: 0, scheduled: false, committed, settled, resolve, reject };
    this.group = group;
    return group;
  }

  /**
   * Commits after the callbacks of this turn of the event loop: the requests that arrived together
   * have had their chance to join. A member still running then commits or reschedules at its end.
   */
  private scheduleCommit(group: CommitGroup): void {
    if (group.scheduled) return;
    group.scheduled = true;
    setImmediate(() => {
      group.scheduled = false;
      if (this.group === group && !this.running) this.commitGroup(group);
    });
  }

  private commitGroup(group: CommitGroup): void {
    try {
      this.run('COMMIT');
      this.commitCount += 1;
      this.dirty = true;
      this.noteCommit();
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.endGroup(group, e);
      return;
    }
    this.group = null;
    this.durable().then(group.resolve, group.reject);
  }

  /** Resolves once every commit made so far is on disk. */
  private durable(): Promise<void> {
    if (!this.syncLog) return Promise.resolve();
    if (this.syncFailed) return Promise.reject(this.syncFailed);
    if (this.dirty)
      return new Promise((resolve, reject) => {
        this.waitingForSync.push({ resolve, reject });
        this.startSync();
      });
    // Nothing new since the last fsync began: wait for that one, if it is still under way.
    return this.latestSync ?? Promise.resolve();
  }

  /**
   * Starts an fsync for the commits made since the last one began (up to two at once, so that a
   * commit made during one need not wait for it to end before its own starts); everything committed
   * before an fsync starts is durable when it ends.
   */
  private startSync(): void {
    if (!this.dirty || this.syncsInFlight >= MAX_SYNCS_IN_FLIGHT) return;
    this.dirty = false;
    const batch = this.waitingForSync;
    this.waitingForSync = [];
    const ended = new Promise<void>((resolve, reject) => batch.push({ resolve, reject }));
    ended.catch(() => undefined); // its waiters hear of a failure; this one is only for durable()
    this.latestSync = ended;
    this.syncsInFlight += 1;
    const finish = (error: unknown) => {
      this.syncsInFlight -= 1;
      if (this.latestSync === ended) this.latestSync = null;
      if (error)
        this.syncFailed ??= new Error('store: the fsync of the log failed; what it covered may not be on disk', {
          cause: error,
        });
      for (const w of batch)
        if (this.syncFailed) w.reject(this.syncFailed);
        else w.resolve();
      if (this.syncFailed) {
        for (const w of this.waitingForSync) w.reject(this.syncFailed);
        this.waitingForSync = [];
        return;
      }
      this.startSync();
    };
    try {
      // r+: Windows flushes a file only through a handle that may write it.
      this.logFd ??= openSync(this.logFile, 'r+');
    } catch (e) {
      finish(e);
      return;
    }
    fsync(this.logFd, finish);
  }

  private endGroup(group: CommitGroup, error: unknown): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.group = null;
    group.reject(error);
  }

  async close(): Promise<void> {
    const worker = this.checkpointer;
    if (worker) {
      this.checkpointer = null;
      if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref(); // or the process could end here, with nothing else left to wait for
      worker.postMessage('close');
      await exited;
    }
    // Behind every write and group already queued; nothing commits after this. A write waiting on a
    // group between its COMMIT and its fsync sees no group any more, but must still go first.
    for (;;) {
      const last = await this.exclusive(() => {
        if (this.exclusiveWaiting > 0) return false;
        this.closing = true;
        return true;
      });
      if (last) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    try {
      // The last commits' fsync, before the file is let go (a failure already reported stays so).
      if (!this.syncFailed) await this.durable();
    } finally {
      if (this.logFd !== null) closeSync(this.logFd);
      this.logFd = null;
      if (this.reader.open) this.reader.close();
      if (this.db.open) this.db.close();
    }
  }
}

export function openEmbeddedStore(options: EmbeddedOptions): EmbeddedStore {
  return new EmbeddedStore(options);
}
