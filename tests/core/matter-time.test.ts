import { evaluationEndsAt, isEvaluationOver } from '../../core/matter/evaluation';
import { isOverdue, screeningDue, screeningStatus } from '../../core/matter/screening';
import { DEFAULT_MATTER_SETTINGS, matterSettings } from '../../core/matter/settings';
import { MATTER_STATE_IDS } from '../../core/matter/states';
import { beijingDayStart, daysLeft, isLaterDay, periodEnd } from '../../core/matter/time';
import { raisedMatter } from '../../core/matter/record';

/** An instant given in Beijing wall-clock time. */
function bj(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return Date.UTC(y, mo - 1, d, h - 8, mi, s, ms);
}

describe('Beijing calendar days', () => {
  test.each([
    ['just after midnight', bj(2024, 5, 6, 0, 0, 0, 1), bj(2024, 5, 6)],
    ['the last millisecond of the day', bj(2024, 5, 6, 23, 59, 59, 999), bj(2024, 5, 6)],
    ['07:00 Beijing, which is the 5th in UTC', bj(2024, 5, 6, 7), bj(2024, 5, 6)],
    ['midnight itself', bj(2024, 5, 6), bj(2024, 5, 6)],
    ['across a month end', bj(2024, 2, 29, 12), bj(2024, 2, 29)],
  ])('%s', (_label, at, start) => {
    expect(beijingDayStart(at)).toBe(start);
  });

  test('a period of N days starts the day after and ends at 24:00 of its last day', () => {
    expect(periodEnd(bj(2024, 5, 6, 21), 7)).toBe(bj(2024, 5, 14));
    expect(periodEnd(bj(2024, 5, 6), 1)).toBe(bj(2024, 5, 8));
    expect(periodEnd(bj(2024, 12, 30, 10), 7)).toBe(bj(2025, 1, 7));
  });

  test.each([
    ['on the day it was raised', bj(2024, 5, 6, 21), 8],
    ['the next morning', bj(2024, 5, 7, 8), 7],
    ['on the last day', bj(2024, 5, 13, 23, 59), 1],
    ['at the deadline', bj(2024, 5, 14), 0],
    ['long after', bj(2024, 6, 1), 0],
  ])('days left %s', (_label, now, left) => {
    expect(daysLeft(now, bj(2024, 5, 14))).toBe(left);
  });

  test.each([
    ['earlier today', bj(2024, 5, 6, 8), false],
    ['later today (a phone clock ahead)', bj(2024, 5, 6, 23), false],
    ['yesterday', bj(2024, 5, 5, 23), false],
    ['tomorrow', bj(2024, 5, 7, 0), true],
  ])('a record dated %s is a later day: %s', (_label, at, later) => {
    expect(isLaterDay(at, bj(2024, 5, 6, 12))).toBe(later);
  });
});

describe('screening deadline', () => {
  const raisedAt = bj(2024, 5, 6, 21); // a Monday evening
  test('7 days by default: by the end of the following Monday', () => {
    expect(screeningDue(raisedAt)).toBe(bj(2024, 5, 14));
  });

  test('the whole raising day counts as day zero, from its first to its last millisecond', () => {
    expect(screeningDue(bj(2024, 5, 6))).toBe(bj(2024, 5, 14));
    expect(screeningDue(bj(2024, 5, 6, 23, 59, 59, 999))).toBe(bj(2024, 5, 14));
    // 07:00 in Beijing is still the 5th in UTC: counting UTC days would make this a day short.
    expect(screeningDue(bj(2024, 5, 6, 7))).toBe(bj(2024, 5, 14));
  });

  test.each([
    [1, bj(2024, 5, 8)],
    [3, bj(2024, 5, 10)],
    [30, bj(2024, 6, 6)],
  ])('a village that sets %i days', (days, due) => {
    expect(screeningDue(raisedAt, days)).toBe(due);
  });

  test.each([0, 31, 1.5, -7, Number.NaN])('%p days is refused', (days) => {
    expect(() => screeningDue(raisedAt, days)).toThrow(RangeError);
  });

  test.each([
    [bj(2024, 5, 13, 23, 59, 59, 999), false],
    [bj(2024, 5, 14), true],
    [bj(2024, 5, 7), false],
  ])('overdue at %p: %s', (now, overdue) => {
    expect(isOverdue(now, raisedAt)).toBe(overdue);
  });

  test('status only while raised', () => {
    const due = bj(2024, 5, 14);
    for (const state of MATTER_STATE_IDS) {
      const status = screeningStatus(state, due, bj(2024, 5, 14, 9));
      if (state === 'raised') expect(status).toEqual({ dueAt: due, overdue: true, daysLeft: 0 });
      else expect(status).toBeNull();
    }
    expect(screeningStatus('raised', null, bj(2024, 5, 7))).toBeNull();
    expect(screeningStatus('raised', due, bj(2024, 5, 12, 9))).toEqual({ dueAt: due, overdue: false, daysLeft: 2 });
  });

  test('a raised matter carries its deadline from the start', () => {
    const m = raisedMatter({
      id: 'm-1',
      villageId: 'v-1',
      authorId: 'p-1',
      title: '修村口的路灯',
      description: '',
      category: 'general',
      groupId: null,
      photos: [],
      now: raisedAt,
      screeningDays: 3,
    });
    expect(m).toMatchObject({
      state: 'raised',
      raisedAt,
      screeningDueAt: bj(2024, 5, 10),
      cosignCount: 0,
      owner: null,
    });
  });
});

describe('evaluation window', () => {
  const completedAt = bj(2024, 6, 1, 16);
  test('14 days by default, counted like the screening period', () => {
    expect(evaluationEndsAt(completedAt)).toBe(bj(2024, 6, 16));
    expect(evaluationEndsAt(completedAt, 60)).toBe(bj(2024, 8, 1));
  });
  test.each([0, 61, 2.5])('%p days is refused', (days) => {
    expect(() => evaluationEndsAt(completedAt, days)).toThrow(RangeError);
  });
  test.each([
    [bj(2024, 6, 15, 23, 59), false],
    [bj(2024, 6, 16), true],
  ])('over at %p: %s', (now, over) => {
    expect(isEvaluationOver(now, bj(2024, 6, 16))).toBe(over);
  });
  test('no window on record is never over', () => {
    expect(isEvaluationOver(bj(2030, 1, 1), null)).toBe(false);
  });
});

describe('village settings', () => {
  test('defaults', () => {
    expect(matterSettings()).toEqual({ screeningDays: 7, evaluationDays: 14 });
    expect(matterSettings()).toEqual(DEFAULT_MATTER_SETTINGS);
  });
  test('an explicit undefined means "not set"', () => {
    expect(matterSettings({ screeningDays: undefined, evaluationDays: 10 })).toEqual({
      screeningDays: 7,
      evaluationDays: 10,
    });
  });
  test.each([{ screeningDays: 0 }, { screeningDays: 31 }, { evaluationDays: 61 }, { evaluationDays: 0.5 }])(
    '%p is refused',
    (s) => {
      expect(() => matterSettings(s)).toThrow(RangeError);
    },
  );
});
