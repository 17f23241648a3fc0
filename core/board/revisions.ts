import { canonicalJson, type Hasher } from '../canonical';
import type { ErrorCode } from '../errors';
import { kindInfo, type NoticeKind, type NoticeState, type RevisionChange } from './kinds';

/**
 * A published notice is never edited in place (LAW.md). Every publication, correction and
 * retraction is a new revision; revisions of one notice form a hash chain (each carries the hash of
 * the one before), the notice keeps the head, and the village's audit log records each revision's
 * hash. Rewriting an old revision then breaks the link after it; rewriting every later one too
 * changes the head, which no longer matches the audit entry (itself chained).
 */

export const GENESIS_REVISION = '0'.repeat(64);

/** Enough for years of honest corrections; a notice corrected more often needs a new notice. */
export const MAX_REVISIONS = 50;

/** Who made a revision, as it is published with it. */
export interface RevisionAuthor {
  readonly accountId: string;
  readonly name: string;
}

/** What a revision says. `table` and `facts` are structured data the text was written from. */
export interface NoticeContent {
  readonly kind: NoticeKind;
  readonly title: string;
  readonly body: string;
  readonly table: unknown;
  readonly facts: unknown;
  readonly link: string | null;
}

/** The hashed part of a revision: everything it says, who said it, when, and the link to the last one. */
export interface RevisionBody extends NoticeContent {
  readonly noticeId: string;
  readonly villageId: string;
  readonly n: number;
  readonly change: RevisionChange;
  readonly reason: string | null;
  readonly author: RevisionAuthor;
  readonly at: number;
  readonly prevHash: string;
}

export function revisionHash(body: RevisionBody, hash: Hasher): string {
  // Only the fields of RevisionBody, so a stored record's _id, version and pointers are not hashed.
  const hashed: RevisionBody = {
    noticeId: body.noticeId,
    villageId: body.villageId,
    n: body.n,
    change: body.change,
    kind: body.kind,
    title: body.title,
    body: body.body,
    table: body.table,
    facts: body.facts,
    link: body.link,
    reason: body.reason,
    author: { accountId: body.author.accountId, name: body.author.name },
    at: body.at,
    prevHash: body.prevHash,
  };
  return hash(canonicalJson(hashed));
}

/** Revision ids sort in order: the notice's id, then the number padded. */
export function revisionId(noticeId: string, n: number): string {
  return `${noticeId}:r${String(n).padStart(3, '0')}`;
}

export type RevisionProblem =
  | { readonly kind: 'edited'; readonly n: number }
  | { readonly kind: 'missing'; readonly n: number }
  | { readonly kind: 'relinked'; readonly n: number }
  | { readonly kind: 'headMismatch'; readonly n: number }
  | { readonly kind: 'auditMismatch'; readonly n: number };

/**
 * Checks a notice's revisions (sorted by n) against the head the notice keeps and, when known, the
 * hash its audit entry recorded for the head. An empty list means nothing was changed.
 */
export function verifyRevisions(
  revisions: ReadonlyArray<RevisionBody & { readonly hash: string }>,
  head: { readonly n: number; readonly hash: string | null },
  hash: Hasher,
  auditedHeadHash?: string | null,
): RevisionProblem[] {
  const problems: RevisionProblem[] = [];
  let prev = GENESIS_REVISION;
  let expected = 1;
  for (const r of revisions) {
    while (r.n > expected) {
      problems.push({ kind: 'missing', n: expected });
      expected += 1;
      prev = '';
    }
    if (revisionHash(r, hash) !== r.hash) problems.push({ kind: 'edited', n: r.n });
    if (prev !== '' && r.prevHash !== prev) problems.push({ kind: 'relinked', n: r.n });
    prev = r.hash;
    expected = r.n + 1;
  }
  const last = revisions.length > 0 ? revisions[revisions.length - 1] : null;
  if (head.n > (last?.n ?? 0)) {
    for (let n = (last?.n ?? 0) + 1; n <= head.n; n += 1) problems.push({ kind: 'missing', n });
  } else if (last && head.hash !== last.hash) problems.push({ kind: 'headMismatch', n: last.n });
  if (last && auditedHeadHash !== undefined && auditedHeadHash !== last.hash) {
    problems.push({ kind: 'auditMismatch', n: last.n });
  }
  return problems;
}

/** Plain words for a problem, for the notice page. */
export function describeRevisionProblem(p: RevisionProblem): string {
  switch (p.kind) {
    case 'edited':
      return `第 ${p.n} 版的内容被改动过`;
    case 'missing':
      return `第 ${p.n} 版不见了`;
    case 'relinked':
      return `第 ${p.n} 版和前一版接不上`;
    case 'headMismatch':
      return `最新一版（第 ${p.n} 版）和公告记下的不一样`;
    case 'auditMismatch':
      return `第 ${p.n} 版和操作记录里记下的不一样`;
  }
}

export type ChangeCheck =
  { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode; readonly why: string };

/**
 * Whether a published notice may take this change. A correction needs a reason and different words;
 * a retraction needs a reason; neither applies to a draft (edit it) or to a retracted notice.
 */
export function checkChange(
  notice: { readonly kind: NoticeKind; readonly state: NoticeState; readonly revision: number },
  change: Exclude<RevisionChange, 'publish'>,
  via: 'text' | 'import',
): ChangeCheck {
  const info = kindInfo(notice.kind);
  if (notice.state === 'draft') return { ok: false, code: 'INVALID_TRANSITION', why: '草稿还没公开，直接修改就行' };
  if (notice.state === 'retracted') return { ok: false, code: 'INVALID_TRANSITION', why: '这条公告已经撤回了' };
  if (notice.revision >= MAX_REVISIONS)
    return { ok: false, code: 'INVALID_TRANSITION', why: `更正已经有 ${MAX_REVISIONS} 次了，请另发一条公告` };
  if (change === 'retract') {
    return info.retractable
      ? { ok: true }
      : { ok: false, code: 'INVALID_TRANSITION', why: '表决结果是计票得出的，不能撤回' };
  }
  if (info.correction === via) return { ok: true };
  if (info.correction === 'import')
    return { ok: false, code: 'INVALID_TRANSITION', why: '账目要更正，请把改好的表格重新导入这个月' };
  return { ok: false, code: 'INVALID_TRANSITION', why: '表决结果是计票得出的，不能手改' };
}

/** Epoch ms have at most 16 digits until the year 2286; padding makes string order time order. */
function pad(ms: number): string {
  return String(ms).padStart(16, '0');
}

/**
 * A notice's place on the board as one sortable string: pinned ones first, then the newest. One
 * field carries both the order and the cursor, so a page is one indexed range read.
 */
export function listKey(pinned: boolean, at: number, id: string): string {
  return `${pinned ? '1' : '0'}|${pad(at)}|${id}`;
}

const LIST_KEY = /^[01]\|\d{16}\|[A-Za-z0-9_:-]{1,64}$/;

/** A cursor we gave out is a list key; anything else was not. */
export function isListKey(value: string): boolean {
  return LIST_KEY.test(value);
}

/** An inquiry's place in its notice's list: the time it was asked, then its id. */
export function timeKey(at: number, id: string): string {
  return `${pad(at)}|${id}`;
}

const TIME_KEY = /^\d{16}\|[A-Za-z0-9_:-]{1,64}$/;

export function isTimeKey(value: string): boolean {
  return TIME_KEY.test(value);
}
