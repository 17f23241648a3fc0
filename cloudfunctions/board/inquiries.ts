import type { z } from 'zod';
import type { OutputOf } from '../../core/action';
import type { answer, ask, inquiries } from '../../core/board/actions';
import { isTimeKey, timeKey } from '../../core/board/revisions';
import type { InquiryView } from '../../core/board/schemas';
import { boardSettings, inquiryDueAt, isInquiryOverdue } from '../../core/board/settings';
import type { Caller } from '../../core/caller';
import { hasRole } from '../../core/caller';
import { AppError } from '../../core/errors';
import { daysLeft } from '../../core/matter/time';
import { appendAudit } from '../shared/audit';
import { callerOf, type ActionContext } from '../shared/handler';
import { once, sentId } from '../shared/once';
import type { Store } from '../shared/store/port';
import { newInquiryId } from './ids';
import { readableNotice } from './notices';
import type { BoardSettingsRecord, InquiryRecord, NoticeRecord } from './records';

/**
 * Questions on a notice (询问, LAW.md: what is published must be true, and villagers may query it).
 * A villager asks; the committee answers once, in public, within the village's number of days; an
 * unanswered question past its day is the township's to see. Counters on the notice are kept in
 * the same transaction as the question or the answer.
 */
export async function settingsOf(store: Store, villageId: string) {
  const s = await store.get<BoardSettingsRecord>('boardSettings', villageId);
  return boardSettings(s ? { monthlyAccounts: s.monthlyAccounts, inquiryDays: s.inquiryDays } : {});
}

/** The surname and a mark: enough to tell questions apart, not enough to single a neighbour out. */
function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(Math.min(2, chars.length - 1))}`;
}

export function inquiryView(i: InquiryRecord, caller: Caller | null, now: number): z.output<typeof InquiryView> {
  const oversees =
    caller !== null &&
    ((caller.villageId === i.villageId && hasRole(caller, 'committee')) ||
      caller.scopeVillageIds.includes(i.villageId));
  const mine = caller !== null && caller.accountId === i.askerAccountId;
  return {
    id: i._id,
    noticeId: i.noticeId,
    noticeTitle: i.noticeTitle,
    villageId: i.villageId,
    text: i.text,
    askedAt: i.askedAt,
    dueAt: i.dueAt,
    askerName: oversees || mine ? i.askerName : maskName(i.askerName),
    mine,
    answer:
      i.answer && i.answeredAt !== null ? { text: i.answer.text, byName: i.answer.byName, at: i.answeredAt } : null,
    overdue: isInquiryOverdue(i, now),
    daysLeft: i.answeredAt === null ? daysLeft(now, i.dueAt) : 0,
  };
}

export async function askInquiry(ctx: ActionContext<typeof ask>): Promise<OutputOf<typeof ask>> {
  const caller = callerOf(ctx);
  const n = await readableNotice(ctx, ctx.input.noticeId);
  // Questions are the village's: a public notice's outside readers cannot ask on it.
  ctx.authorize({ villageId: n.villageId });
  if (caller.villageId !== n.villageId) throw new AppError('FORBIDDEN');
  if (n.state === 'draft') throw new AppError('NOT_FOUND', '没有找到这条公告');
  const id = ctx.input.clientId ? sentId('iq', n._id, caller.accountId, ctx.input.clientId) : newInquiryId();
  // Asked again after the network dropped the answer, or twice at once: one question (shared/once.ts).
  const inquiry = await once<InquiryRecord>(ctx.store, 'inquiries', id, ctx.input.clientId !== undefined, async () => {
    const now = ctx.clock.now();
    const settings = await settingsOf(ctx.store, n.villageId);
    const record: InquiryRecord = {
      _id: id,
      villageId: n.villageId,
      noticeId: n._id,
      noticeTitle: n.title,
      askerAccountId: caller.accountId,
      askerPersonId: caller.personId,
      askerName: caller.name,
      text: ctx.input.text,
      askedAt: now,
      askKey: timeKey(now, id),
      dueAt: inquiryDueAt(now, settings.inquiryDays),
      state: 'open',
      answer: null,
      answeredAt: null,
    };
    await ctx.store.transaction(async (tx) => {
      await tx.insert<InquiryRecord>('inquiries', record);
      await tx.inc('notices', n._id, { inquiryCount: 1, openInquiries: 1 });
    });
    return record;
  });
  return inquiryView(inquiry, caller, ctx.clock.now());
}

export async function answerInquiry(ctx: ActionContext<typeof answer>): Promise<OutputOf<typeof answer>> {
  const caller = callerOf(ctx);
  const found = await ctx.store.get<InquiryRecord>('inquiries', ctx.input.inquiryId);
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个询问');
  ctx.authorize({ villageId: found.villageId });
  const now = ctx.clock.now();
  const text = ctx.input.text;
  const answered = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<InquiryRecord>('inquiries', found._id);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.state !== 'open') throw new AppError('ALREADY_ANSWERED');
    const patch = {
      state: 'answered' as const,
      answer: { text, byAccountId: caller.accountId, byName: caller.name },
      answeredAt: now,
    };
    await tx.update<InquiryRecord>('inquiries', current._id, patch, { expectVersion: current.version });
    await tx.inc('notices', current.noticeId, { openInquiries: -1 });
    // The committee's answer is its public word on a published record: it goes in the log.
    await appendAudit(tx, caller, now, {
      scope: current.villageId,
      action: 'board.answer',
      target: { collection: 'inquiries', id: current._id, label: current.noticeTitle },
      before: { question: current.text, dueAt: current.dueAt },
      after: { answer: text, late: now >= current.dueAt },
    });
    return { ...current, ...patch };
  });
  return inquiryView(answered, caller, now);
}

export async function listInquiries(ctx: ActionContext<typeof inquiries>): Promise<OutputOf<typeof inquiries>> {
  const caller = callerOf(ctx);
  const n: NoticeRecord = await readableNotice(ctx, ctx.input.noticeId);
  ctx.authorize({ villageId: n.villageId });
  const cursor = ctx.input.cursor;
  if (cursor !== undefined && !isTimeKey(cursor)) throw new AppError('INVALID_INPUT', '翻页的位置不对，请从头再看');
  const limit = ctx.input.limit;
  const rows = await ctx.store.find<InquiryRecord>(
    'inquiries',
    cursor === undefined ? { noticeId: n._id } : { noticeId: n._id, askKey: { $lt: cursor } },
    { sort: [['askKey', 'desc']], limit: limit + 1 },
  );
  const now = ctx.clock.now();
  const items = rows.slice(0, limit);
  return {
    items: items.map((i) => inquiryView(i, caller, now)),
    nextCursor: rows.length > limit ? (items[items.length - 1]?.askKey ?? null) : null,
  };
}
