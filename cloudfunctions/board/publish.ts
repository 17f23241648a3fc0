import type { Caller } from '../../core/caller';
import type { AccountsTable } from '../../core/board/accounts';
import type { NoticeKind, NoticeSource, RevisionChange, Visibility } from '../../core/board/kinds';
import { GENESIS_REVISION, listKey, revisionHash, revisionId, type RevisionBody } from '../../core/board/revisions';
import { AppError } from '../../core/errors';
import { appendAudit, sha256 } from '../shared/audit';
import type { DocOps, Store } from '../shared/store/port';
import type { NoticeFacts, NoticeRecord, RevisionRecord } from './records';

/**
 * The one way a notice's words change once published: a new revision, its audit entry and the
 * notice's new head, in one transaction. Callers read the notice inside that transaction and hand
 * it here; the version check turns a race (two corrections at once) into CONFLICT, not a lost one.
 */
export interface StoredContent {
  readonly kind: NoticeKind;
  readonly title: string;
  readonly body: string;
  readonly table: AccountsTable | null;
  readonly facts: NoticeFacts | null;
  readonly link: string | null;
}

/** Plain JSON, so the hash recomputes the same after a round trip through either store. */
function plain<T>(value: T): T {
  return value === null ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function contentOf(r: Pick<RevisionRecord, 'kind' | 'title' | 'body' | 'table' | 'facts' | 'link'>) {
  return { kind: r.kind, title: r.title, body: r.body, table: r.table, facts: r.facts, link: r.link };
}

/**
 * Writes revision n+1 of `notice` and returns the notice as it now is. `notice.version === undefined`
 * means it is new (an automatic notice or an accounts month): it is inserted whole, already published.
 */
export async function writeRevision(
  tx: DocOps,
  notice: NoticeRecord,
  change: RevisionChange,
  content: StoredContent,
  actor: Caller,
  now: number,
  reason: string | null,
  /** More for the audit entry to record (an import's file name and digest). */
  auditExtra: Readonly<Record<string, unknown>> = {},
): Promise<NoticeRecord> {
  const n = notice.revision + 1;
  const prevHash = notice.headHash ?? GENESIS_REVISION;
  const body: RevisionBody = {
    noticeId: notice._id,
    villageId: notice.villageId,
    n,
    change,
    kind: content.kind,
    title: content.title,
    body: content.body,
    table: plain(content.table),
    facts: plain(content.facts),
    link: content.link,
    reason,
    author: { accountId: actor.accountId, name: actor.name },
    at: now,
    prevHash,
  };
  const hash = revisionHash(body, sha256);
  const state = change === 'retract' ? 'retracted' : 'published';
  const entry = await appendAudit(tx, actor, now, {
    scope: notice.villageId,
    action: `board.${change}`,
    target: { collection: 'notices', id: notice._id, label: content.title },
    before: n > 1 ? { revision: n - 1, hash: prevHash, state: notice.state } : null,
    after: { ...auditExtra, revision: n, hash, kind: content.kind, title: content.title, state },
    reason: reason ?? undefined,
  });
  await tx.insert<RevisionRecord>('noticeRevisions', {
    ...body,
    table: content.table === null ? null : (body.table as AccountsTable),
    facts: content.facts === null ? null : (body.facts as NoticeFacts),
    _id: revisionId(notice._id, n),
    hash,
    auditSeq: entry.seq,
  });
  const publishedAt = notice.publishedAt ?? now;
  // A retracted notice stays on the board, readable, but no longer pinned to its top.
  const pinned = change === 'retract' ? false : notice.pinned;
  const patch = {
    state,
    shelf: 'board' as const,
    pinned,
    listKey: listKey(pinned, publishedAt, notice._id),
    kind: content.kind,
    title: content.title,
    body: content.body,
    revision: n,
    headHash: hash,
    corrections: notice.corrections + (change === 'correct' ? 1 : 0),
    publishedAt,
    correctedAt: change === 'correct' ? now : notice.correctedAt,
    retractedAt: change === 'retract' ? now : notice.retractedAt,
    retractReason: change === 'retract' ? reason : notice.retractReason,
    updatedAt: now,
  } satisfies Partial<NoticeRecord>;
  if (notice.version === undefined) await tx.insert<NoticeRecord>('notices', { ...notice, ...patch });
  else await tx.update<NoticeRecord>('notices', notice._id, patch, { expectVersion: notice.version });
  return { ...notice, ...patch, version: (notice.version ?? 0) + 1 };
}

export interface NewNotice {
  readonly id: string;
  readonly villageId: string;
  readonly source: NoticeSource;
  readonly sourceId: string | null;
  readonly period: string | null;
  readonly visibility: Visibility;
  readonly pinned: boolean;
  readonly content: StoredContent;
}

/** A notice record before its first revision: a draft, or the shell an automatic notice is written into. */
export function blankNotice(spec: NewNotice, author: Caller, now: number): NoticeRecord {
  return {
    _id: spec.id,
    villageId: spec.villageId,
    kind: spec.content.kind,
    state: 'draft',
    shelf: 'draft',
    visibility: spec.visibility,
    pinned: spec.pinned,
    listKey: listKey(false, now, spec.id),
    source: spec.source,
    sourceId: spec.sourceId,
    period: spec.period,
    title: spec.content.title,
    body: spec.content.body,
    revision: 0,
    headHash: null,
    corrections: 0,
    publishedAt: null,
    correctedAt: null,
    retractedAt: null,
    retractReason: null,
    createdAt: now,
    updatedAt: now,
    createdBy: { accountId: author.accountId, name: author.name },
    readCount: 0,
    inquiryCount: 0,
    openInquiries: 0,
  };
}

/**
 * Publishes a notice the system writes, once: if its (derived) id is already taken, nothing is
 * written and 'exists' is returned, so a retried close or a second timer changes nothing.
 */
export async function publishOnce(
  store: Store,
  spec: NewNotice,
  actor: Caller,
  now: number,
): Promise<'published' | 'exists'> {
  try {
    return await store.transaction(async (tx) => {
      if (await tx.get<NoticeRecord>('notices', spec.id)) return 'exists' as const;
      await writeRevision(tx, blankNotice(spec, actor, now), 'publish', spec.content, actor, now, null);
      return 'published' as const;
    });
  } catch (e) {
    // Lost a race with the same publication: the other one wrote it.
    if (e instanceof AppError && e.code === 'DUPLICATE') return 'exists';
    throw e;
  }
}
