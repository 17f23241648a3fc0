import type { ErrorCode } from '../errors';
import { derivedId } from './ids';
import { DEFAULT_EVALUATION_DAYS, SETTING_BOUNDS } from './settings';
import type { MatterState } from './states';
import { assertDays, periodEnd } from './time';

/**
 * Evaluation (民事民评): once the work is done, villagers rate the result 1–5, once each, within a
 * window of N calendar days (14 unless the village sets otherwise) counted as time.ts explains. The
 * window's end is fixed on the record when the matter is completed, so a later change of the
 * village's setting does not move a window already open.
 */

export const STARS = [1, 2, 3, 4, 5] as const;
export type Stars = (typeof STARS)[number];

export function ratingId(matterId: string, personId: string): string {
  return derivedId('rating', matterId, personId);
}

/** Exclusive end of the rating window for a matter completed at `completedAt`. */
export function evaluationEndsAt(completedAt: number, days: number = DEFAULT_EVALUATION_DAYS): number {
  assertDays(days, SETTING_BOUNDS.evaluationDays.min, SETTING_BOUNDS.evaluationDays.max, 'evaluationDays');
  return periodEnd(completedAt, days);
}

export function isEvaluationOver(now: number, endsAt: number | null): boolean {
  return endsAt !== null && now >= endsAt;
}

export type RatingCheck = { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode };

export function checkRating(
  matter: { readonly state: MatterState; readonly evaluationEndsAt: number | null },
  personId: string | null,
  now: number,
  alreadyRated: boolean,
): RatingCheck {
  if (!personId) return { ok: false, code: 'FORBIDDEN' };
  // Before completion there is nothing to rate yet; after closing, the score is published and final.
  if (matter.state === 'closed') return { ok: false, code: 'EVALUATION_CLOSED' };
  if (matter.state !== 'evaluating') return { ok: false, code: 'INVALID_TRANSITION' };
  // The timer that closes the matter may run late; the window is the rule, not the state.
  if (matter.evaluationEndsAt === null || now >= matter.evaluationEndsAt) {
    return { ok: false, code: 'EVALUATION_CLOSED' };
  }
  if (alreadyRated) return { ok: false, code: 'ALREADY_RATED' };
  return { ok: true };
}

export interface EvaluationSummary {
  readonly count: number;
  /** How many gave each number of stars. */
  readonly distribution: Readonly<Record<Stars, number>>;
  /** The average × 10, rounded half up: 43 means 4.3. Null when nobody rated. */
  readonly averageTenths: number | null;
  /** The same, as the board prints it ('4.3'). */
  readonly average: string | null;
}

/**
 * The published score. Integers all the way: the average in tenths is round(10·sum / count), done as
 * floor((20·sum + count) / (2·count)) so two villages with the same ratings never differ in the last
 * digit because of float rounding.
 */
export function evaluationSummary(ratings: readonly number[]): EvaluationSummary {
  const distribution: Record<Stars, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let sum = 0;
  for (const r of ratings) {
    if (!isStars(r)) throw new RangeError(`a rating is a whole number from 1 to 5, got ${String(r)}`);
    distribution[r] += 1;
    sum += r;
  }
  const count = ratings.length;
  if (count === 0) return { count, distribution, averageTenths: null, average: null };
  const averageTenths = Math.floor((20 * sum + count) / (2 * count));
  return { count, distribution, averageTenths, average: `${Math.floor(averageTenths / 10)}.${averageTenths % 10}` };
}

export function isStars(n: number): n is Stars {
  return (STARS as readonly number[]).includes(n);
}
