import { AppError } from '../../core/errors';
import { sha256 } from './hash';
import type { Doc, Store } from './store/port';

/**
 * Things a phone may send more than once: a retry after the network dropped the answer, two taps
 * arriving together. When the phone gives a client id (made once per thing, kept across its
 * retries), the record's id is derived from it, so the store's primary key keeps it once.
 */

/** The id of a record sent with a client id: the same for every resend, different for each (place, account, client id). */
export function sentId(prefix: string, place: string, accountId: string, clientId: string): string {
  return `${prefix}_${sha256(JSON.stringify([place, accountId, clientId])).slice(0, 24)}`;
}

/**
 * Runs `make` (which stores the record under `id`) unless an earlier send already stored it: then
 * that record is the answer; if two sends race, the one the store refused answers with the one it
 * kept. Without a client id (`sent` false) it only runs `make`.
 */
export async function once<T extends Doc>(
  store: Store,
  collection: string,
  id: string,
  sent: boolean,
  make: () => Promise<T>,
): Promise<T> {
  const earlier = sent ? await store.get<T>(collection, id) : null;
  if (earlier) return earlier;
  try {
    return await make();
  } catch (e) {
    const kept = sent && e instanceof AppError && e.code === 'DUPLICATE' ? await store.get<T>(collection, id) : null;
    if (kept) return kept;
    throw e;
  }
}
