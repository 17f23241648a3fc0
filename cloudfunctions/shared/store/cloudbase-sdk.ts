/**
 * The part of @cloudbase/node-sdk's database that the CloudBase adapter uses, typed narrowly.
 * The SDK's own declarations are mostly `any`; these say what we rely on, and every shape here was
 * checked against the SDK's requests and replies (../shared/CLOUDBASE-SDK.md). No SDK import here:
 * cloudbase.ts casts the real objects to these types once.
 */

/** An opaque query operator built by `db.command` (`_.in`, `_.gt`, ...). */
export interface SdkQueryCommand {
  and(other: SdkQueryCommand): SdkQueryCommand;
}

/** An opaque update operator built by `db.command` (`_.set`, `_.inc`, `_.remove`). */
export interface SdkUpdateCommand {
  readonly __sdkUpdateCommand?: never;
}

export type SdkQueryValue = string | number | boolean | null | SdkQueryCommand;
export type SdkWhere = Record<string, SdkQueryValue>;
export type SdkUpdate = Record<string, unknown>;

export interface SdkCommand {
  eq(value: string | number | boolean | null): SdkQueryCommand;
  in(values: ReadonlyArray<string | number | boolean | null>): SdkQueryCommand;
  gt(value: string | number): SdkQueryCommand;
  gte(value: string | number): SdkQueryCommand;
  lt(value: string | number): SdkQueryCommand;
  lte(value: string | number): SdkQueryCommand;
  /** Replaces a field whole; without it the SDK flattens nested objects into dotted $set paths. */
  set(value: unknown): SdkUpdateCommand;
  inc(delta: number): SdkUpdateCommand;
  remove(): SdkUpdateCommand;
}

/** `data` is an array outside a transaction and a document or null inside one. */
export interface SdkDocGetResult {
  readonly data?: unknown;
}

export interface SdkWriteResult {
  readonly updated?: number;
  readonly deleted?: number;
}

export interface SdkDocRef {
  get(): Promise<SdkDocGetResult>;
  set(data: Record<string, unknown>): Promise<SdkWriteResult>;
  update(data: SdkUpdate): Promise<SdkWriteResult>;
  remove(): Promise<SdkWriteResult>;
}

export interface SdkQuery {
  where(query: SdkWhere): SdkQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): SdkQuery;
  skip(offset: number): SdkQuery;
  limit(limit: number): SdkQuery;
  /** `multiple: false` makes `where().update()` send multi:false (it defaults to true). */
  options(options: { multiple?: boolean }): SdkQuery;
  get(): Promise<{ readonly data?: unknown }>;
  count(): Promise<{ readonly total?: number }>;
  update(data: SdkUpdate): Promise<SdkWriteResult>;
}

export interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDocRef;
  add(data: Record<string, unknown>): Promise<{ readonly id?: string }>;
}

export interface SdkTransaction {
  collection(name: string): SdkCollection;
  getTransactionId(): string | undefined;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface SdkDb {
  readonly command: SdkCommand;
  collection(name: string): SdkCollection;
  startTransaction(): Promise<SdkTransaction>;
  /** Sends `database.addCollection`; fails when the collection exists. */
  createCollection(name: string): Promise<unknown>;
}
