import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { comment, comments, hideComment, reportComment } from '../../core/matter/actions';
import {
  placeComment,
  reportId,
  STANCE_IDS,
  stanceCounts,
  type ParentComment,
  type StanceComment,
  type StanceCounts,
} from '../../core/matter/comments';
import { derivedId } from '../../core/matter/ids';
import { appendAudit } from '../shared/audit';
import { callerOf, type ActionContext } from '../shared/handler';
import { once } from '../shared/once';
import type { DocOps, Store } from '../shared/store/port';
import { idFor, threadKey } from './ids';
import { loadMatter } from './load';
import { committeePersons, deliverAfterCommit, notifyPersons } from './outbox';
import { page } from './paging';
import {
  STANCE_FIELDS,
  type CommentRecord,
  type CommentReportRecord,
  type StanceRecord,
  type StoredMatter,
} from './records';
import { touched } from './steps';
import { appendEvents } from './timeline';

/**
 * 民议: comments with a stance, replies two levels deep, reports, and hiding with a published
 * reason. Nothing is ever deleted: a hidden comment keeps its place (who, when, why hidden), and
 * its words move into the audit entry of the hiding, which the hash chain keeps unaltered.
 *
 * The for/against/neutral counts on the matter follow core's rule (stanceCounts: a person counts
 * once, by their latest visible top-level comment). Each person's current say is one record with an
 * id derived from (matter, person), so a new comment moves the counts by a delta in the same
 * transaction, never by recounting.
 */
type CommentView = OutputOf<typeof comment>;

/** Person-less callers (township staff) can read but not speak: comments are the villagers' say. */
function personOf(caller: Caller): string {
  if (!caller.personId) throw new AppError('FORBIDDEN', '您的账号还没有对上村里花名册上的人');
  return caller.personId;
}

export function commentView(c: CommentRecord, caller: Caller): CommentView {
  return {
    id: c._id,
    matterId: c.matterId,
    parentId: c.parentId,
    depth: c.depth,
    authorName: c.authorName,
    stance: c.stance,
    text: c.hidden ? null : c.text,
    hidden: c.hidden,
    hiddenReason: c.hiddenReason,
    createdAt: c.createdAt,
    mine: caller.personId !== null && caller.personId === c.authorId,
  };
}

function asStance(s: Pick<StanceRecord, 'personId' | 'stance' | 'createdAt'>): StanceComment {
  return { authorId: s.personId, stance: s.stance, depth: 0, hidden: false, createdAt: s.createdAt };
}

/** What moves on the matter's counters when one person's say changes from `before` to `after`. */
function stanceDeltas(before: StanceCounts, after: StanceCounts): Record<string, number> {
  const deltas: Record<string, number> = {};
  for (const s of STANCE_IDS) if (after[s] !== before[s]) deltas[STANCE_FIELDS[s]] = after[s] - before[s];
  return deltas;
}

const stanceIdOf = (matterId: string, personId: string) => derivedId('stance', matterId, personId);

function parentRef(parent: CommentRecord | null): ParentComment | null {
  return parent ? { matterId: parent.matterId, depth: parent.depth } : null;
}

export async function postComment(ctx: ActionContext<typeof comment>): Promise<CommentView> {
  const caller = callerOf(ctx);
  const personId = personOf(caller);
  const input = ctx.input;
  const before = await loadMatter(ctx.store, ctx.authorize, input.matterId);
  const id = idFor('c', before._id, caller.accountId, input.clientId);
  // Sent again after the network dropped the answer, or twice at once: one comment (shared/once.ts).
  const stored = await once<CommentRecord>(ctx.store, 'comments', id, input.clientId !== undefined, async () => {
    const parent = input.parentId ? await ctx.store.get<CommentRecord>('comments', input.parentId) : null;
    if (input.parentId && !parent) throw new AppError('NOT_FOUND', '没有找到要回复的留言');
    const early = placeComment(before, parentRef(parent));
    if (!early.ok) throw new AppError(early.code);
    const now = ctx.clock.now();
    const record: CommentRecord = {
      _id: id,
      villageId: before.villageId,
      matterId: before._id,
      parentId: parent?._id ?? null,
      depth: early.depth,
      authorId: personId,
      authorName: caller.name,
      stance: input.stance,
      text: input.text,
      hidden: false,
      hiddenReason: null,
      hiddenAt: null,
      createdAt: now,
      threadKey: threadKey(parent?.threadKey ?? null, now, id),
      reportCount: 0,
    };
    return ctx.store.transaction(async (tx) => {
      const m = await tx.get<StoredMatter>('matters', before._id);
      if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
      // The matter may have ended since it was read: ask again inside the transaction.
      const placed = placeComment(m, parentRef(parent));
      if (!placed.ok) throw new AppError(placed.code);
      await tx.insert<CommentRecord>('comments', record);
      let deltas: Record<string, number> = {};
      if (record.depth === 0) {
        const sid = stanceIdOf(m._id, personId);
        const current = await tx.get<StanceRecord>('stances', sid);
        const was = current ? [asStance(current)] : [];
        deltas = stanceDeltas(stanceCounts(was), stanceCounts([...was, asStance({ ...record, personId })]));
        // stanceCounts keeps the later of two (ties to the newer one): this comment, unless the clock went back.
        if (!current || record.createdAt >= current.createdAt) {
          await tx.set<StanceRecord>('stances', {
            _id: sid,
            villageId: m.villageId,
            matterId: m._id,
            personId,
            commentId: record._id,
            stance: record.stance,
            createdAt: record.createdAt,
          });
        }
      }
      await tx.inc('matters', m._id, { commentCount: 1, ...deltas });
      // A new comment is news: the matter moves up the list.
      await tx.update<StoredMatter>('matters', m._id, touched(m, now));
      return record;
    });
  });
  return commentView(stored, caller);
}

export async function listComments(ctx: ActionContext<typeof comments>): Promise<OutputOf<typeof comments>> {
  const caller = callerOf(ctx);
  const m = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  const { cursor, limit } = ctx.input;
  const rows = await ctx.store.find<CommentRecord>(
    'comments',
    cursor ? { matterId: m._id, threadKey: { $gt: cursor } } : { matterId: m._id },
    { sort: [['threadKey', 'asc']], limit: limit + 1 },
  );
  const p = page(rows, limit, (c) => c.threadKey);
  return { items: p.items.map((c) => commentView(c, caller)), nextCursor: p.nextCursor };
}

async function loadComment(
  ctx: { store: Store; authorize: (r: { villageId: string }) => void },
  commentId: string,
): Promise<CommentRecord> {
  const c = await ctx.store.get<CommentRecord>('comments', commentId);
  if (!c) throw new AppError('NOT_FOUND', '没有找到这条留言');
  ctx.authorize({ villageId: c.villageId });
  return c;
}

export async function reportOneComment(
  ctx: ActionContext<typeof reportComment>,
): Promise<OutputOf<typeof reportComment>> {
  const caller = callerOf(ctx);
  const personId = personOf(caller);
  const c = await loadComment(ctx, ctx.input.commentId);
  const now = ctx.clock.now();
  const first = await ctx.store.transaction(async (tx) => {
    try {
      await tx.insert<CommentReportRecord>('commentReports', {
        _id: reportId(c._id, personId),
        villageId: c.villageId,
        matterId: c.matterId,
        commentId: c._id,
        personId,
        reason: ctx.input.reason ?? null,
        at: now,
      });
    } catch (e) {
      // core/matter/comments: a second report by the same person is a no-op, not an error.
      if (e instanceof AppError && e.code === 'DUPLICATE') return false;
      throw e;
    }
    const current = await tx.get<CommentRecord>('comments', c._id);
    await tx.inc('comments', c._id, { reportCount: 1 });
    return (current?.reportCount ?? 0) === 0;
  });
  if (first) {
    // The committee hears of a comment once, on its first report, and looks at it.
    const matter = await ctx.store.get<StoredMatter>('matters', c.matterId);
    await notifyPersons(
      ctx.store,
      {
        villageId: c.villageId,
        matterId: c.matterId,
        eventId: derivedId('reported', c._id, 'first'),
        kind: 'CommentReported',
        title: matter?.title ?? '',
        text: '有村民举报了一条留言，请村两委看一看',
        at: now,
      },
      await committeePersons(ctx.store, c.villageId),
    );
  }
  return { reported: true };
}

/**
 * The person's latest visible top-level comment other than `hiding`, read again inside the
 * transaction so one hidden meanwhile is passed over. Candidates come from one indexed read before
 * it (a transaction may only read by id).
 */
async function nextSay(tx: DocOps, candidates: readonly CommentRecord[]): Promise<CommentRecord | null> {
  for (const c of candidates) {
    const fresh = await tx.get<CommentRecord>('comments', c._id);
    if (fresh && !fresh.hidden && fresh.depth === 0) return fresh;
  }
  return null;
}

/** How far back a person's own earlier comments are looked at when their latest one is hidden. */
const SAY_LOOKBACK = 50;

export async function hideOneComment(ctx: ActionContext<typeof hideComment>): Promise<CommentView> {
  const caller = callerOf(ctx);
  const c0 = await loadComment(ctx, ctx.input.commentId);
  if (c0.hidden) return commentView(c0, caller);
  const reason = ctx.input.reason.trim();
  if (!reason) throw new AppError('REASON_REQUIRED');
  const now = ctx.clock.now();
  const earlier =
    c0.depth === 0
      ? (
          await ctx.store.find<CommentRecord>(
            'comments',
            { matterId: c0.matterId, authorId: c0.authorId },
            { sort: [['createdAt', 'desc']], limit: SAY_LOOKBACK },
          )
        ).filter((x) => x._id !== c0._id && x.depth === 0 && !x.hidden)
      : [];

  const done = await ctx.store.transaction(async (tx) => {
    const c = await tx.get<CommentRecord>('comments', c0._id);
    if (!c) throw new AppError('NOT_FOUND', '没有找到这条留言');
    if (c.hidden) return { view: c, deliver: [] as string[] };
    const m = await tx.get<StoredMatter>('matters', c.matterId);
    if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
    const hidden: CommentRecord = { ...c, hidden: true, text: null, hiddenReason: reason, hiddenAt: now };
    await tx.update<CommentRecord>(
      'comments',
      c._id,
      { hidden: true, text: null, hiddenReason: reason, hiddenAt: now },
      { expectVersion: c.version },
    );
    if (c.depth === 0) {
      const sid = stanceIdOf(m._id, c.authorId);
      const current = await tx.get<StanceRecord>('stances', sid);
      if (current && current.commentId === c._id) {
        // This was the person's say: their earlier visible comment (if any) speaks for them now.
        const next = await nextSay(tx, earlier);
        const after = next
          ? [asStance({ personId: next.authorId, stance: next.stance, createdAt: next.createdAt })]
          : [];
        const deltas = stanceDeltas(stanceCounts([asStance(current)]), stanceCounts(after));
        if (next) {
          await tx.set<StanceRecord>('stances', {
            ...current,
            commentId: next._id,
            stance: next.stance,
            createdAt: next.createdAt,
          });
        } else {
          await tx.remove('stances', sid);
        }
        if (Object.keys(deltas).length > 0) await tx.inc('matters', m._id, deltas);
      }
    }
    const events = await appendEvents(tx, m, now, [{ kind: 'CommentHidden', by: caller, text: reason }]);
    await tx.update<StoredMatter>('matters', m._id, { eventSeq: events.eventSeq });
    await appendAudit(tx, caller, now, {
      scope: m.villageId,
      action: 'matters.hideComment',
      target: { collection: 'comments', id: c._id },
      // The words leave the comment and stay here, in the hash-chained log, where nobody can alter them.
      before: { text: c.text, stance: c.stance, authorId: c.authorId, authorName: c.authorName, matterId: c.matterId },
      after: { hidden: true },
      reason,
    });
    return { view: hidden, deliver: [...events.toDeliver] };
  });
  await deliverAfterCommit(ctx.store, done.deliver);
  return commentView(done.view, caller);
}
