import { randomBytes } from 'node:crypto';
import { sentId } from '../shared/once';

/**
 * Ids and sort keys of the matters function. New records get random ids of one fixed length, so
 * keys built from them (a comment's thread key) sort the same way at every depth.
 */
export type IdPrefix = 'm' | 'c' | 'mt' | 'pg' | 'ms';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/**
 * A sent id (shared/once.ts), as long as newId's, when the phone gave a client id; else a fresh
 * random one.
 */
export function idFor(prefix: IdPrefix, place: string, accountId: string, clientId: string | undefined): string {
  return clientId === undefined ? newId(prefix) : sentId(prefix, place, accountId, clientId);
}

/** Epoch ms have at most 16 digits until the year 2286; padding makes string order time order. */
function pad(ms: number): string {
  return String(ms).padStart(16, '0');
}

/** "time|id": unique, and ordered by time then id, so one field carries both a list's order and its cursor. */
export function timeKey(at: number, id: string): string {
  return `${pad(at)}|${id}`;
}

/** A comment's place in its thread: replies carry their parent's key in front, so they sort right under it. */
export function threadKey(parentKey: string | null, createdAt: number, id: string): string {
  const own = timeKey(createdAt, id);
  return parentKey === null ? own : `${parentKey}/${own}`;
}

/** Timeline entries are numbered per matter; the number orders them even within one millisecond. */
export function eventId(matterId: string, seq: number): string {
  return `${matterId}:${String(seq).padStart(6, '0')}`;
}

/** One draft per account: autosave overwrites it instead of piling up copies. */
export function draftIdFor(accountId: string): string {
  return `draft:${accountId}`;
}
