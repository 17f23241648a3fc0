/**
 * Calendar days as the village counts them. Times are epoch milliseconds everywhere; deadlines are
 * counted in whole calendar days in Beijing time (Asia/Shanghai, UTC+8) because a notice on the
 * board says "7日内" and villagers read that as dates, not as 168 hours.
 *
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and we need no
 * time-zone database (core/ may not load one anyway).
 *
 * The counting follows the Civil Code (民法典 art. 201): a period of N days starts on the day after
 * the event, and ends at 24:00 of its last day. Raised on Monday at 21:00 with 7 days to screen, the
 * deadline is the end of the following Monday. Public holidays do not extend it here (art. 203 would);
 * the village may configure more days instead.
 */

export const DAY_MS = 86_400_000;
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Midnight (00:00 Beijing time) of the day `ms` falls in, as epoch ms. */
export function beijingDayStart(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
}

/**
 * The exclusive end of a period of `days` calendar days that starts the day after `from`:
 * midnight at the start of day (from's day + days + 1). `now >= periodEnd(...)` means it is over.
 */
export function periodEnd(from: number, days: number): number {
  return beijingDayStart(from) + (days + 1) * DAY_MS;
}

/**
 * Calendar days left until an exclusive deadline, counting today: 1 on the last day, 0 once it has
 * passed. This is what "还剩N天" shows.
 */
export function daysLeft(now: number, deadline: number): number {
  const left = Math.ceil((deadline - beijingDayStart(now)) / DAY_MS);
  return left > 0 ? left : 0;
}

/**
 * A record of something that happened (a meeting, work on site) may not be dated on a later day
 * than today. Same-day times a little ahead of the server's clock are let through: phones' clocks drift.
 */
export function isLaterDay(at: number, now: number): boolean {
  return beijingDayStart(at) > beijingDayStart(now);
}

/** Configured day counts are small whole numbers; anything else is a programming error. */
export function assertDays(days: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(days) || days < min || days > max) {
    throw new RangeError(`${what} must be a whole number of days from ${min} to ${max}, got ${String(days)}`);
  }
}
