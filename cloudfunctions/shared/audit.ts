import { auditEntryId, entryHash, GENESIS, type AuditBody, type AuditEntry } from '../../core/audit/chain';
import type { Caller } from '../../core/caller';
import { sha256 } from './hash';
import type { Doc, DocOps, Store } from './store/port';

export { sha256 };

/**
 * Appends to a scope's hash-chained audit log. Call it inside the same transaction as the change it
 * records, so the change and its entry land together or not at all. The entry's id is (scope, seq):
 * two writers racing for the same seq cannot both succeed.
 */

export interface AuditHead extends Doc {
  readonly seq: number;
  readonly hash: string;
}

export type AuditRecord = AuditEntry & Doc;

export interface AuditInput {
  readonly scope: string;
  readonly action: string;
  readonly target: { readonly collection: string; readonly id: string; readonly label?: string };
  readonly before: unknown;
  readonly after: unknown;
  readonly reason?: string;
}

export async function appendAudit(tx: DocOps, caller: Caller, at: number, input: AuditInput): Promise<AuditEntry> {
  const head = await tx.get<AuditHead>('auditHeads', input.scope);
  const body: AuditBody = {
    scope: input.scope,
    seq: (head?.seq ?? 0) + 1,
    at,
    actor: { accountId: caller.accountId, name: caller.name, roles: [...caller.roles] },
    action: input.action,
    target: input.target,
    // Store plain JSON only, so the hash recomputes the same after a round trip through any store.
    before: input.before === undefined ? null : (JSON.parse(JSON.stringify(input.before)) as unknown),
    after: input.after === undefined ? null : (JSON.parse(JSON.stringify(input.after)) as unknown),
    ...(input.reason ? { reason: input.reason } : {}),
    prevHash: head?.hash ?? GENESIS,
  };
  const entry: AuditEntry = { ...body, hash: entryHash(body, sha256) };
  await tx.insert<AuditRecord>('auditLog', { _id: auditEntryId(input.scope, body.seq), ...entry });
  await tx.set<AuditHead>('auditHeads', { _id: input.scope, seq: body.seq, hash: entry.hash });
  return entry;
}

/**
 * Every entry of a scope in seq order, read a page at a time (CloudBase returns 1000 at most), as
 * it was hashed: without the store's own _id and version.
 */
export async function loadChain(store: Store, scope: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (;;) {
    const last = out.length > 0 ? out[out.length - 1].seq : 0;
    const page = await store.find<AuditRecord>(
      'auditLog',
      { scope, seq: { $gt: last } },
      { sort: [['seq', 'asc']], limit: 1000 },
    );
    for (const { _id: _ignored, version: _v, ...entry } of page) out.push(entry);
    if (page.length < 1000) return out;
  }
}
