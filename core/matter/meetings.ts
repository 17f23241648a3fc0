import type { MatterState } from './states';
import { isLaterDay } from './time';

/**
 * Consultation meetings (议事协商会) belong to deliberation (民议): a matter is accepted before it is
 * met about, and one that missed its quorum is reopened (with a reason) before the next meeting.
 * A vote and a committee decision both need at least one recorded meeting (lifecycle.ts).
 */
export const MEETING_STATES = ['deliberating'] as const satisfies readonly MatterState[];

export function canRecordMeeting(state: MatterState): boolean {
  return (MEETING_STATES as readonly MatterState[]).includes(state);
}

/** Minutes are of a meeting that took place: not dated on a later day than today (Beijing time). */
export function meetingDateOk(heldAt: number, now: number): boolean {
  return !isLaterDay(heldAt, now);
}
