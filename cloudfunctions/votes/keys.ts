import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors';
import { sha256 } from '../shared/hash';
import type { Doc, Store } from '../shared/store/port';

export { sha256 };

interface KeyDoc extends Doc {
  readonly key: string;
}

const KEY_ID = 'receipt-key';
let cached: { store: Store; key: string } | null = null;

/**
 * The server secret under which receipts are derived (HMAC): made once per store, kept in the store,
 * never sent to a client. Two instances racing to make it: one insert wins, both read the winner.
 */
export async function receiptMac(store: Store): Promise<(input: string) => string> {
  if (!cached || cached.store !== store) {
    let doc = await store.get<KeyDoc>('meta', KEY_ID);
    if (!doc) {
      try {
        await store.insert<KeyDoc>('meta', { _id: KEY_ID, key: randomBytes(32).toString('hex') });
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'DUPLICATE')) throw e;
      }
      doc = await store.get<KeyDoc>('meta', KEY_ID);
    }
    if (!doc) throw new AppError('INTERNAL');
    cached = { store, key: doc.key };
  }
  const key = cached.key;
  return (input: string) => createHmac('sha256', key).update(input).digest('hex');
}

export function randomBallotToken(): string {
  return randomBytes(24).toString('base64url');
}

export function electorDocId(motionId: string, electorId: string): string {
  return `el_${sha256(JSON.stringify([motionId, electorId])).slice(0, 40)}`;
}
