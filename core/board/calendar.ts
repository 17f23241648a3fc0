import { BEIJING_OFFSET_MS } from '../matter/time';

/**
 * Months and quarters as the village counts them: calendar periods in Beijing time (Asia/Shanghai,
 * UTC+8 without daylight saving since 1991, so a fixed offset is exact). A period is numbered from
 * year 0 (month index = year × 12 + month − 1; quarter index = year × 4 + quarter − 1), so the next
 * period is always index + 1 and periods compare as numbers.
 */
export type PeriodUnit = 'month' | 'quarter';

const MONTHS_PER = { month: 1, quarter: 3 } as const;

/** The Beijing calendar date of an instant. */
export function beijingDate(ms: number): { readonly year: number; readonly month: number; readonly day: number } {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The period an instant falls in. */
export function periodOf(ms: number, unit: PeriodUnit): number {
  const { year, month } = beijingDate(ms);
  return year * (12 / MONTHS_PER[unit]) + Math.floor((month - 1) / MONTHS_PER[unit]);
}

/** 00:00 Beijing time on the first day of a period, as epoch ms. */
export function periodStart(index: number, unit: PeriodUnit): number {
  const monthIndex = index * MONTHS_PER[unit];
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  return Date.UTC(year, month, 1) - BEIJING_OFFSET_MS;
}

/** The exclusive end of a period: the start of the next one. */
export function periodEnd(index: number, unit: PeriodUnit): number {
  return periodStart(index + 1, unit);
}

/** "2026-10" for a month, "2026-Q4" for a quarter: the key stored on records. */
export function periodKey(index: number, unit: PeriodUnit): string {
  const perYear = 12 / MONTHS_PER[unit];
  const year = Math.floor(index / perYear);
  const n = index - year * perYear + 1;
  return unit === 'month' ? `${year}-${String(n).padStart(2, '0')}` : `${year}-Q${n}`;
}

/** "2026年10月", "2026年第4季度": what the board prints. */
export function periodLabel(index: number, unit: PeriodUnit): string {
  const perYear = 12 / MONTHS_PER[unit];
  const year = Math.floor(index / perYear);
  const n = index - year * perYear + 1;
  return unit === 'month' ? `${year}年${n}月` : `${year}年第${n}季度`;
}

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month key ("2026-10") to its index; null when it is not one. */
export function parseMonthKey(key: string): number | null {
  const m = MONTH_KEY.exec(key);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
}

/** A calendar date's validity, leap years included ("2026-02-30" is no date). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** 00:00 Beijing time of a calendar date. */
export function dayStart(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - BEIJING_OFFSET_MS;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2026-11-23" in Beijing time. */
export function formatDate(ms: number): string {
  const { year, month, day } = beijingDate(ms);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** "2026年11月23日" in Beijing time: the date printed under a notice. */
export function formatChineseDate(ms: number): string {
  const { year, month, day } = beijingDate(ms);
  return `${year}年${month}月${day}日`;
}

/** "2026-11-23 08:05" in Beijing time. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return `${formatDate(ms)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A "YYYY-MM-DD" date (Beijing) to the instant it starts; null when it is no real date. */
export function parseDateKey(key: string): number | null {
  const m = DATE_INPUT.exec(key);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? dayStart(year, month, day) : null;
}
