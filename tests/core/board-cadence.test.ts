import {
  formatChineseDate,
  parseDateKey,
  parseMonthKey,
  periodEnd,
  periodKey,
  periodLabel,
  periodOf,
  periodStart,
} from '../../core/board/calendar';
import { DUTIES, dutyState } from '../../core/board/cadence';
import { boardSettings, inquiryDueAt, isInquiryOverdue } from '../../core/board/settings';

/** Months and quarters in Beijing time, and what the law expects of the board at each boundary. */

/** An instant given as Beijing wall time. */
const bj = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s, ms);

test.each([
  // [label, instant, quarter key, month key]
  ['the last millisecond of Q1', bj(2026, 3, 31, 23, 59, 59, 999), '2026-Q1', '2026-03'],
  ['the first instant of Q2', bj(2026, 4, 1), '2026-Q2', '2026-04'],
  ['16:00 UTC on 31 March is already April in Beijing', Date.UTC(2026, 2, 31, 16), '2026-Q2', '2026-04'],
  ['15:59 UTC on 31 March is still March', Date.UTC(2026, 2, 31, 15, 59), '2026-Q1', '2026-03'],
  ['new year in Beijing before it is in UTC', Date.UTC(2026, 11, 31, 16), '2027-Q1', '2027-01'],
  ['the last instant of the year', bj(2026, 12, 31, 23, 59, 59, 999), '2026-Q4', '2026-12'],
  ['29 February in a leap year', bj(2028, 2, 29, 12), '2028-Q1', '2028-02'],
  ['the first of March after it', bj(2028, 3, 1), '2028-Q1', '2028-03'],
  ['end of June / start of July', bj(2026, 7, 1), '2026-Q3', '2026-07'],
  ['30 September evening', bj(2026, 9, 30, 23), '2026-Q3', '2026-09'],
])('%s', (_label, at, quarter, month) => {
  expect(periodKey(periodOf(at, 'quarter'), 'quarter')).toBe(quarter);
  expect(periodKey(periodOf(at, 'month'), 'month')).toBe(month);
});

test.each([
  ['2026-Q1', 'quarter', bj(2026, 1, 1), bj(2026, 4, 1), '2026年第1季度'],
  ['2026-Q4', 'quarter', bj(2026, 10, 1), bj(2027, 1, 1), '2026年第4季度'],
  ['2026-02', 'month', bj(2026, 2, 1), bj(2026, 3, 1), '2026年2月'],
  ['2028-02', 'month', bj(2028, 2, 1), bj(2028, 3, 1), '2028年2月'],
  ['2026-12', 'month', bj(2026, 12, 1), bj(2027, 1, 1), '2026年12月'],
] as const)('%s starts and ends at Beijing midnight', (key, unit, start, end, label) => {
  const index = periodOf(start, unit);
  expect(periodKey(index, unit)).toBe(key);
  expect(periodStart(index, unit)).toBe(start);
  expect(periodEnd(index, unit)).toBe(end);
  expect(periodOf(end - 1, unit)).toBe(index);
  expect(periodOf(end, unit)).toBe(index + 1);
  expect(periodLabel(index, unit)).toBe(label);
});

test('month keys and date keys parse only when real', () => {
  expect(parseMonthKey('2026-10')).toBe(periodOf(bj(2026, 10, 5), 'month'));
  for (const bad of ['2026-13', '2026-00', '2026-1', '26-10', '2026/10']) expect(parseMonthKey(bad)).toBeNull();
  expect(parseDateKey('2026-02-28')).toBe(bj(2026, 2, 28));
  expect(parseDateKey('2026-02-29')).toBeNull();
  expect(parseDateKey('2028-02-29')).toBe(bj(2028, 2, 29));
  expect(formatChineseDate(Date.UTC(2026, 2, 31, 16))).toBe('2026年4月1日');
});

const [GENERAL, ACCOUNTS] = DUTIES;
const q = (at: number) => periodOf(at, 'quarter');
const m = (at: number) => periodOf(at, 'month');

test.each([
  // [label, last quarter met (as an instant in it) or null, now, expected period, status, missed]
  ['published this quarter: next quarter is upcoming', bj(2026, 11, 2), bj(2026, 11, 23), '2027-Q1', 'upcoming', 0],
  ['published last quarter: this quarter is due', bj(2026, 8, 15), bj(2026, 11, 23), '2026-Q4', 'due', 0],
  [
    'due until the last millisecond of the quarter',
    bj(2026, 8, 15),
    bj(2026, 12, 31, 23, 59, 59, 999),
    '2026-Q4',
    'due',
    0,
  ],
  ['overdue from the first instant of the next quarter', bj(2026, 8, 15), bj(2027, 1, 1), '2026-Q4', 'overdue', 1],
  ['two quarters missed', bj(2026, 2, 1), bj(2026, 11, 23), '2026-Q2', 'overdue', 2],
  ['never published: this quarter is due, nothing before it counts', null, bj(2026, 11, 23), '2026-Q4', 'due', 0],
] as const)('quarterly general notice: %s', (_label, last, now, period, status, missed) => {
  const s = dutyState(GENERAL, last === null ? null : q(last), now);
  expect([s.period, s.status, s.missed]).toEqual([period, status, missed]);
});

test.each([
  // [label, last month covered, now, expected month, status, missed, dueAt]
  [
    'October published in November: November is upcoming',
    bj(2026, 10, 1),
    bj(2026, 11, 23),
    '2026-11',
    'upcoming',
    0,
    bj(2027, 1, 1),
  ],
  [
    'September published: October is due during November',
    bj(2026, 9, 1),
    bj(2026, 11, 1),
    '2026-10',
    'due',
    0,
    bj(2026, 12, 1),
  ],
  ['still due on 30 November at 23:59', bj(2026, 9, 1), bj(2026, 11, 30, 23, 59), '2026-10', 'due', 0, bj(2026, 12, 1)],
  ['overdue on 1 December at 00:00 Beijing', bj(2026, 9, 1), bj(2026, 12, 1), '2026-10', 'overdue', 1, bj(2026, 12, 1)],
  [
    'overdue already at 16:00 UTC on 30 November',
    bj(2026, 9, 1),
    Date.UTC(2026, 10, 30, 16),
    '2026-10',
    'overdue',
    1,
    bj(2026, 12, 1),
  ],
  [
    'November published early: December waits for January',
    bj(2026, 11, 1),
    bj(2026, 11, 23),
    '2026-12',
    'upcoming',
    0,
    bj(2027, 2, 1),
  ],
  [
    'December accounts due by the end of January',
    bj(2026, 11, 1),
    bj(2027, 1, 15),
    '2026-12',
    'due',
    0,
    bj(2027, 2, 1),
  ],
  ['never published: last month is due now', null, bj(2026, 11, 23), '2026-10', 'due', 0, bj(2026, 12, 1)],
  ['three months behind', bj(2026, 7, 1), bj(2026, 12, 2), '2026-08', 'overdue', 3, bj(2026, 10, 1)],
] as const)('monthly accounts: %s', (_label, last, now, period, status, missed, dueAt) => {
  const s = dutyState(ACCOUNTS, last === null ? null : m(last), now);
  expect([s.period, s.status, s.missed, s.dueAt]).toEqual([period, status, missed, dueAt]);
  expect(s.opensAt).toBe(periodEnd(parseMonthKey(period) ?? -1, 'month'));
});

test('a question asked on Monday evening with 7 days is due at the end of the next Monday, Beijing time', () => {
  const asked = bj(2026, 11, 23, 21); // a Monday
  const due = inquiryDueAt(asked, 7);
  expect(due).toBe(bj(2026, 12, 1));
  expect(isInquiryOverdue({ answeredAt: null, dueAt: due }, due - 1)).toBe(false);
  expect(isInquiryOverdue({ answeredAt: null, dueAt: due }, due)).toBe(true);
  expect(isInquiryOverdue({ answeredAt: due + 5, dueAt: due }, due + 10)).toBe(false);
  expect(() => inquiryDueAt(asked, 0)).toThrow(RangeError);
  expect(() => inquiryDueAt(asked, 31)).toThrow(RangeError);
});

test('settings default to 7 days and no monthly accounts, and refuse what is out of bounds', () => {
  expect(boardSettings()).toEqual({ monthlyAccounts: false, inquiryDays: 7 });
  expect(boardSettings({ monthlyAccounts: true, inquiryDays: 3 })).toEqual({ monthlyAccounts: true, inquiryDays: 3 });
  expect(() => boardSettings({ inquiryDays: 70 })).toThrow(RangeError);
});
