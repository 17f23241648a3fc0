import type { z } from 'zod';
import type { OutputOf } from '../../core/action';
import { hasRole } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { TownshipRecord, VillageRecord } from '../../core/records';
import type { gridBoard, memberBoard, townshipBoard, villageBoard } from '../../core/visits/actions';
import { gridPeriodStatsId, gridStandingId } from '../../core/visits/ids';
import { monthKeyAt, monthsInView, type MonthKey } from '../../core/visits/periods';
import type { CoverageRow } from '../../core/visits/schemas';
import { rangeWarning } from '../../core/visits/settings';
import {
  addTallies,
  bucketsOf,
  coverage,
  EMPTY_TALLY,
  tallyBuckets,
  taskOrder,
  type Tally,
} from '../../core/visits/status';
import { callerOf, type ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import type { Store } from '../shared/store/port';
import { gridOfPerson, groupName, loadSettings } from './load';
import { STANDING_FIELDS, type VisitMemberRecord, type VisitStatsRecord, type VisitTaskRecord } from './records';
import { findAll } from './stats';
import { taskView } from './views';

/**
 * The four dashboards. Each reads counter documents (per reporting month, per grid or member)
 * kept up to date on write, never tasks or visits of the past: the same few documents whether a
 * village has one month of history or ten years. Done/due/overdue come from core/visits/status.ts
 * (tallyBuckets), the one definition the lists use too.
 */

type Row = z.output<typeof CoverageRow>;

const num = (doc: VisitStatsRecord | undefined, field: string): number => {
  const v = doc?.[field];
  return typeof v === 'number' ? v : 0;
};

/** Adds up counter documents: period ones (buckets, visits of the month itself) and standing ones. */
function row(
  periodDocs: readonly VisitStatsRecord[],
  standing: readonly VisitStatsRecord[],
  month: MonthKey,
  now: number,
): Row {
  let tally: Tally = EMPTY_TALLY;
  let visits = 0;
  for (const d of periodDocs) {
    tally = addTallies(tally, tallyBuckets(bucketsOf(d), month, now));
    if (d.month === month) visits += num(d, 'visits');
  }
  const sum = (field: string) => standing.reduce((s, d) => s + num(d, field), 0);
  const households = sum(STANDING_FIELDS.households);
  const assigned = sum(STANDING_FIELDS.assigned);
  const raised = sum(STANDING_FIELDS.raised);
  const closed = sum(STANDING_FIELDS.closed);
  const byLevel = {
    village: sum(STANDING_FIELDS.open.village),
    township: sum(STANDING_FIELDS.open.township),
    county: sum(STANDING_FIELDS.open.county),
  };
  return {
    tally,
    coverage: coverage(tally),
    households,
    assigned,
    gaps: Math.max(0, households - assigned),
    visits,
    needs: {
      raised,
      closed,
      open: byLevel.village + byLevel.township + byLevel.county,
      byLevel,
      closeOutRate: raised === 0 ? null : Math.round((closed / raised) * 100),
    },
  };
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

function monthOf(input: { month?: string }, now: number): MonthKey {
  return input.month ?? monthKeyAt(now);
}

export async function memberBoardOf(ctx: ActionContext<typeof memberBoard>): Promise<OutputOf<typeof memberBoard>> {
  const caller = callerOf(ctx);
  const now = ctx.clock.now();
  const month = monthOf(ctx.input, now);
  const personId = caller.personId ?? '-';
  const docs = await ctx.store.find<VisitStatsRecord>(
    'visitStats',
    { kind: 'memberPeriod', memberId: personId, month: { $in: monthsInView(month, now) } },
    { limit: 1000 },
  );
  let tally: Tally = EMPTY_TALLY;
  for (const d of docs) tally = addTallies(tally, tallyBuckets(bucketsOf(d), month, now));
  const member = await ctx.store.get<VisitMemberRecord>('visitMembers', personId);
  const households = member?.householdCount ?? 0;
  const settings = caller.villageId ? await loadSettings(ctx.store, caller.villageId) : null;
  return {
    month,
    tally,
    coverage: coverage(tally),
    households,
    warning: settings ? rangeWarning(households, settings) : null,
  };
}

async function periodDocs(store: Store, ids: readonly string[]): Promise<VisitStatsRecord[]> {
  const out: VisitStatsRecord[] = [];
  for (const id of ids) {
    const d = await store.get<VisitStatsRecord>('visitStats', id);
    if (d) out.push(d);
  }
  return out;
}

export async function gridBoardOf(ctx: ActionContext<typeof gridBoard>): Promise<OutputOf<typeof gridBoard>> {
  const caller = callerOf(ctx);
  const village = await targetVillage(ctx, ctx.input.villageId);
  const leaderOnly = !hasRole(caller, 'committee', 'townshipStaff');
  const own = leaderOnly ? await gridOfPerson(ctx.store, caller.personId) : null;
  const groupId = ctx.input.groupId ?? own;
  if (!groupId) throw new AppError('NOT_FOUND', '请先选一个网格');
  // A grid leader leads one grid (the one their household is in); the committee sees every grid.
  if (leaderOnly && groupId !== own) throw new AppError('FORBIDDEN', '网格长只能看自己的网格');
  if (!village.groups.some((g) => g.id === groupId)) throw new AppError('NOT_FOUND', '村里没有这个网格');
  const now = ctx.clock.now();
  const month = monthOf(ctx.input, now);
  const months = monthsInView(month, now);
  const grid = await periodDocs(
    ctx.store,
    months.map((m) => gridPeriodStatsId(m, village._id, groupId)),
  );
  const standing = await periodDocs(ctx.store, [gridStandingId(village._id, groupId)]);
  const memberDocs = await ctx.store.find<VisitStatsRecord>(
    'visitStats',
    { kind: 'memberPeriod', villageId: village._id, groupId, month: { $in: months } },
    { limit: 1000 },
  );
  const memberRecords = new Map(
    (await ctx.store.find<VisitMemberRecord>('visitMembers', { villageId: village._id }, { limit: 1000 })).map((m) => [
      m._id,
      m,
    ]),
  );
  const settings = await loadSettings(ctx.store, village._id);
  const members = [...groupBy(memberDocs, (d) => d.memberId ?? '').entries()]
    .filter(([id]) => id !== '')
    .map(([memberId, docs]) => {
      let tally: Tally = EMPTY_TALLY;
      for (const d of docs) tally = addTallies(tally, tallyBuckets(bucketsOf(d), month, now));
      const rec = memberRecords.get(memberId);
      const households = rec?.householdCount ?? 0;
      return {
        memberId,
        name: rec?.name ?? docs[0].memberName ?? '',
        households,
        warning: rangeWarning(households, settings),
        tally,
        coverage: coverage(tally),
      };
    })
    .sort((a, b) => (a.coverage ?? 101) - (b.coverage ?? 101) || a.name.localeCompare(b.name, 'zh-CN'));
  // The grid's overdue tasks of this view: one indexed range over the view's months, a page deep.
  const open = await ctx.store.find<VisitTaskRecord>(
    'visitTasks',
    {
      villageId: village._id,
      groupId,
      month: { $in: months },
      stage: { $in: ['open', 'reminded', 'overdue'] },
      dueAt: { $lte: now },
    },
    { sort: [['dueAt', 'asc']], limit: 50 },
  );
  const overdue = open
    .sort((a, b) => taskOrder(a, b, now))
    .map((t) => taskView(t, now))
    .filter((t) => t.status === 'overdue');
  return {
    month,
    villageId: village._id,
    groupId,
    groupName: groupName(village, groupId),
    grid: row(grid, standing, month, now),
    members,
    overdue,
  };
}

export async function villageBoardOf(ctx: ActionContext<typeof villageBoard>): Promise<OutputOf<typeof villageBoard>> {
  const village = await targetVillage(ctx, ctx.input.villageId);
  const now = ctx.clock.now();
  const month = monthOf(ctx.input, now);
  const period = await ctx.store.find<VisitStatsRecord>(
    'visitStats',
    { kind: 'gridPeriod', villageId: village._id, month: { $in: monthsInView(month, now) } },
    { limit: 1000 },
  );
  const standing = await ctx.store.find<VisitStatsRecord>(
    'visitStats',
    { kind: 'grid', villageId: village._id },
    { limit: 1000 },
  );
  const periodBy = groupBy(period, (d) => d.groupId);
  const standingBy = groupBy(standing, (d) => d.groupId);
  const groupIds = [...new Set([...village.groups.map((g) => g.id), ...periodBy.keys(), ...standingBy.keys()])];
  return {
    month,
    villageId: village._id,
    villageName: village.name,
    village: row(period, standing, month, now),
    grids: groupIds.map((groupId) => ({
      groupId,
      groupName: groupName(village, groupId),
      ...row(periodBy.get(groupId) ?? [], standingBy.get(groupId) ?? [], month, now),
    })),
  };
}

export async function townshipBoardOf(
  ctx: ActionContext<typeof townshipBoard>,
): Promise<OutputOf<typeof townshipBoard>> {
  const caller = callerOf(ctx);
  const townshipId = caller.townshipId;
  if (!townshipId) throw new AppError('NOT_FOUND', '没有找到您所在的乡镇');
  const township = await ctx.store.get<TownshipRecord>('townships', townshipId);
  if (!township) throw new AppError('NOT_FOUND', '没有找到您所在的乡镇');
  const now = ctx.clock.now();
  const month = monthOf(ctx.input, now);
  // One document per grid per month in view, and one standing document per grid: the township's
  // size decides the reads, not its history. Paged, since a big township has thousands of grids.
  const villages = await findAll<VillageRecord>(ctx.store, 'villages', { townshipId });
  const period = await findAll<VisitStatsRecord>(ctx.store, 'visitStats', {
    kind: 'gridPeriod',
    townshipId,
    month: { $in: monthsInView(month, now) },
  });
  const standing = await findAll<VisitStatsRecord>(ctx.store, 'visitStats', { kind: 'grid', townshipId });
  const periodBy = groupBy(period, (d) => d.villageId);
  const standingBy = groupBy(standing, (d) => d.villageId);
  return {
    month,
    townshipId,
    townshipName: township.name,
    township: row(period, standing, month, now),
    villages: villages.map((v) => ({
      villageId: v._id,
      villageName: v.name,
      ...row(periodBy.get(v._id) ?? [], standingBy.get(v._id) ?? [], month, now),
    })),
  };
}
