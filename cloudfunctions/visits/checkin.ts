import type { OutputOf } from '../../core/action';
import { AppError } from '../../core/errors';
import type { Caller } from '../../core/caller';
import type { HouseholdRecord, PersonRecord, VillageRecord } from '../../core/records';
import type { checkIn } from '../../core/visits/actions';
import { needIdOf, taskIdOf } from '../../core/visits/ids';
import { needDeadline } from '../../core/visits/needs';
import { DAY_MS, type Period } from '../../core/visits/periods';
import type { VisitSettings } from '../../core/visits/settings';
import { checkPhotos } from '../matters/photos';
import { callerOf, type ActionContext } from '../shared/handler';
import type { DocOps } from '../shared/store/port';
import { listKeyOf, visitIdOf } from './ids';
import { loadHousehold, loadSettings, loadVillage, villagePerson } from './load';
import {
  STANDING_FIELDS,
  type NeedRecord,
  type VisitHouseholdRecord,
  type VisitRecord,
  type VisitTaskRecord,
} from './records';
import { countTask, gridStandingBase, StatsWriter } from './stats';
import { householdPeriod, memberOf, newTask, syncHousehold } from './tasks';
import { taskView, visitView } from './views';

/**
 * A check-in (联户走访): the visit, the needs found on it, the task it completes and every counter,
 * in ONE transaction, so nothing is ever half-written.
 *
 * Offline replays: the phone sends the same client id every time it retries. The visit's id is
 * derived from (visitor, client id) and inserted first; the store refuses a second insert under
 * that id (DUPLICATE), the transaction rolls back, and the stored visit is returned as it is. No
 * read decides uniqueness, so two copies racing each other still make one visit.
 *
 * The visit's own time (when it started, on the phone) decides which period it counts for: a visit
 * made on 31 March in the hills and sent on 2 April completes March's task.
 */

/** How far back a visit may be written up: the offline queue, a phone left in a drawer for a month. */
export const MAX_VISIT_AGE_MS = 45 * DAY_MS;
/** Phones' clocks drift: a few minutes ahead of the server is still "now". */
export const CLOCK_SKEW_MS = 10 * 60_000;
export const MAX_VISIT_LENGTH_MS = 12 * 3_600_000;

class Replayed extends Error {}

type Out = OutputOf<typeof checkIn>;

async function replayOf(ctx: ActionContext<typeof checkIn>, visitId: string): Promise<Out | null> {
  const v = await ctx.store.get<VisitRecord>('visits', visitId);
  if (!v) return null;
  if (v.householdId !== ctx.input.householdId) throw new AppError('CLIENT_ID_REUSED');
  const needs: NeedRecord[] = [];
  for (const id of v.needIds) {
    const n = await ctx.store.get<NeedRecord>('visitNeeds', id);
    if (n) needs.push(n);
  }
  const task = await ctx.store.get<VisitTaskRecord>('visitTasks', v.taskId);
  if (!task) throw new Error(`visit ${v._id} has no task ${v.taskId}`);
  const now = ctx.clock.now();
  return { visit: visitView(v, needs, now), task: taskView(task, now), replayed: true };
}

function timeProblem(start: number, end: number, now: number): string | null {
  if (end < start) return '结束时间不能早于开始时间';
  if (end > now + CLOCK_SKEW_MS) return '走访时间不能是将来';
  if (start < now - MAX_VISIT_AGE_MS) return '45天以前的走访不能再补记了';
  if (end - start > MAX_VISIT_LENGTH_MS) return '一次走访不能超过12小时';
  return null;
}

interface Prepared {
  readonly visit: VisitRecord;
  readonly needs: NeedRecord[];
  readonly village: VillageRecord;
  readonly settings: VisitSettings;
  readonly period: Period;
}

/** Everything checked and built before the transaction: people, photos, owners, the period. */
async function prepare(
  ctx: ActionContext<typeof checkIn>,
  caller: Caller,
  visitor: { readonly id: string; readonly name: string },
  h: HouseholdRecord,
  visitId: string,
  now: number,
): Promise<Prepared> {
  const input = ctx.input;
  const problem = timeProblem(input.start.at, input.end.at, now);
  if (problem) throw new AppError('INVALID_INPUT', problem, [{ path: 'start.at', message: problem }]);
  const people = await ctx.store.find<PersonRecord>(
    'persons',
    { villageId: h.villageId, householdId: h._id },
    { limit: 100 },
  );
  const names = new Map(people.map((p) => [p._id, p.name]));
  const met = [...new Set(input.metPersonIds)].map((personId) => {
    const name = names.get(personId);
    if (name === undefined)
      throw new AppError('INVALID_INPUT', '见到的人不是这户的', [
        { path: 'metPersonIds', message: '见到的人不是这户的' },
      ]);
    return { personId, name };
  });
  const startPhotos = await checkPhotos(ctx.files, caller, input.start.photos);
  const endPhotos = await checkPhotos(ctx.files, caller, input.end.photos);
  const owners = new Map<string, string>([[visitor.id, visitor.name]]);
  for (const n of input.needs) {
    if (n.ownerId && !owners.has(n.ownerId))
      owners.set(n.ownerId, (await villagePerson(ctx.store, n.ownerId, h.villageId)).name);
  }
  const village: VillageRecord = await loadVillage(ctx.store, h.villageId);
  const settings = await loadSettings(ctx.store, h.villageId);
  const period = householdPeriod(h.tags, settings, input.start.at);
  const taskId = taskIdOf(h._id, period.key);

  const needs: NeedRecord[] = input.needs.map((n, i) => {
    const id = needIdOf(visitId, i);
    const ownerId = n.ownerId ?? visitor.id;
    return {
      _id: id,
      villageId: h.villageId,
      townshipId: village.townshipId,
      groupId: h.groupId,
      householdId: h._id,
      householdCode: h.code,
      visitId,
      category: n.category,
      urgency: n.urgency,
      text: n.text,
      ownerId,
      ownerName: owners.get(ownerId) ?? null,
      raisedById: visitor.id,
      raisedByName: visitor.name,
      createdAt: now,
      level: 'village',
      levelSince: now,
      deadlineAt: needDeadline('village', n.urgency, now, settings.needDays),
      status: 'open',
      closedAt: null,
      closeOut: null,
      matterId: null,
      matterClaim: null,
      history: [{ at: now, kind: 'raised', level: 'village', byName: visitor.name, text: null }],
      listKey: listKeyOf(now, id),
    };
  });
  const visit: VisitRecord = {
    _id: visitId,
    villageId: h.villageId,
    townshipId: village.townshipId,
    groupId: h.groupId,
    householdId: h._id,
    householdCode: h.code,
    memberId: visitor.id,
    memberName: visitor.name,
    accountId: caller.accountId,
    clientId: input.clientId,
    startedAt: input.start.at,
    start: { at: input.start.at, location: input.start.location ?? null, photos: startPhotos },
    end: { at: input.end.at, location: input.end.location ?? null, photos: endPhotos },
    receivedAt: now,
    met,
    metOthers: input.metOthers,
    notes: input.notes,
    periodKey: period.key,
    taskId,
    needIds: needs.map((n) => n._id),
  };
  return { visit, needs, village, settings, period };
}

export async function recordCheckIn(ctx: ActionContext<typeof checkIn>): Promise<Out> {
  const caller = callerOf(ctx);
  if (!caller.personId) throw new AppError('FORBIDDEN', '您的账号还没有对上村里花名册上的人');
  const visitor = { id: caller.personId, name: caller.name };
  const h = await loadHousehold(ctx.store, ctx.authorize, ctx.input.householdId);
  const visitId = visitIdOf(visitor.id, ctx.input.clientId);
  const now = ctx.clock.now();
  let prepared: Prepared;
  try {
    prepared = await prepare(ctx, caller, visitor, h, visitId, now);
  } catch (e) {
    // Whatever changed since it was first sent (it aged past 45 days, a photo or a person is gone),
    // a replay is answered with the visit as it was stored, not refused.
    if (e instanceof AppError) {
      const replay = await replayOf(ctx, visitId);
      if (replay) return replay;
    }
    throw e;
  }
  const { visit, needs, village, settings, period } = prepared;
  const taskId = visit.taskId;

  try {
    const task = await ctx.store.transaction(async (tx: DocOps) => {
      try {
        await tx.insert<VisitRecord>('visits', visit);
      } catch (e) {
        if (e instanceof AppError && e.code === 'DUPLICATE') throw new Replayed();
        throw e;
      }
      for (const n of needs) await tx.insert<NeedRecord>('visitNeeds', n);
      const w = new StatsWriter();
      const vh = await syncHousehold(tx, w, h, village.townshipId);
      await tx.update<VisitHouseholdRecord>('visitHouseholds', vh._id, {
        lastVisitAt: Math.max(vh.lastVisitAt ?? 0, visit.startedAt),
        visitCount: vh.visitCount + 1,
      });
      let t = await tx.get<VisitTaskRecord>('visitTasks', taskId);
      if (!t) {
        // No task yet (generation has not reached this period, or the household was not on the roster
        // then): the visit makes it, done, for whoever looks after the household now.
        const made = newTask(vh, period, memberOf(vh), settings, now);
        t = { ...made, stage: 'done', doneAt: visit.startedAt, visitId };
        await tx.insert<VisitTaskRecord>('visitTasks', t);
        countTask(w, t, { tasks: 1, done: 1 });
      } else if (t.doneAt === null) {
        t = { ...t, stage: 'done', doneAt: visit.startedAt, visitId };
        await tx.update<VisitTaskRecord>('visitTasks', t._id, { stage: 'done', doneAt: t.doneAt, visitId });
        countTask(w, t, { done: 1 });
      } else if (visit.startedAt < t.doneAt) {
        // Two visits in one period arriving out of order: the task shows the first one made.
        t = { ...t, doneAt: visit.startedAt, visitId };
        await tx.update<VisitTaskRecord>('visitTasks', t._id, { doneAt: t.doneAt, visitId });
      }
      countTask(w, t, { visits: 1 });
      if (needs.length > 0) {
        w.add(gridStandingBase(vh), {
          [STANDING_FIELDS.raised]: needs.length,
          [STANDING_FIELDS.open.village]: needs.length,
        });
      }
      await w.flush(tx);
      return t;
    });
    return { visit: visitView(visit, needs, now), task: taskView(task, now), replayed: false };
  } catch (e) {
    if (!(e instanceof Replayed)) throw e;
    const replay = await replayOf(ctx, visitId);
    if (!replay) throw new AppError('CONFLICT');
    return replay;
  }
}
