import { SHANGHAI_OFFSET_MS, shanghaiDate, type CivilDate } from '../votes/eligibility';

/**
 * Visit periods on the Asia/Shanghai calendar (UTC+8 all year since 1991, so a fixed offset is
 * exact and core/ needs no time-zone database).
 *
 * - A month runs from 00:00 on its 1st to 00:00 on the 1st of the next month (exclusive).
 * - A week is an ISO week: Monday 00:00 to the next Monday 00:00, numbered ISO 8601 style
 *   (`2026-W01` is the week holding the year's first Thursday, so 2025-12-29 already belongs to it).
 *   ISO weeks and "Monday-start weeks" are the same spans; ISO is chosen for the *numbering*,
 *   because it never gives a year a week 0 or splits one week into two keys at New Year.
 * - Every period belongs to one reporting month: the month it STARTS in. The week of Mon 30 March
 *   is March's last week even though it ends on 5 April. A dashboard for the current month also
 *   shows a week from last month that is still running (see `inView`), so nothing current hides.
 *
 * A period's `dueAt` is its exclusive end: a visit must start before it.
 */
export const PERIOD_KINDS = ['week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** "YYYY-MM". */
export type MonthKey = string;

export interface Period {
  readonly kind: PeriodKind;
  /** "YYYY-MM" for a month, "YYYY-Www" for an ISO week. */
  readonly key: string;
  readonly startAt: number;
  /** Exclusive end: the task is overdue from this instant. */
  readonly dueAt: number;
  /** The reporting month it belongs to: the month it starts in. */
  readonly month: MonthKey;
}

export const DAY_MS = 86_400_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 00:00 Beijing time on a civil date. Date.UTC rolls over day 0 or day 32, which month ends rely on. */
export function shanghaiMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - SHANGHAI_OFFSET_MS;
}

export function monthKey(year: number, month: number): MonthKey {
  return `${year}-${pad2(month)}`;
}

export function monthKeyAt(ms: number): MonthKey {
  const d = shanghaiDate(ms);
  return monthKey(d.year, d.month);
}

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK_KEY = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

export function isMonthKey(key: string): boolean {
  return MONTH_KEY.test(key);
}

/** The month `n` months after (or before, for negative n) a month. */
export function addMonths(key: MonthKey, n: number): MonthKey {
  const m = MONTH_KEY.exec(key);
  if (!m) throw new RangeError(`not a month key: ${key}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  return monthKey(Math.floor(index / 12), (index % 12) + 1);
}

export function monthPeriodOf(year: number, month: number): Period {
  const key = monthKey(year, month);
  return {
    kind: 'month',
    key,
    startAt: shanghaiMidnight(year, month, 1),
    dueAt: shanghaiMidnight(year, month + 1, 1),
    month: key,
  };
}

/** Monday = 1 … Sunday = 7 (ISO), of a civil date. */
function isoWeekday(d: CivilDate): number {
  const w = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return w === 0 ? 7 : w;
}

function civilAt(utcMidnight: number): CivilDate {
  const d = new Date(utcMidnight);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function weekStarting(monday: CivilDate): Period {
  const mondayUtc = Date.UTC(monday.year, monday.month - 1, monday.day);
  // The ISO year and number are those of the week's Thursday.
  const thursday = civilAt(mondayUtc + 3 * DAY_MS);
  const dayOfYear =
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(thursday.year, 0, 1)) / DAY_MS;
  const week = Math.floor(dayOfYear / 7) + 1;
  const startAt = mondayUtc - SHANGHAI_OFFSET_MS;
  return {
    kind: 'week',
    key: `${thursday.year}-W${pad2(week)}`,
    startAt,
    dueAt: startAt + 7 * DAY_MS,
    month: monthKey(monday.year, monday.month),
  };
}

export function periodOf(kind: PeriodKind, ms: number): Period {
  const d = shanghaiDate(ms);
  if (kind === 'month') return monthPeriodOf(d.year, d.month);
  const monday = civilAt(Date.UTC(d.year, d.month - 1, d.day) - (isoWeekday(d) - 1) * DAY_MS);
  return weekStarting(monday);
}

/** The period a key names, or null when it names none (2025-W53: 2025 has only 52 ISO weeks). */
export function periodOfKey(key: string): Period | null {
  const m = MONTH_KEY.exec(key);
  if (m) return monthPeriodOf(Number(m[1]), Number(m[2]));
  const w = WEEK_KEY.exec(key);
  if (!w) return null;
  const year = Number(w[1]);
  // 4 January is always in ISO week 1.
  const jan4: CivilDate = { year, month: 1, day: 4 };
  const week1Monday = Date.UTC(year, 0, 4) - (isoWeekday(jan4) - 1) * DAY_MS;
  const period = weekStarting(civilAt(week1Monday + (Number(w[2]) - 1) * 7 * DAY_MS));
  // W53 of a 52-week year would roll into next year's W01: that key names no period.
  return period.key === key ? period : null;
}

/** Every period of a kind that starts in a month, in order. */
export function periodsStartingIn(kind: PeriodKind, month: MonthKey): Period[] {
  const first = periodOfKey(month);
  if (!first) throw new RangeError(`not a month key: ${month}`);
  if (kind === 'month') return [first];
  const out: Period[] = [];
  let p = periodOf('week', first.startAt);
  if (p.month !== month) p = periodOf('week', p.dueAt);
  while (p.month === month) {
    out.push(p);
    p = periodOf('week', p.dueAt);
  }
  return out;
}

/**
 * Whether a period shows in the view of a reporting month at `now`: its own month always; and in
 * the view of the current month, a period of last month still running (a week across month end).
 */
export function inView(period: Pick<Period, 'month' | 'startAt' | 'dueAt'>, month: MonthKey, now: number): boolean {
  if (period.month === month) return true;
  return month === monthKeyAt(now) && period.startAt <= now && now < period.dueAt;
}

/** The reporting months whose records a view of `month` must read. */
export function monthsInView(month: MonthKey, now: number): MonthKey[] {
  return month === monthKeyAt(now) ? [addMonths(month, -1), month] : [month];
}

/** Plain words for a period: "11月" or "11月23日—29日" (or across months "3月30日—4月5日"). */
export function periodLabel(p: Pick<Period, 'kind' | 'startAt' | 'dueAt'>): string {
  const a = shanghaiDate(p.startAt);
  if (p.kind === 'month') return `${a.year}年${a.month}月`;
  const b = shanghaiDate(p.dueAt - 1);
  return a.month === b.month ? `${a.month}月${a.day}日—${b.day}日` : `${a.month}月${a.day}日—${b.month}月${b.day}日`;
}
