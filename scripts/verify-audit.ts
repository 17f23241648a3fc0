import { describeProblem, verifyChain } from '../core/audit/chain';
import { loadChain, sha256, type AuditHead, type AuditRecord } from '../cloudfunctions/shared/audit';
import type { Store } from '../cloudfunctions/shared/store/port';
import { isMain } from './is-main';

/**
 * `npm run verify-audit`: recomputes every village's audit hash chain from the stored entries and
 * checks it against the stored head. Any edited, deleted or re-linked entry, or entries cut off the
 * end, is reported and the command exits 1.
 */
export interface ScopeReport {
  readonly scope: string;
  readonly entries: number;
  readonly problems: string[];
}

export async function verifyAudit(store: Store): Promise<ScopeReport[]> {
  const heads = await store.find<AuditHead>('auditHeads', {}, { limit: 10_000 });
  const scopes = new Set(heads.map((h) => h._id));
  // Scopes with entries but no head still get checked (a deleted head is itself tampering).
  for (const e of await store.find<AuditRecord>('auditLog', { seq: 1 }, { limit: 10_000 })) scopes.add(e.scope);
  const reports: ScopeReport[] = [];
  for (const scope of [...scopes].sort()) {
    const entries = await loadChain(store, scope);
    const head = heads.find((h) => h._id === scope) ?? null;
    const problems = verifyChain(entries, head, sha256).map(describeProblem);
    if (!head && entries.length > 0) problems.push('链头不见了');
    reports.push({ scope, entries: entries.length, problems });
  }
  return reports;
}

async function main(): Promise<void> {
  const { openStoreFromEnv } = await import('../server/config');
  const store = await openStoreFromEnv();
  const reports = await verifyAudit(store);
  await store.close();
  for (const r of reports) {
    console.log(
      r.problems.length === 0
        ? `OK   ${r.scope}: ${r.entries} 条记录，链条完整`
        : `FAIL ${r.scope}: ${r.problems.join('；')}`,
    );
  }
  const broken = reports.filter((r) => r.problems.length > 0).length;
  console.log(JSON.stringify({ scopes: reports.length, broken }));
  process.exit(broken > 0 ? 1 : 0);
}

if (isMain(__filename)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
