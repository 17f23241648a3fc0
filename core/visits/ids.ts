/**
 * Deterministic ids of the visits module: uniqueness comes from the store refusing a second insert
 * under the same id, never from a read before the write.
 *
 * - A task is (household, period): generating twice, or a check-in creating the task a timer is
 *   generating at the same moment, makes one task.
 * - A visit is (visitor, client id) and is hashed in cloudfunctions/visits/ids.ts (core/ has no
 *   hashing); its needs are (visit, index).
 * - Counters are (kind, month, scope).
 * Ids that embed others end in a fixed-format part (a period key has no ':'), so they cannot collide.
 */
export function taskIdOf(householdId: string, periodKey: string): string {
  return `vt:${householdId}:${periodKey}`;
}

export function needIdOf(visitId: string, index: number): string {
  return `${visitId}-${index + 1}`;
}

/** One assignment of a household to a member; seq counts the household's assignments. */
export function assignmentIdOf(householdId: string, seq: number): string {
  return `as:${householdId}:${String(seq).padStart(4, '0')}`;
}

/** Period counters of one member within one grid (a member may look after households in two). */
export function memberPeriodStatsId(month: string, villageId: string, groupId: string, memberId: string): string {
  return `mp:${month}:${villageId.length}:${villageId}:${groupId.length}:${groupId}:${memberId}`;
}

/** Period counters of one grid: the village's counters are its grids' sum (no village-wide hot document). */
export function gridPeriodStatsId(month: string, villageId: string, groupId: string): string {
  return `gp:${month}:${villageId.length}:${villageId}:${groupId}`;
}

/** Standing counters of one grid: households, assigned, needs raised / open by level / closed. */
export function gridStandingId(villageId: string, groupId: string): string {
  return `gs:${villageId.length}:${villageId}:${groupId}`;
}

/** Generation markers: one per village and period, one per period for the whole run. */
export function generationMarkerId(scope: string, periodKey: string): string {
  return `gen:${scope}:${periodKey}`;
}
