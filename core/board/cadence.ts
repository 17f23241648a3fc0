import { periodEnd, periodKey, periodLabel, periodOf, periodStart, type PeriodUnit } from './calendar';
import type { NoticeKind } from './kinds';

/**
 * What the law expects the board to carry, and when (LAW.md, Publishing), as data:
 * - general village affairs at least once a quarter: some `general` notice published within each
 *   calendar quarter;
 * - where the village is configured for it (many transactions), each month's accounts, published
 *   by the end of the following month (a month's books close after it ends).
 *
 * A duty is met period by period. After the last period met, the next one is expected; its window
 * opens `lag` periods after it starts (0 for the quarter itself, 1 for a month's accounts) and
 * closes at the end of that window. Past the close it is overdue, and stays so until published:
 * a missed quarter is not forgiven by a later notice (it is counted in `missed`), but the duty
 * moves on to the period after the one published.
 */
export const DUTIES = [
  {
    id: 'generalQuarterly',
    kind: 'general',
    unit: 'quarter',
    lag: 0,
    label: '村务公开（每季度至少一次）',
    configurable: false,
  },
  {
    id: 'accountsMonthly',
    kind: 'accounts',
    unit: 'month',
    lag: 1,
    label: '账目公开（每月一次，次月底前）',
    configurable: true,
  },
] as const satisfies ReadonlyArray<{
  id: string;
  kind: NoticeKind;
  unit: PeriodUnit;
  lag: 0 | 1;
  label: string;
  /** Whether a village turns it on (accounts monthly only "where there are many transactions"). */
  configurable: boolean;
}>;

export type DutyId = (typeof DUTIES)[number]['id'];
export type DutyDef = (typeof DUTIES)[number];
export const DUTY_IDS = DUTIES.map((d) => d.id) as [DutyId, ...DutyId[]];

export type DutyStatus = 'upcoming' | 'due' | 'overdue';

export const DUTY_STATUS_LABELS: Readonly<Record<DutyStatus, string>> = {
  upcoming: '还没到时候',
  due: '该公开了',
  overdue: '已经超期',
};

export interface DutyState {
  readonly duty: DutyId;
  readonly label: string;
  /** The period expected next ("2026-Q4", "2026-10") and its words. */
  readonly period: string;
  readonly periodLabel: string;
  /** When it may be published from, and the exclusive deadline. */
  readonly opensAt: number;
  readonly dueAt: number;
  readonly status: DutyStatus;
  readonly statusLabel: string;
  /** Whole periods gone by without one, counting the expected one once overdue. */
  readonly missed: number;
  /** The last period met, if any. */
  readonly lastPeriod: string | null;
}

/**
 * The state of one duty now. `lastPeriod` is the index of the last period met (the quarter a general
 * notice was published in; the month an accounts notice covers), null when never.
 *
 * Never published: the expected period is the one whose window is open now, so a village new to the
 * board starts "due", not overdue for all the years before it used it.
 */
export function dutyState(duty: DutyDef, lastPeriod: number | null, now: number): DutyState {
  const current = periodOf(now, duty.unit);
  const expected = lastPeriod === null ? current - duty.lag : lastPeriod + 1;
  const opensAt = periodStart(expected + duty.lag, duty.unit);
  const dueAt = periodEnd(expected + duty.lag, duty.unit);
  const status: DutyStatus = now >= dueAt ? 'overdue' : now >= opensAt ? 'due' : 'upcoming';
  // The windows closed by now, from the expected one on.
  const missed = status === 'overdue' ? current - duty.lag - expected : 0;
  return {
    duty: duty.id,
    label: duty.label,
    period: periodKey(expected, duty.unit),
    periodLabel: periodLabel(expected, duty.unit),
    opensAt,
    dueAt,
    status,
    statusLabel: DUTY_STATUS_LABELS[status],
    missed,
    lastPeriod: lastPeriod === null ? null : periodKey(lastPeriod, duty.unit),
  };
}
