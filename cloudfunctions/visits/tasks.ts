import type { HouseholdRecord } from '../../core/records';
import { taskIdOf } from '../../core/visits/ids';
import { periodOf, type Period } from '../../core/visits/periods';
import { cadenceOf, type VisitSettings } from '../../core/visits/settings';
import { remindAt } from '../../core/visits/status';
import type { DocOps } from '../shared/store/port';
import type { VisitHouseholdRecord, VisitTaskRecord } from './records';
import { countTask, gridStandingBase, type StatsWriter } from './stats';
import { STANDING_FIELDS } from './records';

/**
 * Tasks and the household state they hang on, as used inside transactions by generation,
 * assignment and check-in alike, so the three can never count a task differently.
 */

export interface Member {
  readonly id: string;
  readonly name: string;
}

export function newTask(
  vh: Pick<VisitHouseholdRecord, '_id' | 'villageId' | 'townshipId' | 'groupId' | 'code' | 'tags'>,
  period: Period,
  member: Member | null,
  settings: VisitSettings,
  now: number,
): VisitTaskRecord {
  return {
    _id: taskIdOf(vh._id, period.key),
    villageId: vh.villageId,
    townshipId: vh.townshipId,
    groupId: vh.groupId,
    householdId: vh._id,
    householdCode: vh.code,
    tags: [...vh.tags],
    memberId: member?.id ?? null,
    memberName: member?.name ?? null,
    periodKind: period.kind,
    periodKey: period.key,
    month: period.month,
    startAt: period.startAt,
    dueAt: period.dueAt,
    remindAt: remindAt(period, settings.remindDays[period.kind]),
    stage: 'open',
    doneAt: null,
    visitId: null,
    createdAt: now,
  };
}

export function memberOf(vh: Pick<VisitHouseholdRecord, 'memberId' | 'memberName'> | null): Member | null {
  return vh?.memberId ? { id: vh.memberId, name: vh.memberName ?? '' } : null;
}

/** The period of a household's cadence that holds an instant. */
export function householdPeriod(tags: readonly string[], settings: VisitSettings, at: number): Period {
  return periodOf(cadenceOf(tags, settings), at);
}

/**
 * The household's contact state, made to agree with the roster: created (a gap) when missing, its
 * grid, code and tags refreshed when the roster changed. Counted in its grid's standing numbers.
 */
export async function syncHousehold(
  tx: DocOps,
  w: StatsWriter,
  h: HouseholdRecord,
  townshipId: string,
): Promise<VisitHouseholdRecord> {
  const vh = await tx.get<VisitHouseholdRecord>('visitHouseholds', h._id);
  if (!vh) {
    const fresh: VisitHouseholdRecord = {
      _id: h._id,
      villageId: h.villageId,
      townshipId,
      groupId: h.groupId,
      code: h.code,
      tags: [...h.tags],
      memberId: null,
      memberName: null,
      since: null,
      assignmentSeq: 0,
      lastVisitAt: null,
      visitCount: 0,
    };
    await tx.set<VisitHouseholdRecord>('visitHouseholds', fresh);
    w.add(gridStandingBase(fresh), { [STANDING_FIELDS.households]: 1 });
    return fresh;
  }
  const sameTags = vh.tags.length === h.tags.length && vh.tags.every((t, i) => t === h.tags[i]);
  if (vh.groupId === h.groupId && vh.code === h.code && sameTags) return vh;
  if (vh.groupId !== h.groupId) {
    // Moved to another grid on the roster: its standing numbers move with it.
    const assigned = vh.memberId ? 1 : 0;
    w.add(gridStandingBase(vh), { [STANDING_FIELDS.households]: -1, [STANDING_FIELDS.assigned]: -assigned });
    w.add(gridStandingBase({ ...vh, groupId: h.groupId }), {
      [STANDING_FIELDS.households]: 1,
      [STANDING_FIELDS.assigned]: assigned,
    });
  }
  const patch = { groupId: h.groupId, code: h.code, tags: [...h.tags] };
  await tx.update<VisitHouseholdRecord>('visitHouseholds', vh._id, patch);
  return { ...vh, ...patch };
}

/**
 * The household's task for the period holding `now`, created if missing (counted), or handed to
 * `member` if still open (the counts move from one member to the other; a done or overdue task
 * stays with whoever had it then).
 */
export async function currentTaskFor(
  tx: DocOps,
  w: StatsWriter,
  vh: VisitHouseholdRecord,
  member: Member | null,
  settings: VisitSettings,
  now: number,
): Promise<VisitTaskRecord> {
  const period = householdPeriod(vh.tags, settings, now);
  const task = await tx.get<VisitTaskRecord>('visitTasks', taskIdOf(vh._id, period.key));
  if (!task) {
    const fresh = newTask(vh, period, member, settings, now);
    await tx.insert<VisitTaskRecord>('visitTasks', fresh);
    countTask(w, fresh, { tasks: 1 });
    return fresh;
  }
  if (task.doneAt !== null || task.dueAt <= now || task.memberId === (member?.id ?? null)) return task;
  countTask(w, task, { tasks: -1, memberOnly: true });
  const moved: VisitTaskRecord = { ...task, memberId: member?.id ?? null, memberName: member?.name ?? null };
  countTask(w, moved, { tasks: 1, memberOnly: true });
  await tx.update<VisitTaskRecord>('visitTasks', task._id, { memberId: moved.memberId, memberName: moved.memberName });
  return moved;
}
