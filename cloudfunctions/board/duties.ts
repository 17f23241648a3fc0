import type { OutputOf } from '../../core/action';
import type { configure, duties, township } from '../../core/board/actions';
import { parseMonthKey, periodOf } from '../../core/board/calendar';
import { DUTIES, dutyState, type DutyState } from '../../core/board/cadence';
import { boardSettings, type BoardSettings } from '../../core/board/settings';
import { AppError } from '../../core/errors';
import type { VillageRecord } from '../../core/records';
import { appendAudit } from '../shared/audit';
import { callerOf, type ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import type { Store } from '../shared/store/port';
import { inquiryView, settingsOf } from './inquiries';
import type { BoardSettingsRecord, InquiryRecord, NoticeRecord } from './records';

/**
 * What the law expects next of each village's board, and which questions wait for an answer. Each
 * duty reads one indexed row (the latest notice of its kind), so a township's page costs a few
 * reads per village whatever the years of history.
 */
async function latest(store: Store, villageId: string, kind: 'general' | 'accounts'): Promise<NoticeRecord | null> {
  // Accounts count by the month they cover, a general notice by when it went up; retracted ones count for nothing.
  const sortField = kind === 'accounts' ? 'period' : 'publishedAt';
  const [row] = await store.find<NoticeRecord>(
    'notices',
    { villageId, kind, state: 'published' },
    { sort: [[sortField, 'desc']], limit: 1 },
  );
  return row ?? null;
}

export async function villageDuties(
  store: Store,
  villageId: string,
  settings: BoardSettings,
  now: number,
): Promise<DutyState[]> {
  const out: DutyState[] = [];
  for (const duty of DUTIES) {
    if (duty.id === 'accountsMonthly' && !settings.monthlyAccounts) continue;
    const last = await latest(store, villageId, duty.kind);
    let lastPeriod: number | null = null;
    if (last && duty.kind === 'accounts') lastPeriod = last.period ? parseMonthKey(last.period) : null;
    else if (last?.publishedAt != null) lastPeriod = periodOf(last.publishedAt, duty.unit);
    out.push(dutyState(duty, lastPeriod, now));
  }
  return out;
}

const OLDEST = 20;

export async function dutiesOf(ctx: ActionContext<typeof duties>): Promise<OutputOf<typeof duties>> {
  const caller = callerOf(ctx);
  const village = await targetVillage(ctx, ctx.input.villageId);
  const now = ctx.clock.now();
  const settings = await settingsOf(ctx.store, village._id);
  const [list, open, overdue, oldest] = await Promise.all([
    villageDuties(ctx.store, village._id, settings, now),
    ctx.store.count('inquiries', { villageId: village._id, state: 'open' }),
    ctx.store.count('inquiries', { villageId: village._id, state: 'open', dueAt: { $lte: now } }),
    ctx.store.find<InquiryRecord>(
      'inquiries',
      { villageId: village._id, state: 'open' },
      { sort: [['dueAt', 'asc']], limit: OLDEST },
    ),
  ]);
  return {
    village: { id: village._id, name: village.name },
    settings,
    duties: list,
    inquiries: { open, overdue, oldest: oldest.map((i) => inquiryView(i, caller, now)) },
  };
}

export async function townshipOverview(ctx: ActionContext<typeof township>): Promise<OutputOf<typeof township>> {
  const caller = callerOf(ctx);
  const now = ctx.clock.now();
  const villages = (
    await Promise.all(caller.scopeVillageIds.map((id) => ctx.store.get<VillageRecord>('villages', id)))
  ).filter((v): v is VillageRecord => v !== null);
  const rows = [];
  for (const v of villages) {
    const settings = await settingsOf(ctx.store, v._id);
    const [list, open, overdue, last] = await Promise.all([
      villageDuties(ctx.store, v._id, settings, now),
      ctx.store.count('inquiries', { villageId: v._id, state: 'open' }),
      ctx.store.count('inquiries', { villageId: v._id, state: 'open', dueAt: { $lte: now } }),
      ctx.store.find<NoticeRecord>(
        'notices',
        { villageId: v._id, shelf: 'board' },
        { sort: [['listKey', 'desc']], limit: 1 },
      ),
    ]);
    rows.push({
      id: v._id,
      name: v.name,
      duties: list,
      overdueDuties: list.filter((d) => d.status === 'overdue').length,
      openInquiries: open,
      overdueInquiries: overdue,
      // The top of the board may be an old pinned notice; that is still "the board has something up".
      lastPublishedAt: last[0]?.publishedAt ?? null,
    });
  }
  const ids = villages.map((v) => v._id);
  const late =
    ids.length === 0
      ? []
      : await ctx.store.find<InquiryRecord>(
          'inquiries',
          { state: 'open', dueAt: { $lte: now }, villageId: { $in: ids } },
          { sort: [['dueAt', 'asc']], limit: OLDEST },
        );
  return { villages: rows, overdueInquiries: late.map((i) => inquiryView(i, caller, now)) };
}

export async function configureBoard(ctx: ActionContext<typeof configure>): Promise<OutputOf<typeof configure>> {
  const caller = callerOf(ctx);
  const village = await targetVillage(ctx, ctx.input.villageId);
  const now = ctx.clock.now();
  const input = ctx.input;
  return ctx.store.transaction(async (tx) => {
    const stored = await tx.get<BoardSettingsRecord>('boardSettings', village._id);
    const before = boardSettings(
      stored ? { monthlyAccounts: stored.monthlyAccounts, inquiryDays: stored.inquiryDays } : {},
    );
    const next = {
      monthlyAccounts: input.monthlyAccounts ?? before.monthlyAccounts,
      inquiryDays: input.inquiryDays ?? before.inquiryDays,
    };
    if (next.monthlyAccounts === before.monthlyAccounts && next.inquiryDays === before.inquiryDays) return before;
    const fields = { villageId: village._id, ...next, updatedAt: now, updatedBy: caller.accountId };
    if (stored) {
      await tx.update<BoardSettingsRecord>('boardSettings', village._id, fields, { expectVersion: stored.version });
    } else {
      try {
        await tx.insert<BoardSettingsRecord>('boardSettings', { _id: village._id, ...fields });
      } catch (e) {
        if (e instanceof AppError && e.code === 'DUPLICATE') throw new AppError('CONFLICT');
        throw e;
      }
    }
    await appendAudit(tx, caller, now, {
      scope: village._id,
      action: 'board.configure',
      target: { collection: 'boardSettings', id: village._id, label: village.name },
      before,
      after: next,
    });
    return next;
  });
}
