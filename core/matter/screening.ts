import { DEFAULT_SCREENING_DAYS, SETTING_BOUNDS } from './settings';
import type { MatterState } from './states';
import { assertDays, daysLeft, periodEnd } from './time';

/**
 * Screening (受理): a raised matter must be accepted, declined or merged by the committee within N
 * calendar days (7 unless the village sets otherwise), counted in Beijing dates as time.ts explains.
 * The clock starts when the matter enters `raised`, so a matter sent back to be reworded
 * (returnToRaised) gets a fresh period; the record keeps the due time so a timer can find the
 * overdue ones with one indexed query.
 */

/** Exclusive deadline: the screening is overdue from this instant on. */
export function screeningDue(raisedAt: number, days: number = DEFAULT_SCREENING_DAYS): number {
  assertDays(days, SETTING_BOUNDS.screeningDays.min, SETTING_BOUNDS.screeningDays.max, 'screeningDays');
  return periodEnd(raisedAt, days);
}

export function isOverdue(now: number, raisedAt: number, days: number = DEFAULT_SCREENING_DAYS): boolean {
  return now >= screeningDue(raisedAt, days);
}

export interface ScreeningStatus {
  readonly dueAt: number;
  readonly overdue: boolean;
  /** Calendar days left counting today; 0 once overdue. */
  readonly daysLeft: number;
}

/** What the matter page shows about screening; null once the matter has left `raised`. */
export function screeningStatus(state: MatterState, dueAt: number | null, now: number): ScreeningStatus | null {
  if (state !== 'raised' || dueAt === null) return null;
  return { dueAt, overdue: now >= dueAt, daysLeft: daysLeft(now, dueAt) };
}
