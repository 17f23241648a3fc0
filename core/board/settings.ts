import { assertDays, periodEnd as dayPeriodEnd } from '../matter/time';

/**
 * What a village sets for its board. The defaults are the product's; the bounds keep a typo (70 for
 * 7) from letting questions sit unanswered for months.
 */
export interface BoardSettings {
  /** Publish accounts monthly ("where the collective has many transactions", LAW.md). */
  readonly monthlyAccounts: boolean;
  /** Calendar days the committee has to answer a villager's question (询问). */
  readonly inquiryDays: number;
}

export const DEFAULT_INQUIRY_DAYS = 7;
export const INQUIRY_DAYS_BOUNDS = { min: 1, max: 30 } as const;

export const DEFAULT_BOARD_SETTINGS: BoardSettings = { monthlyAccounts: false, inquiryDays: DEFAULT_INQUIRY_DAYS };

/** Stored settings with the defaults filled in; throws RangeError on an out-of-bounds value. */
export function boardSettings(partial: Partial<BoardSettings> = {}): BoardSettings {
  const s: BoardSettings = {
    monthlyAccounts: partial.monthlyAccounts ?? DEFAULT_BOARD_SETTINGS.monthlyAccounts,
    inquiryDays: partial.inquiryDays ?? DEFAULT_INQUIRY_DAYS,
  };
  assertDays(s.inquiryDays, INQUIRY_DAYS_BOUNDS.min, INQUIRY_DAYS_BOUNDS.max, 'inquiryDays');
  return s;
}

/**
 * The answer's deadline, counted as the matters' deadlines are (core/matter/time.ts: the Civil
 * Code's whole calendar days in Beijing time, starting the day after the question). It is fixed on
 * the question when asked, so a later change of the setting does not move it.
 */
export function inquiryDueAt(askedAt: number, days: number): number {
  assertDays(days, INQUIRY_DAYS_BOUNDS.min, INQUIRY_DAYS_BOUNDS.max, 'inquiryDays');
  return dayPeriodEnd(askedAt, days);
}

export function isInquiryOverdue(
  inquiry: { readonly answeredAt: number | null; readonly dueAt: number },
  now: number,
): boolean {
  return inquiry.answeredAt === null && now >= inquiry.dueAt;
}
