import {
  castRefusal,
  checkSchedule,
  closeCheck,
  DAY_MS,
  earliestOpening,
  handCountRefusal,
  windowState,
  type CloseCheck,
  type Schedule,
  type ScheduleProblem,
  type VotingWindow,
  type WindowState,
} from '../../core/votes/window';

const T = Date.UTC(2026, 2, 1, 2, 0, 0); // 2026-03-01 10:00 in Beijing
const HOUR = 60 * 60 * 1000;

describe('checkSchedule: 10 days of notice unless urgent with a reason', () => {
  const base: Schedule = { noticeAt: T, opensAt: T + 10 * DAY_MS, closesAt: T + 11 * DAY_MS, urgent: false };
  const cases: Array<[string, Partial<Schedule>, ScheduleProblem[]]> = [
    ['exactly 10 days after the notice', {}, []],
    ['a month after the notice', { opensAt: T + 30 * DAY_MS, closesAt: T + 31 * DAY_MS }, []],
    ['one millisecond short of 10 days', { opensAt: T + 10 * DAY_MS - 1 }, ['noticeTooShort']],
    ['9 days', { opensAt: T + 9 * DAY_MS }, ['noticeTooShort']],
    ['the same day', { opensAt: T + HOUR }, ['noticeTooShort']],
    [
      'urgent with a reason, an hour later',
      { opensAt: T + HOUR, urgent: true, urgentReason: '暴雨冲垮了桥，要马上决定抢修' },
      [],
    ],
    ['urgent at the notice instant', { opensAt: T, urgent: true, urgentReason: '防汛' }, []],
    ['urgent without a reason', { opensAt: T + HOUR, urgent: true }, ['urgentReasonMissing']],
    ['urgent with a blank reason', { opensAt: T + HOUR, urgent: true, urgentReason: '  \n ' }, ['urgentReasonMissing']],
    ['urgent with a null reason', { opensAt: T + HOUR, urgent: true, urgentReason: null }, ['urgentReasonMissing']],
    ['a reason without urgency does not waive notice', { opensAt: T + HOUR, urgentReason: '急' }, ['noticeTooShort']],
    [
      'urgent may not open before its notice',
      { opensAt: T - 1, urgent: true, urgentReason: '急' },
      ['opensBeforeNotice'],
    ],
    ['closing when it opens', { closesAt: T + 10 * DAY_MS }, ['closesBeforeOpens']],
    ['closing before it opens', { closesAt: T }, ['closesBeforeOpens']],
    ['a one-millisecond window is still a window', { closesAt: T + 10 * DAY_MS + 1 }, []],
    ['not a time', { opensAt: Number.NaN }, ['badTime']],
    ['a fractional time', { closesAt: T + 0.5 }, ['badTime']],
  ];
  test.each(cases)('%s', (_label, change, problems) => {
    expect(checkSchedule({ ...base, ...change })).toEqual(problems);
  });

  test('earliest opening is ten whole days after the notice', () => {
    expect(earliestOpening(T)).toBe(Date.UTC(2026, 2, 11, 2, 0, 0));
  });
});

describe('windowState: [opensAt, closesAt)', () => {
  const w: VotingWindow = { opensAt: 1000, closesAt: 2000 };
  const cases: Array<[string, VotingWindow, number, WindowState]> = [
    ['before it opens', w, 999, 'notOpen'],
    ['the opening instant', w, 1000, 'open'],
    ['the last instant', w, 1999, 'open'],
    ['the closing instant', w, 2000, 'closed'],
    ['after', w, 5000, 'closed'],
    ['closed early, after', { ...w, closedAt: 1500 }, 1500, 'closed'],
    ['closed early, before that', { ...w, closedAt: 1500 }, 1499, 'open'],
    ['closedAt null changes nothing', { ...w, closedAt: null }, 1500, 'open'],
  ];
  test.each(cases)('%s', (_label, window, now, state) => {
    expect(windowState(window, now)).toBe(state);
  });

  test.each([
    [999, 'VOTING_NOT_OPEN'],
    [1000, null],
    [2000, 'VOTING_CLOSED'],
  ])('a ballot at %i meets %p', (now, code) => {
    expect(castRefusal(w, now)).toBe(code);
  });
});

describe('closeCheck: early only when every elector has voted', () => {
  const w: VotingWindow = { opensAt: 1000, closesAt: 2000 };
  const cases: Array<[string, VotingWindow, number, number, number, CloseCheck]> = [
    ['before it opens', w, 500, 10, 0, { ok: false, code: 'VOTING_NOT_OPEN' }],
    ['open, some have not voted', w, 1500, 10, 9, { ok: false, code: 'CLOSE_EARLY_NOT_ALLOWED' }],
    ['open, quorum reached is not enough', w, 1500, 10, 6, { ok: false, code: 'CLOSE_EARLY_NOT_ALLOWED' }],
    ['open, everyone voted', w, 1500, 10, 10, { ok: true, early: true }],
    ['open, an empty roll', w, 1500, 0, 0, { ok: true, early: true }],
    ['at closesAt', w, 2000, 10, 3, { ok: true, early: false }],
    ['long after', w, 9000, 10, 0, { ok: true, early: false }],
    ['already closed', { ...w, closedAt: 1800 }, 9000, 10, 10, { ok: false, code: 'VOTING_CLOSED' }],
  ];
  test.each(cases)('%s', (_label, window, now, electorate, turnout, expected) => {
    expect(closeCheck(window, now, electorate, turnout)).toEqual(expected);
  });
});

describe('handCountRefusal: a meeting inside the window, in the past, not yet counted', () => {
  const w: VotingWindow = { opensAt: 1000, closesAt: 2000 };
  const cases: Array<[string, VotingWindow, number, number, string | null]> = [
    ['held during the window, entered then', w, 1500, 1600, null],
    ['held during the window, entered the next day', w, 1500, 90_000, null],
    ['held before the window opened', w, 999, 1600, 'VOTING_NOT_OPEN'],
    ['held at closesAt', w, 2000, 3000, 'VOTING_CLOSED'],
    ['held in the future', w, 1700, 1600, 'TALLY_INVALID'],
    ['already counted', { ...w, closedAt: 1900 }, 1500, 1950, 'VOTING_CLOSED'],
  ];
  test.each(cases)('%s', (_label, window, heldAt, now, code) => {
    expect(handCountRefusal(window, heldAt, now)).toBe(code);
  });
});
