import type { OutputOf } from '../../core/action';
import { hasRole } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { PersonRecord } from '../../core/records';
import type { household, myTasks, setSettings, settings, visit } from '../../core/visits/actions';
import { monthKeyAt, monthsInView, inView } from '../../core/visits/periods';
import { cadenceOf, visitSettings, type VisitSettings } from '../../core/visits/settings';
import { tallyTasks, taskOrder, taskStatus } from '../../core/visits/status';
import { callerOf, type ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import { groupName, loadHousehold, loadSettings, loadVillage } from './load';
import type { NeedRecord, VisitHouseholdRecord, VisitRecord, VisitSettingsRecord, VisitTaskRecord } from './records';
import { needView, taskView, visitSummary, visitView } from './views';

/** Settings, the member's list, a household's page and one visit. */

function settingsView(villageId: string, s: VisitSettings): OutputOf<typeof settings> {
  return {
    villageId,
    minPerMember: s.minPerMember,
    maxPerMember: s.maxPerMember,
    defaultCadence: s.defaultCadence,
    tagCadence: { ...s.tagCadence },
    remindDays: { ...s.remindDays },
    needDays: { normal: { ...s.needDays.normal }, urgent: { ...s.needDays.urgent } },
  };
}

export async function readSettings(ctx: ActionContext<typeof settings>): Promise<OutputOf<typeof settings>> {
  const village = await targetVillage(ctx, ctx.input.villageId);
  return settingsView(village._id, await loadSettings(ctx.store, village._id));
}

export async function writeSettings(ctx: ActionContext<typeof setSettings>): Promise<OutputOf<typeof setSettings>> {
  const caller = callerOf(ctx);
  const village = await targetVillage(ctx);
  const input = ctx.input;
  const now = ctx.clock.now();
  const saved = await ctx.store.transaction(async (tx) => {
    const current = await loadSettings(tx, village._id);
    let next: VisitSettings;
    try {
      next = visitSettings({
        ...current,
        ...(input.minPerMember !== undefined ? { minPerMember: input.minPerMember } : {}),
        ...(input.maxPerMember !== undefined ? { maxPerMember: input.maxPerMember } : {}),
        ...(input.defaultCadence !== undefined ? { defaultCadence: input.defaultCadence } : {}),
        ...(input.tagCadence !== undefined ? { tagCadence: input.tagCadence } : {}),
        remindDays: { ...current.remindDays, ...input.remindDays },
        needDays: {
          normal: { ...current.needDays.normal, ...input.needDays?.normal },
          urgent: { ...current.needDays.urgent, ...input.needDays?.urgent },
        },
      });
    } catch (e) {
      if (e instanceof RangeError) throw new AppError('INVALID_INPUT', '最多联系的户数不能少于最少的户数');
      throw e;
    }
    await tx.set<VisitSettingsRecord>('visitSettings', {
      _id: village._id,
      ...next,
      updatedAt: now,
      updatedBy: caller.name,
    });
    return next;
  });
  return settingsView(village._id, saved);
}

export async function listMyTasks(ctx: ActionContext<typeof myTasks>): Promise<OutputOf<typeof myTasks>> {
  const caller = callerOf(ctx);
  const now = ctx.clock.now();
  const month = ctx.input.month ?? monthKeyAt(now);
  // A member's tasks of one or two reporting months: 5–20 households, a few of them weekly.
  const rows = await ctx.store.find<VisitTaskRecord>(
    'visitTasks',
    { memberId: caller.personId ?? '-', month: { $in: monthsInView(month, now) } },
    { sort: [['dueAt', 'asc']], limit: 1000 },
  );
  const inMonth = rows.filter((t) => inView(t, month, now));
  return {
    month,
    tally: tallyTasks(inMonth, month, now),
    items: inMonth.sort((a, b) => taskOrder(a, b, now)).map((t) => taskView(t, now)),
  };
}

export async function householdPage(ctx: ActionContext<typeof household>): Promise<OutputOf<typeof household>> {
  const h = await loadHousehold(ctx.store, ctx.authorize, ctx.input.householdId);
  const now = ctx.clock.now();
  const village = await loadVillage(ctx.store, h.villageId);
  const settings = await loadSettings(ctx.store, h.villageId);
  const vh = await ctx.store.get<VisitHouseholdRecord>('visitHouseholds', h._id);
  const people = await ctx.store.find<PersonRecord>(
    'persons',
    { villageId: h.villageId, householdId: h._id },
    { limit: 100 },
  );
  // The latest tasks first: a year of monthly ones, or a quarter of weekly ones, is one page.
  const tasks = await ctx.store.find<VisitTaskRecord>(
    'visitTasks',
    { householdId: h._id },
    { sort: [['dueAt', 'desc']], limit: 13 },
  );
  const visits = await ctx.store.find<VisitRecord>(
    'visits',
    { householdId: h._id },
    { sort: [['startedAt', 'desc']], limit: 10 },
  );
  const needs = await ctx.store.find<NeedRecord>(
    'visitNeeds',
    { householdId: h._id, status: 'open' },
    { sort: [['listKey', 'desc']], limit: 50 },
  );
  return {
    household: {
      id: h._id,
      code: h.code,
      groupId: h.groupId,
      groupName: groupName(village, h.groupId),
      tags: [...h.tags],
      cadence: cadenceOf(h.tags, settings),
      people: people.map((p) => ({ personId: p._id, name: p.name })),
    },
    member: vh?.memberId && vh.since !== null ? { id: vh.memberId, name: vh.memberName ?? '', since: vh.since } : null,
    // Everything due for it, by the one definition: not done, whether still due or overdue.
    due: tasks
      .filter((t) => taskStatus(t, now) !== 'done')
      .sort((a, b) => taskOrder(a, b, now))
      .map((t) => taskView(t, now)),
    tasks: tasks.map((t) => taskView(t, now)),
    visits: visits.map(visitSummary),
    needs: needs.map((n) => needView(n, now)),
  };
}

export async function readVisit(ctx: ActionContext<typeof visit>): Promise<OutputOf<typeof visit>> {
  const caller = callerOf(ctx);
  const v = await ctx.store.get<VisitRecord>('visits', ctx.input.visitId);
  if (!v) throw new AppError('NOT_FOUND', '没有找到这次走访');
  ctx.authorize({ villageId: v.villageId });
  // Notes about a household are for those who look after it: the visitor, leaders, the township.
  if (!hasRole(caller, 'committee', 'townshipStaff', 'gridLeader') && caller.personId !== v.memberId) {
    throw new AppError('FORBIDDEN', '只能看自己的走访记录');
  }
  const needs: NeedRecord[] = [];
  for (const id of v.needIds) {
    const n = await ctx.store.get<NeedRecord>('visitNeeds', id);
    if (n) needs.push(n);
  }
  return visitView(v, needs, ctx.clock.now());
}
