import type { z } from 'zod';
import { NEED_CATEGORY_LABELS, NEED_LEVEL_LABELS, needDaysLeft, needState } from '../../core/visits/needs';
import { periodLabel } from '../../core/visits/periods';
import type { NeedView, TaskView, VisitSummary, VisitView } from '../../core/visits/schemas';
import { TASK_STATUS_LABELS, taskState } from '../../core/visits/status';
import type { NeedRecord, VisitRecord, VisitTaskRecord } from './records';

/** Records as the client sees them; status always from core/visits (one definition). */

export type TaskOut = z.output<typeof TaskView>;
export type NeedOut = z.output<typeof NeedView>;
export type VisitOut = z.output<typeof VisitView>;

export function taskView(t: VisitTaskRecord, now: number): TaskOut {
  const s = taskState(t, now);
  return {
    id: t._id,
    householdId: t.householdId,
    householdCode: t.householdCode,
    tags: [...t.tags],
    memberId: t.memberId,
    periodKind: t.periodKind,
    periodKey: t.periodKey,
    periodLabel: periodLabel({ kind: t.periodKind, startAt: t.startAt, dueAt: t.dueAt }),
    month: t.month,
    startAt: t.startAt,
    dueAt: t.dueAt,
    status: s.status,
    statusLabel: TASK_STATUS_LABELS[s.status],
    daysLeft: s.daysLeft,
    dueSoon: s.dueSoon,
    doneAt: t.doneAt,
    visitId: t.visitId,
  };
}

export function needView(n: NeedRecord, now: number): NeedOut {
  return {
    id: n._id,
    visitId: n.visitId,
    villageId: n.villageId,
    householdId: n.householdId,
    householdCode: n.householdCode,
    groupId: n.groupId,
    category: n.category,
    categoryLabel: NEED_CATEGORY_LABELS[n.category],
    urgency: n.urgency,
    text: n.text,
    ownerId: n.ownerId,
    ownerName: n.ownerName,
    raisedById: n.raisedById,
    raisedByName: n.raisedByName,
    createdAt: n.createdAt,
    level: n.level,
    levelLabel: NEED_LEVEL_LABELS[n.level],
    deadlineAt: n.deadlineAt,
    state: needState(n, now),
    daysLeft: n.status === 'open' ? needDaysLeft(n, now) : 0,
    closeOut: n.closeOut ? { ...n.closeOut, photos: [...n.closeOut.photos] } : null,
    matterId: n.matterId,
    history: n.history.map((h) => ({ ...h })),
  };
}

export function visitView(v: VisitRecord, needs: readonly NeedRecord[], now: number): VisitOut {
  const moment = (m: VisitRecord['start']) => ({ at: m.at, location: m.location, photos: [...m.photos] });
  return {
    id: v._id,
    clientId: v.clientId,
    villageId: v.villageId,
    householdId: v.householdId,
    householdCode: v.householdCode,
    memberId: v.memberId,
    memberName: v.memberName,
    start: moment(v.start),
    end: moment(v.end),
    receivedAt: v.receivedAt,
    met: v.met.map((m) => ({ ...m })),
    metOthers: v.metOthers,
    notes: v.notes,
    periodKey: v.periodKey,
    taskId: v.taskId,
    needs: needs.map((n) => needView(n, now)),
  };
}

export function visitSummary(v: VisitRecord): z.output<typeof VisitSummary> {
  return {
    id: v._id,
    startedAt: v.startedAt,
    memberName: v.memberName,
    notes: v.notes.length > 60 ? `${v.notes.slice(0, 60)}…` : v.notes,
    needCount: v.needIds.length,
    photoCount: v.start.photos.length + v.end.photos.length,
  };
}
