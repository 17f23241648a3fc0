import { createHash } from 'node:crypto';

/**
 * A visit's id, from who made it and the id their phone gave it. The phone's id alone would let one
 * member's phone take another's id; with the visitor in it, a replay from the same person (even from
 * a new phone: the person, not the account) lands on the same id and the store refuses it as a
 * DUPLICATE. Hashed to a fixed length so ids that embed it (its needs) stay short.
 */
export function visitIdOf(personId: string, clientId: string): string {
  return `vi_${createHash('sha256').update(`${personId}\n${clientId}`).digest('hex').slice(0, 32)}`;
}

/** "time|id": newest-first lists of needs sort and page on it. */
export function listKeyOf(at: number, id: string): string {
  return `${String(at).padStart(16, '0')}|${id}`;
}
