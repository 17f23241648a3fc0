import type { z } from 'zod';
import type { OutputOf } from '../../core/action';
import type { AccountsTable } from '../../core/board/accounts';
import type { get, revision } from '../../core/board/actions';
import { diffLines } from '../../core/board/diff';
import { changeLabel, kindInfo, noticeH5Path, noticeWeappPath, stateLabel } from '../../core/board/kinds';
import { formatFen } from '../../core/board/money';
import { describeRevisionProblem, MAX_REVISIONS, verifyRevisions } from '../../core/board/revisions';
import type { ContentView, NoticeSummary, RevisionSummary } from '../../core/board/schemas';
import { auditEntryId } from '../../core/audit/chain';
import type { Caller } from '../../core/caller';
import { hasRole } from '../../core/caller';
import type { VillageRecord } from '../../core/records';
import { sha256, type AuditRecord } from '../shared/audit';
import type { Store } from '../shared/store/port';
import type { NoticeRecord, RevisionRecord } from './records';

/** What the board's pages are shown: records turned into the views the schemas promise. */
type NoticeViewOut = OutputOf<typeof get>;
type RevisionOut = OutputOf<typeof revision>;

/** Whether a caller belongs to the village or oversees it: who sees every notice, not only the public ones. */
export function reaches(caller: Caller | null, villageId: string): boolean {
  return caller !== null && (caller.villageId === villageId || caller.scopeVillageIds.includes(villageId));
}

export function isCommitteeOf(caller: Caller | null, villageId: string): boolean {
  return caller !== null && caller.villageId === villageId && hasRole(caller, 'committee');
}

const EXCERPT = 80;

export function summaryOf(n: NoticeRecord): z.output<typeof NoticeSummary> {
  const flat = n.body.replace(/\s+/g, ' ').trim();
  return {
    id: n._id,
    villageId: n.villageId,
    kind: n.kind,
    kindLabel: kindInfo(n.kind).label,
    title: n.title,
    excerpt: flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat,
    state: n.state,
    stateLabel: stateLabel(n.state),
    visibility: n.visibility,
    pinned: n.pinned,
    source: n.source,
    revision: n.revision,
    corrections: n.corrections,
    period: n.period,
    publishedAt: n.publishedAt,
    updatedAt: n.updatedAt,
    readCount: n.readCount,
    inquiryCount: n.inquiryCount,
    openInquiries: n.openInquiries,
  };
}

export function tableView(t: AccountsTable): NonNullable<z.output<typeof ContentView>['table']> {
  const amount = (fen: number) => (fen > 0 ? formatFen(fen) : '');
  return {
    period: t.period,
    periodLabel: t.periodLabel,
    lines: t.lines.map((l) => ({ ...l, income: amount(l.incomeFen), expense: amount(l.expenseFen) })),
    totals: {
      ...t.totals,
      income: formatFen(t.totals.incomeFen),
      expense: formatFen(t.totals.expenseFen),
      balance: formatFen(t.totals.balanceFen),
    },
  };
}

export function contentView(
  r: Pick<RevisionRecord, 'title' | 'body' | 'table' | 'facts' | 'link'>,
): z.output<typeof ContentView> {
  return {
    title: r.title,
    body: r.body,
    table: r.table ? tableView(r.table) : null,
    facts: r.facts ? (JSON.parse(JSON.stringify(r.facts)) as z.output<typeof ContentView>['facts']) : null,
    link: r.link,
  };
}

export function revisionSummary(r: RevisionRecord): z.output<typeof RevisionSummary> {
  return {
    n: r.n,
    change: r.change,
    changeLabel: changeLabel(r.change),
    at: r.at,
    authorName: r.author.name,
    reason: r.reason,
    title: r.title,
    hash: r.hash,
  };
}

/** A revision as it is compared: its title is a line of it, so a corrected title shows in the diff. */
export function diffText(r: Pick<RevisionRecord, 'title' | 'body'>): string {
  return `标题：${r.title}\n${r.body}`;
}

export async function loadRevisions(store: Store, noticeId: string): Promise<RevisionRecord[]> {
  return store.find<RevisionRecord>(
    'noticeRevisions',
    { noticeId },
    { sort: [['n', 'asc']], limit: MAX_REVISIONS + 1 },
  );
}

/**
 * Checks a notice's revisions: each against its own hash and its predecessor's, the last against the
 * notice's head and against the hash its audit entry recorded (the audit log is itself chained).
 */
export async function checkRevisions(
  store: Store,
  n: NoticeRecord,
  revisions: readonly RevisionRecord[],
): Promise<string[]> {
  const head = revisions[revisions.length - 1];
  let audited: string | null | undefined;
  if (head) {
    const entry = await store.get<AuditRecord>('auditLog', auditEntryId(n.villageId, head.auditSeq));
    const after = entry?.target.id === n._id ? (entry.after as { hash?: unknown } | null) : null;
    audited = typeof after?.hash === 'string' ? after.hash : null;
  }
  return verifyRevisions(revisions, { n: n.revision, hash: n.headHash }, sha256, audited).map(describeRevisionProblem);
}

export async function villageName(store: Store, villageId: string): Promise<string> {
  return (await store.get<VillageRecord>('villages', villageId))?.name ?? '';
}

export async function noticeView(
  store: Store,
  caller: Caller | null,
  n: NoticeRecord,
  read: boolean,
): Promise<NoticeViewOut> {
  const name = await villageName(store, n.villageId);
  const own = caller !== null && caller.villageId === n.villageId;
  const me = {
    read,
    canAsk: own && n.state !== 'draft' && hasRole(caller, 'villager'),
    canManage: isCommitteeOf(caller, n.villageId),
  };
  const notice = { ...summaryOf(n), villageName: name, weappPath: noticeWeappPath(n._id), h5Path: noticeH5Path(n._id) };
  if (n.state === 'draft') {
    return {
      notice,
      content: { title: n.title, body: n.body, table: null, facts: null, link: null },
      revisions: [],
      changes: null,
      intact: true,
      problems: [],
      me,
    };
  }
  const revisions = await loadRevisions(store, n._id);
  const problems = await checkRevisions(store, n, revisions);
  const head = revisions[revisions.length - 1];
  const lastCorrection = [...revisions].reverse().find((r) => r.change === 'correct');
  const before = lastCorrection ? revisions.find((r) => r.n === lastCorrection.n - 1) : undefined;
  return {
    notice,
    // The words shown are the last revision's, never the notice record's copy.
    content: head ? contentView(head) : { title: n.title, body: n.body, table: null, facts: null, link: null },
    revisions: revisions.map(revisionSummary),
    changes:
      lastCorrection && before
        ? {
            from: before.n,
            to: lastCorrection.n,
            reason: lastCorrection.reason,
            authorName: lastCorrection.author.name,
            at: lastCorrection.at,
            diff: diffLines(diffText(before), diffText(lastCorrection)),
          }
        : null,
    intact: problems.length === 0,
    problems,
    me,
  };
}

export function revisionOut(noticeId: string, r: RevisionRecord, against: RevisionRecord | null): RevisionOut {
  return {
    noticeId,
    revision: { ...revisionSummary(r), content: contentView(r), prevHash: r.prevHash },
    against: against?.n ?? null,
    diff: against ? diffLines(diffText(against), diffText(r)) : null,
  };
}
