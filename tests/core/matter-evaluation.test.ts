import type { ErrorCode } from '../../core/errors';
import { commentsOpen, placeComment, reportId, stanceCounts, type StanceComment } from '../../core/matter/comments';
import { checkRating, evaluationSummary, ratingId } from '../../core/matter/evaluation';
import { MATTER_STATES, type MatterState } from '../../core/matter/states';
import { canRecordMeeting, meetingDateOk } from '../../core/matter/meetings';
import { canAddMilestone, canAssignOwner, canPostProgress, mayReportWork } from '../../core/matter/work';
import type { MatterOwner } from '../../core/matter/record';
import type { Role } from '../../core/roles';

describe('evaluation summary', () => {
  // [ratings, count, averageTenths, average text]
  type Case = [number[], number, number | null, string | null];
  const cases: Case[] = [
    [[], 0, null, null],
    [[5], 1, 50, '5.0'],
    [[1], 1, 10, '1.0'],
    [[4, 5], 2, 45, '4.5'],
    [[4, 4, 5], 3, 43, '4.3'], // 4.333…
    [[4, 5, 5], 3, 47, '4.7'], // 4.666…
    [[1, 1, 2], 3, 13, '1.3'], // 1.333…
    [[1, 2, 2], 3, 17, '1.7'], // 1.666…
    [[1, 2, 2, 2], 4, 18, '1.8'], // 1.75: half rounds up
    [[3, 3, 3, 4, 4, 4], 6, 35, '3.5'],
    [[2, 3, 3, 3, 3, 3, 3, 3], 8, 29, '2.9'], // 2.875 → 2.9
    [[2, 2, 2, 2, 2, 2, 2, 3], 8, 21, '2.1'], // 2.125 → 2.1
    [[5, 5, 5, 5, 5, 5, 5, 5, 5, 1], 10, 46, '4.6'],
    [[...Array<number>(1000).fill(5), 1], 1001, 50, '5.0'], // 4.996
    [[...Array<number>(999).fill(1), 2], 1000, 10, '1.0'], // 1.001
  ];
  test.each(cases)('%j → count %i, %p tenths (%s)', (ratings, count, tenths, text) => {
    const s = evaluationSummary(ratings);
    expect(s.count).toBe(count);
    expect(s.averageTenths).toBe(tenths);
    expect(s.average).toBe(text);
  });

  test('distribution counts each number of stars', () => {
    expect(evaluationSummary([5, 4, 5, 1, 3, 5]).distribution).toEqual({ 1: 1, 2: 0, 3: 1, 4: 1, 5: 3 });
    expect(evaluationSummary([]).distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
  });

  test('the tenths are always the nearest, ties up, checked exactly for every small multiset', () => {
    // Every count of ratings up to 12, with sums covering the whole range: the exact rational check
    // 2·|10·sum − tenths·count| ≤ count, and a tie goes up.
    for (let count = 1; count <= 12; count += 1) {
      for (let sum = count; sum <= 5 * count; sum += 1) {
        const ratings = spread(sum, count);
        const t = evaluationSummary(ratings).averageTenths;
        if (t === null) throw new Error('no average');
        const diff = 10 * sum - t * count; // exact: how far tenths·count is below 10·sum
        expect(2 * Math.abs(diff)).toBeLessThanOrEqual(count);
        if (2 * Math.abs(diff) === count) expect(diff).toBeLessThan(0);
      }
    }
  });

  test.each([0, 6, 2.5, -1, Number.NaN])('a rating of %p is a programming error', (bad) => {
    expect(() => evaluationSummary([3, bad])).toThrow(RangeError);
  });
});

/** `count` ratings from 1 to 5 adding up to `sum`. */
function spread(sum: number, count: number): number[] {
  const out = Array<number>(count).fill(1);
  let left = sum - count;
  for (let i = 0; i < count && left > 0; i += 1) {
    const add = Math.min(4, left);
    out[i] += add;
    left -= add;
  }
  return out;
}

describe('who may rate, and when', () => {
  const NOW = 1_700_000_000_000;
  type Case = [string, MatterState, number | null, string | null, boolean, ErrorCode | 'ok'];
  const cases: Case[] = [
    ['in the window', 'evaluating', NOW + 1, 'p-1', false, 'ok'],
    ['at the window end', 'evaluating', NOW, 'p-1', false, 'EVALUATION_CLOSED'],
    ['after the window, timer not yet run', 'evaluating', NOW - 1, 'p-1', false, 'EVALUATION_CLOSED'],
    ['no window on record', 'evaluating', null, 'p-1', false, 'EVALUATION_CLOSED'],
    ['a second time', 'evaluating', NOW + 1, 'p-1', true, 'ALREADY_RATED'],
    ['without a roster person', 'evaluating', NOW + 1, null, false, 'FORBIDDEN'],
    ['once closed', 'closed', NOW - 1, 'p-1', false, 'EVALUATION_CLOSED'],
    ...(['raised', 'deliberating', 'voting', 'passed', 'implementing', 'rejected', 'declined'] as const).map(
      (state): Case => [`while ${state}`, state, null, 'p-1', false, 'INVALID_TRANSITION'],
    ),
  ];
  test.each(cases)('%s', (_label, state, endsAt, personId, already, expected) => {
    const r = checkRating({ state, evaluationEndsAt: endsAt }, personId, NOW, already);
    expect(r).toEqual(expected === 'ok' ? { ok: true } : { ok: false, code: expected });
  });

  test('one rating per person per matter', () => {
    expect(ratingId('m-1', 'p-1')).toBe(ratingId('m-1', 'p-1'));
    expect(ratingId('m-1', 'p-1')).not.toBe(ratingId('m-1', 'p-2'));
  });
});

describe('comments', () => {
  test.each(MATTER_STATES.map((s) => [s.id, !s.terminal] as const))('%s: open for comments %s', (state, open) => {
    expect(commentsOpen(state)).toBe(open);
  });

  type Case = [
    string,
    MatterState,
    { matterId: string; depth: number } | null,
    { ok: true; depth: number } | ErrorCode,
  ];
  const cases: Case[] = [
    ['a new comment', 'deliberating', null, { ok: true, depth: 0 }],
    ['a reply', 'deliberating', { matterId: 'm-1', depth: 0 }, { ok: true, depth: 1 }],
    ['a reply to a reply', 'deliberating', { matterId: 'm-1', depth: 1 }, { ok: true, depth: 2 }],
    ['a third level', 'deliberating', { matterId: 'm-1', depth: 2 }, 'REPLY_TOO_DEEP'],
    ['a parent on another matter', 'deliberating', { matterId: 'm-2', depth: 0 }, 'NOT_FOUND'],
    ['on a closed matter', 'closed', null, 'COMMENTS_CLOSED'],
    ['a reply on a declined matter', 'declined', { matterId: 'm-1', depth: 0 }, 'COMMENTS_CLOSED'],
    ['while raised', 'raised', null, { ok: true, depth: 0 }],
    ['while the work goes on', 'implementing', { matterId: 'm-1', depth: 1 }, { ok: true, depth: 2 }],
  ];
  test.each(cases)('%s', (_label, state, parent, expected) => {
    const r = placeComment({ _id: 'm-1', state }, parent);
    expect(r).toEqual(typeof expected === 'string' ? { ok: false, code: expected } : expected);
  });

  test('stances: one voice per person, their latest visible top-level comment', () => {
    const c = (
      authorId: string,
      stance: StanceComment['stance'],
      createdAt: number,
      extra: Partial<StanceComment> = {},
    ) => ({
      authorId,
      stance,
      createdAt,
      depth: 0,
      hidden: false,
      ...extra,
    });
    const list: StanceComment[] = [
      c('a', 'against', 1),
      c('a', 'against', 2),
      c('a', 'against', 3), // three times against is one voice
      c('b', 'against', 1),
      c('b', 'for', 5), // changed their mind
      c('c', 'for', 1),
      c('c', 'against', 2, { depth: 1 }), // a reply does not change their stance on the matter
      c('d', 'neutral', 1),
      c('e', 'for', 1, { hidden: true }), // hidden: nobody can read it
      c('f', 'for', 9),
      c('f', 'against', 4), // out of order: the later one still wins
    ];
    expect(stanceCounts(list)).toEqual({ for: 3, against: 1, neutral: 1 });
    expect(stanceCounts([])).toEqual({ for: 0, against: 0, neutral: 0 });
  });

  test('one report per person per comment', () => {
    expect(reportId('c-1', 'p-1')).toBe(reportId('c-1', 'p-1'));
    expect(reportId('c-1', 'p-1')).not.toBe(reportId('c-2', 'p-1'));
  });
});

describe('carrying the work out', () => {
  test.each(MATTER_STATES.map((s) => s.id))('%s: what may be done about the work', (state) => {
    expect(canAssignOwner(state)).toBe(['deliberating', 'passed', 'implementing'].includes(state));
    expect(canAddMilestone(state)).toBe(['passed', 'implementing'].includes(state));
    expect(canPostProgress(state)).toBe(state === 'implementing');
    expect(canRecordMeeting(state)).toBe(state === 'deliberating');
  });

  test('minutes may not be dated on a later day (Beijing time)', () => {
    const noon = Date.UTC(2024, 4, 6, 4); // 12:00 on 6 May in Beijing
    expect(meetingDateOk(noon - 86_400_000, noon)).toBe(true);
    expect(meetingDateOk(noon + 11 * 3_600_000, noon)).toBe(true); // 23:00 the same day
    expect(meetingDateOk(noon + 12 * 3_600_000, noon)).toBe(false); // midnight: the 7th
  });

  const team: MatterOwner = { kind: 'team', teamId: 't-1' };
  const one: MatterOwner = { kind: 'person', personId: 'p-owner' };
  type Case = [string, Role[], string | null, MatterOwner | null, string[], boolean];
  const cases: Case[] = [
    ['the committee, no owner yet', ['villager', 'committee'], 'p-c', null, [], true],
    ['the person named as owner', ['villager'], 'p-owner', one, [], true],
    ['someone else', ['villager'], 'p-x', one, [], false],
    ['a member of the owning team', ['villager'], 'p-t', team, ['p-t', 'p-u'], true],
    ['not in the owning team', ['villager'], 'p-x', team, ['p-t', 'p-u'], false],
    ['no owner named', ['villager'], 'p-owner', null, [], false],
    ['an account without a roster person', ['villager'], null, one, [], false],
    ['township staff', ['townshipStaff'], null, one, [], false],
  ];
  test.each(cases)('%s → %s', (_label, roles, personId, owner, members, expected) => {
    expect(mayReportWork({ roles, personId }, owner, members)).toBe(expected);
  });
});
