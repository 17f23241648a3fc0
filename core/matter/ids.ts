/**
 * Once-per-person records (a co-signature, a rating, a report) get an id derived from what they are
 * about and who made them, so the store's insert refuses the second one with DUPLICATE even when two
 * requests race: uniqueness without a read-then-write.
 *
 * Ids may themselves contain ':' (see core/ids.ts), so plain joining could make ('a:b', 'c') and
 * ('a', 'b:c') collide. Prefixing the length of the first part makes the split unique.
 */
export function derivedId(kind: string, subjectId: string, personId: string): string {
  if (!subjectId || !personId) throw new RangeError('derived ids need both a subject and a person');
  return `${kind}:${subjectId.length}:${subjectId}:${personId}`;
}
