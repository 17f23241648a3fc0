import { canonicalJson, type Hasher } from '../canonical';

/**
 * The audit log is a hash chain per village: each entry carries the hash of the one before, so an
 * edited entry breaks its own hash and a deleted one breaks the link after it. The head (last seq
 * and hash) is kept apart, so cutting entries off the end is caught too.
 */
export interface AuditBody {
  readonly scope: string; // a village id, or a township id for township-level actions
  readonly seq: number; // 1, 2, 3, … within the scope
  readonly at: number;
  readonly actor: { readonly accountId: string; readonly name: string; readonly roles: readonly string[] };
  readonly action: string;
  /** What was acted on; `label` says it in words (whose role, which request) for the log page. */
  readonly target: { readonly collection: string; readonly id: string; readonly label?: string };
  readonly before: unknown;
  readonly after: unknown;
  readonly reason?: string;
  readonly prevHash: string;
}

export interface AuditEntry extends AuditBody {
  readonly hash: string;
}

export const GENESIS = '0'.repeat(64);

export function entryHash(body: AuditBody, hash: Hasher): string {
  return hash(canonicalJson(body));
}

export function auditEntryId(scope: string, seq: number): string {
  return `${scope}:${String(seq).padStart(9, '0')}`;
}

export type ChainProblem =
  | { readonly kind: 'edited'; readonly seq: number }
  | { readonly kind: 'missing'; readonly seq: number }
  | { readonly kind: 'relinked'; readonly seq: number }
  | { readonly kind: 'truncated'; readonly expectedSeq: number; readonly foundSeq: number }
  | { readonly kind: 'headMismatch'; readonly seq: number };

/**
 * Checks entries of one scope, sorted by seq, against the stored head. Returns every problem found;
 * an empty list means the log is whole.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  head: { readonly seq: number; readonly hash: string } | null,
  hash: Hasher,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = GENESIS;
  let expected = 1;
  for (const e of entries) {
    while (e.seq > expected) {
      problems.push({ kind: 'missing', seq: expected });
      expected += 1;
      prev = '';
    }
    const { hash: stored, ...body } = e;
    if (entryHash(body, hash) !== stored) problems.push({ kind: 'edited', seq: e.seq });
    if (prev !== '' && e.prevHash !== prev) problems.push({ kind: 'relinked', seq: e.seq });
    prev = stored;
    expected = e.seq + 1;
  }
  const lastSeq = entries.length > 0 ? entries[entries.length - 1].seq : 0;
  const headSeq = head?.seq ?? 0;
  if (headSeq > lastSeq) problems.push({ kind: 'truncated', expectedSeq: headSeq, foundSeq: lastSeq });
  else if (head && lastSeq > 0 && head.hash !== prev && headSeq === lastSeq)
    problems.push({ kind: 'headMismatch', seq: lastSeq });
  return problems;
}

/** Plain words for a problem, for the committee page and verify-audit's output. */
export function describeProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'edited':
      return `第 ${p.seq} 条记录的内容被改动过`;
    case 'missing':
      return `第 ${p.seq} 条记录不见了`;
    case 'relinked':
      return `第 ${p.seq} 条记录和前一条接不上`;
    case 'truncated':
      return `最后的记录被删掉了：应有 ${p.expectedSeq} 条，只剩 ${p.foundSeq} 条`;
    case 'headMismatch':
      return `最后一条记录（第 ${p.seq} 条）和存档的链头对不上`;
  }
}
