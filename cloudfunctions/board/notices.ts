import type { ActionDef, OutputOf } from '../../core/action';
import type { arrange, correct, draft, get, publish, retract } from '../../core/board/actions';
import { kindInfo } from '../../core/board/kinds';
import { checkChange, listKey } from '../../core/board/revisions';
import { hasRole } from '../../core/caller';
import { AppError } from '../../core/errors';
import { appendAudit } from '../shared/audit';
import { callerOf, type ActionContext } from '../shared/handler';
import type { Store } from '../shared/store/port';
import { newNoticeId, readId } from './ids';
import { blankNotice, contentOf, writeRevision } from './publish';
import type { NoticeRecord, ReadRecord } from './records';
import { loadRevisions, noticeView } from './view';

/**
 * The committee's notices: drafts (edited freely, seen by the committee only), publication, and
 * after that only corrections and retraction, each a revision. Reading a notice counts one read per
 * member account.
 */
type NoticeViewOut = OutputOf<typeof get>;

/**
 * A notice the caller may read: a public one for anyone; otherwise the village's members and
 * township (UNAUTHENTICATED for nobody, FORBIDDEN for another village); a draft for its committee
 * only (NOT_FOUND for the rest of the village, who need not know it exists).
 */
export async function readableNotice<A extends ActionDef>(ctx: ActionContext<A>, noticeId: string) {
  const n = await ctx.store.get<NoticeRecord>('notices', noticeId);
  if (!n) throw new AppError('NOT_FOUND', '没有找到这条公告');
  if (n.state !== 'draft' && n.visibility === 'public') return n;
  const caller = callerOf(ctx);
  ctx.authorize({ villageId: n.villageId });
  if (n.state === 'draft' && !(caller.villageId === n.villageId && hasRole(caller, 'committee'))) {
    throw new AppError('NOT_FOUND', '没有找到这条公告');
  }
  return n;
}

/** A notice of the caller's village for the committee to act on. */
export async function managedNotice<A extends ActionDef>(ctx: ActionContext<A>, noticeId: string) {
  const n = await ctx.store.get<NoticeRecord>('notices', noticeId);
  if (!n) throw new AppError('NOT_FOUND', '没有找到这条公告');
  ctx.authorize({ villageId: n.villageId });
  return n;
}

/**
 * Counts the caller's first read of a notice: members of its village only (that is the figure the
 * committee wants: how many of ours have seen it). The read's id is derived from (notice, account)
 * and is written with the counter in one transaction, so ten taps at once count once.
 */
export async function countRead(
  store: Store,
  n: NoticeRecord,
  accountId: string,
  villageId: string | null,
  now: number,
) {
  if (n.state === 'draft' || villageId !== n.villageId) return { read: false, counted: false };
  const id = readId(n._id, accountId);
  if (await store.get<ReadRecord>('noticeReads', id)) return { read: true, counted: false };
  try {
    await store.transaction(async (tx) => {
      await tx.insert<ReadRecord>('noticeReads', {
        _id: id,
        villageId: n.villageId,
        noticeId: n._id,
        accountId,
        at: now,
      });
      await tx.inc('notices', n._id, { readCount: 1 });
    });
    return { read: true, counted: true };
  } catch (e) {
    if (e instanceof AppError && e.code === 'DUPLICATE') return { read: true, counted: false };
    throw e;
  }
}

export async function saveDraft(ctx: ActionContext<typeof draft>): Promise<NoticeViewOut> {
  const caller = callerOf(ctx);
  const input = ctx.input;
  const now = ctx.clock.now();
  const content = { kind: input.kind, title: input.title, body: input.body, table: null, facts: null, link: null };
  if (!input.noticeId) {
    const villageId = caller.villageId;
    if (!villageId) throw new AppError('NOT_JOINED');
    const n = blankNotice(
      {
        id: newNoticeId(),
        villageId,
        source: 'manual',
        sourceId: null,
        period: null,
        visibility: input.visibility,
        pinned: input.pinned,
        content,
      },
      caller,
      now,
    );
    await ctx.store.insert<NoticeRecord>('notices', n);
    return noticeView(ctx.store, caller, n, false);
  }
  const existing = await managedNotice(ctx, input.noticeId);
  if (existing.state !== 'draft') {
    throw new AppError('INVALID_TRANSITION', '已经公开的公告不能再改，只能更正（会留下原来的内容）');
  }
  const patch = {
    kind: input.kind,
    title: input.title,
    body: input.body,
    visibility: input.visibility,
    pinned: input.pinned,
    updatedAt: now,
    listKey: listKey(false, now, existing._id),
  } satisfies Partial<NoticeRecord>;
  await ctx.store.update<NoticeRecord>('notices', existing._id, patch, { expectVersion: existing.version });
  return noticeView(ctx.store, caller, { ...existing, ...patch }, false);
}

export async function publishDraft(ctx: ActionContext<typeof publish>): Promise<NoticeViewOut> {
  const caller = callerOf(ctx);
  const n = await managedNotice(ctx, ctx.input.noticeId);
  const now = ctx.clock.now();
  const after = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<NoticeRecord>('notices', n._id);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.state !== 'draft') throw new AppError('INVALID_TRANSITION', '这条公告已经公开过了');
    if (!kindInfo(current.kind).drafted) throw new AppError('INVALID_TRANSITION');
    const content = {
      kind: current.kind,
      title: current.title,
      body: current.body,
      table: null,
      facts: null,
      link: null,
    };
    return writeRevision(tx, current, 'publish', content, caller, now, null);
  });
  return noticeView(ctx.store, caller, after, false);
}

export async function correctNotice(ctx: ActionContext<typeof correct>): Promise<NoticeViewOut> {
  const caller = callerOf(ctx);
  const n = await managedNotice(ctx, ctx.input.noticeId);
  const now = ctx.clock.now();
  const input = ctx.input;
  const revisions = await loadRevisions(ctx.store, n._id);
  const head = revisions[revisions.length - 1];
  const after = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<NoticeRecord>('notices', n._id);
    if (!current) throw new AppError('NOT_FOUND');
    const check = checkChange(current, 'correct', 'text');
    if (!check.ok) throw new AppError(check.code, check.why);
    // Read before the transaction (a find cannot run inside one); the head must still be the one read.
    if (!head || head.n !== current.revision || head.hash !== current.headHash) throw new AppError('CONFLICT');
    const title = input.title ?? head.title;
    if (title === head.title && input.body === head.body) throw new AppError('NOTHING_CHANGED');
    return writeRevision(
      tx,
      current,
      'correct',
      { ...contentOf(head), title, body: input.body },
      caller,
      now,
      input.reason,
    );
  });
  return noticeView(ctx.store, caller, after, false);
}

export async function retractNotice(ctx: ActionContext<typeof retract>): Promise<NoticeViewOut> {
  const caller = callerOf(ctx);
  const n = await managedNotice(ctx, ctx.input.noticeId);
  const now = ctx.clock.now();
  const revisions = await loadRevisions(ctx.store, n._id);
  const head = revisions[revisions.length - 1];
  const after = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<NoticeRecord>('notices', n._id);
    if (!current) throw new AppError('NOT_FOUND');
    const check = checkChange(current, 'retract', 'text');
    if (!check.ok) throw new AppError(check.code, check.why);
    if (!head || head.n !== current.revision || head.hash !== current.headHash) throw new AppError('CONFLICT');
    // The words stay as they were: a retraction marks them, it does not take them away.
    return writeRevision(tx, current, 'retract', contentOf(head), caller, now, ctx.input.reason);
  });
  return noticeView(ctx.store, caller, after, false);
}

export async function arrangeNotice(ctx: ActionContext<typeof arrange>): Promise<NoticeViewOut> {
  const caller = callerOf(ctx);
  const n = await managedNotice(ctx, ctx.input.noticeId);
  const now = ctx.clock.now();
  const input = ctx.input;
  const after = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<NoticeRecord>('notices', n._id);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.state === 'retracted' && input.pinned === true)
      throw new AppError('INVALID_TRANSITION', '撤回的公告不能置顶');
    const pinned = input.pinned ?? current.pinned;
    const visibility = input.visibility ?? current.visibility;
    if (pinned === current.pinned && visibility === current.visibility) return current;
    const at = current.publishedAt ?? current.updatedAt;
    // A draft's place in the drafts list is its last save and is never pinned there.
    const key = current.state === 'draft' ? current.listKey : listKey(pinned, at, current._id);
    const patch = { pinned, visibility, listKey: key } satisfies Partial<NoticeRecord>;
    await tx.update<NoticeRecord>('notices', current._id, patch, { expectVersion: current.version });
    if (current.state !== 'draft') {
      // Who can see a published notice is part of what was published: it goes in the log.
      await appendAudit(tx, caller, now, {
        scope: current.villageId,
        action: 'board.arrange',
        target: { collection: 'notices', id: current._id, label: current.title },
        before: { pinned: current.pinned, visibility: current.visibility },
        after: { pinned, visibility },
      });
    }
    return { ...current, ...patch, version: (current.version ?? 0) + 1 };
  });
  return noticeView(ctx.store, caller, after, false);
}
