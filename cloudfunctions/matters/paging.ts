import { AppError } from '../../core/errors';

/**
 * Keyset paging: each list sorts on one unique key and the cursor is the last key shown, so page
 * 500 costs what page 1 costs (no skip over what came before).
 */
export function page<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? keyOf(last) : null };
}

/** A timeline cursor is an entry number; anything else was not given out by us. */
export function seqCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,9}$/.test(cursor)) throw new AppError('INVALID_INPUT', '翻页的位置不对，请从头再看');
  return Number(cursor);
}
