import { AppError } from '../../core/errors';
import type { Body, BodyRule } from '../../core/votes/bodies';
import { buildMotionShape } from '../../core/votes/kinds';
import {
  describeMotionRule,
  handCountTally,
  tally,
  tallyCounts,
  type CountedMotion,
  type VoteResult,
} from '../../core/votes/tally';

const yesNo = (body: Body, rule?: BodyRule): CountedMotion => ({ ...buildMotionShape({ kind: 'yesNo' }), body, rule });

/** The AppError code a call throws, or 'no error'. */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
  }
  return 'no error';
}

function ballots(yes: number, no: number, abstain: number): Array<{ choices: string[] }> {
  return [
    ...Array.from({ length: yes }, () => ({ choices: ['yes'] })),
    ...Array.from({ length: no }, () => ({ choices: ['no'] })),
    ...Array.from({ length: abstain }, () => ({ choices: ['abstain'] })),
  ];
}

// [case, body, electorate, yes, no, abstain, quorumMet, result]
const lawTable: Array<[string, Body, number, number, number, number, boolean, VoteResult]> = [
  // 村民会议: more than half take part, more than half of them say yes (both strict)
  ['adults: exactly half take part is no quorum', 'adults', 100, 50, 0, 0, false, 'noQuorum'],
  ['adults: 51 of 100 is a quorum', 'adults', 100, 51, 0, 0, true, 'passed'],
  ['adults: 50 of 101 is no quorum', 'adults', 101, 50, 0, 0, false, 'noQuorum'],
  ['adults: 51 of 101 is a quorum', 'adults', 101, 51, 0, 0, true, 'passed'],
  ['adults: 26 yes of 51 passes', 'adults', 100, 26, 25, 0, true, 'passed'],
  ['adults: 25 yes of 51 fails', 'adults', 100, 25, 26, 0, true, 'rejected'],
  ['adults: a tie fails', 'adults', 100, 30, 30, 0, true, 'rejected'],
  ['adults: exactly half yes fails', 'adults', 100, 30, 29, 1, true, 'rejected'],
  ['adults: abstentions take part but are not yes', 'adults', 100, 30, 10, 20, true, 'rejected'],
  ['adults: abstentions reach the quorum', 'adults', 100, 26, 0, 25, true, 'passed'],
  ['adults: everyone abstains', 'adults', 100, 0, 0, 51, true, 'rejected'],
  ['adults: everyone votes no', 'adults', 100, 0, 100, 0, true, 'rejected'],
  ['adults: unanimous', 'adults', 100, 100, 0, 0, true, 'passed'],
  ['adults: electorate of 1, 1 yes', 'adults', 1, 1, 0, 0, true, 'passed'],
  ['adults: electorate of 1, 1 no', 'adults', 1, 0, 1, 0, true, 'rejected'],
  ['adults: electorate of 1, 1 abstains', 'adults', 1, 0, 0, 1, true, 'rejected'],
  ['adults: electorate of 1, nobody votes', 'adults', 1, 0, 0, 0, false, 'noQuorum'],
  ['adults: electorate of 2, one votes', 'adults', 2, 1, 0, 0, false, 'noQuorum'],
  ['adults: electorate of 2, a tie', 'adults', 2, 1, 1, 0, true, 'rejected'],
  ['adults: electorate of 3, two vote yes', 'adults', 3, 2, 0, 0, true, 'passed'],
  ['adults: electorate of 0', 'adults', 0, 0, 0, 0, false, 'noQuorum'],
  ['adults: nobody at all votes', 'adults', 100, 0, 0, 0, false, 'noQuorum'],
  // 户代表会议: at least two thirds take part (inclusive), more than half yes
  ['households: 20 of 30 is a quorum', 'households', 30, 11, 9, 0, true, 'passed'],
  ['households: 19 of 30 is no quorum', 'households', 30, 19, 0, 0, false, 'noQuorum'],
  ['households: 20 of 30, a tie', 'households', 30, 10, 10, 0, true, 'rejected'],
  ['households: 20 of 30, half yes with an abstention', 'households', 30, 10, 9, 1, true, 'rejected'],
  ['households: 21 of 31 is a quorum', 'households', 31, 21, 0, 0, true, 'passed'],
  ['households: 20 of 31 is no quorum', 'households', 31, 20, 0, 0, false, 'noQuorum'],
  ['households: 20 of 29 is a quorum', 'households', 29, 20, 0, 0, true, 'passed'],
  ['households: 19 of 29 is no quorum', 'households', 29, 19, 0, 0, false, 'noQuorum'],
  ['households: 2 of 3 is a quorum', 'households', 3, 2, 0, 0, true, 'passed'],
  ['households: 1 of 3 is no quorum', 'households', 3, 1, 0, 0, false, 'noQuorum'],
  ['households: all abstain', 'households', 30, 0, 0, 20, true, 'rejected'],
  ['households: 1 of 1', 'households', 1, 1, 0, 0, true, 'passed'],
  ['households: 0 of 1', 'households', 1, 0, 0, 0, false, 'noQuorum'],
  ['households: 0 of 0 is no quorum, not "0 ≥ 0"', 'households', 0, 0, 0, 0, false, 'noQuorum'],
  // 村民代表会议: same numbers as households
  ['delegates: 20 of 30 is a quorum', 'delegates', 30, 20, 0, 0, true, 'passed'],
  ['delegates: 19 of 30 is no quorum', 'delegates', 30, 19, 0, 0, false, 'noQuorum'],
  ['delegates: 30 of 45 is a quorum', 'delegates', 45, 16, 14, 0, true, 'passed'],
  ['delegates: 29 of 45 is no quorum', 'delegates', 45, 29, 0, 0, false, 'noQuorum'],
  ['delegates: 15 yes 15 no of 45', 'delegates', 45, 15, 15, 0, true, 'rejected'],
  ['delegates: 0 of 0', 'delegates', 0, 0, 0, 0, false, 'noQuorum'],
  ['delegates: 1 of 1 abstains', 'delegates', 1, 0, 0, 1, true, 'rejected'],
];

describe('tally: every boundary of LAW.md', () => {
  test.each(lawTable)('%s', (_label, body, electorate, yes, no, abstain, quorumMet, result) => {
    const t = tally(yesNo(body), electorate, ballots(yes, no, abstain));
    expect(t).toMatchObject({ electorateSize: electorate, turnout: yes + no + abstain, quorumMet, result });
    expect(t.counts).toEqual({ yes, no, abstain });
    expect(t.passedOptionIds).toEqual(result === 'passed' ? ['yes'] : []);
  });
});

describe('tally: impossible inputs are refused, never counted', () => {
  const cases: Array<[string, () => unknown]> = [
    ['more ballots than electors', () => tally(yesNo('adults'), 2, ballots(3, 0, 0))],
    ['turnout above the electorate', () => tallyCounts(yesNo('adults'), 10, 11, { yes: 11 })],
    ['a negative electorate', () => tallyCounts(yesNo('adults'), -1, 0, {})],
    ['a fractional electorate', () => tallyCounts(yesNo('adults'), 10.5, 5, { yes: 5 })],
    ['a NaN turnout', () => tallyCounts(yesNo('adults'), 10, Number.NaN, {})],
    ['an unknown option in counts', () => tallyCounts(yesNo('adults'), 10, 6, { yes: 5, maybe: 1 })],
    ['counts that do not add up to turnout', () => tallyCounts(yesNo('adults'), 10, 6, { yes: 5 })],
    ['counts above turnout', () => tallyCounts(yesNo('adults'), 10, 6, { yes: 7, no: -1 })],
    ['a ballot with two answers', () => tally(yesNo('adults'), 10, [{ choices: ['yes', 'no'] }])],
    ['an empty ballot', () => tally(yesNo('adults'), 10, [{ choices: [] }])],
    ['a ballot for an unknown option', () => tally(yesNo('adults'), 10, [{ choices: ['o1'] }])],
    [
      'a stored rule looser than the law',
      () =>
        tally(
          yesNo('adults', {
            quorum: { num: 1, den: 2, inclusive: true },
            majority: { num: 1, den: 2, inclusive: false },
          }),
          100,
          ballots(50, 0, 0),
        ),
    ],
  ];
  test.each(cases)('%s → TALLY_INVALID', (_label, run) => {
    expect(codeOf(run)).toBe('TALLY_INVALID');
  });
});

describe('tally: a stricter charter rule is applied', () => {
  const twoThirdsYes: BodyRule = {
    quorum: { num: 1, den: 2, inclusive: false },
    majority: { num: 2, den: 3, inclusive: true },
  };
  const twoThirdsQuorum: BodyRule = {
    quorum: { num: 2, den: 3, inclusive: true },
    majority: { num: 1, den: 2, inclusive: false },
  };
  const cases: Array<[string, BodyRule, number, number, number, VoteResult]> = [
    ['law passes 35 of 60, charter needs 40', twoThirdsYes, 100, 35, 25, 'rejected'],
    ['40 of 60 meets two thirds inclusive', twoThirdsYes, 100, 40, 20, 'passed'],
    ['60 of 100 is a law quorum but not the charter one', twoThirdsQuorum, 100, 60, 0, 'noQuorum'],
    ['67 of 100 meets the charter quorum', twoThirdsQuorum, 100, 67, 0, 'passed'],
  ];
  test.each(cases)('%s', (_label, rule, electorate, yes, no, result) => {
    expect(tally(yesNo('adults', rule), electorate, ballots(yes, no, 0)).result).toBe(result);
  });
});

const single: CountedMotion = {
  ...buildMotionShape({ kind: 'single', optionLabels: ['修东头的路', '修西头的桥', '打一口井'] }),
  body: 'adults',
};
const pick = (counts: Record<string, number>) =>
  Object.entries(counts).flatMap(([id, n]) => Array.from({ length: n }, () => ({ choices: [id] })));

describe('tally: single choice needs one option chosen by more than half of those taking part', () => {
  const cases: Array<[string, number, Record<string, number>, VoteResult, string[]]> = [
    ['a clear majority', 10, { o1: 6, o2: 4 }, 'passed', ['o1']],
    ['a tie between two', 10, { o1: 5, o2: 5 }, 'rejected', []],
    ['a plurality is not a majority', 10, { o1: 5, o2: 3, o3: 2 }, 'rejected', []],
    ['half, the rest abstain', 10, { o1: 5, abstain: 5 }, 'rejected', []],
    ['a majority with abstentions', 10, { o1: 6, abstain: 4 }, 'passed', ['o1']],
    ['no quorum', 10, { o1: 5 }, 'noQuorum', []],
    ['all abstain', 10, { abstain: 6 }, 'rejected', []],
  ];
  test.each(cases)('%s', (_label, electorate, counts, result, passed) => {
    const t = tally(single, electorate, pick(counts));
    expect(t.result).toBe(result);
    expect(t.passedOptionIds).toEqual(passed);
    expect(Object.keys(t.counts)).toEqual(['o1', 'o2', 'o3', 'abstain']);
  });
});

const multiple: CountedMotion = {
  ...buildMotionShape({ kind: 'multiple', optionLabels: ['甲', '乙', '丙', '丁'], minChoices: 1, maxChoices: 2 }),
  body: 'delegates',
};

describe('tally: multiple choice passes each option more than half chose', () => {
  const cases: Array<[string, number, string[][], VoteResult, string[]]> = [
    [
      'two options each over half',
      6,
      [['o1', 'o2'], ['o1', 'o2'], ['o1', 'o2'], ['o3'], ['o4']],
      'passed',
      ['o1', 'o2'],
    ],
    ['exactly half is not enough', 6, [['o1'], ['o1'], ['o2'], ['o3']], 'rejected', []],
    ['one option over half', 6, [['o1'], ['o1', 'o3'], ['o1'], ['o2']], 'passed', ['o1']],
    ['abstentions count against every option', 6, [['o1'], ['o1'], ['abstain'], ['abstain']], 'rejected', []],
    ['no quorum', 6, [['o1'], ['o1'], ['o1']], 'noQuorum', []],
  ];
  test.each(cases)('%s', (_label, electorate, list, result, passed) => {
    const t = tally(
      multiple,
      electorate,
      list.map((choices) => ({ choices })),
    );
    expect(t.result).toBe(result);
    expect(t.passedOptionIds).toEqual(passed);
  });
});

describe('tally: hand counts from a meeting', () => {
  const cases: Array<
    [string, CountedMotion, number, number, Record<string, number>, VoteResult, Record<string, number>]
  > = [
    [
      'yes/no: the rest of those present abstained',
      yesNo('adults'),
      100,
      60,
      { yes: 31, no: 20 },
      'passed',
      { yes: 31, no: 20, abstain: 9 },
    ],
    [
      'yes/no: 30 of 60 is not more than half',
      yesNo('adults'),
      100,
      60,
      { yes: 30, no: 20 },
      'rejected',
      { yes: 30, no: 20, abstain: 10 },
    ],
    [
      'yes/no: 50 of 100 present is no quorum',
      yesNo('adults'),
      100,
      50,
      { yes: 50 },
      'noQuorum',
      { yes: 50, no: 0, abstain: 0 },
    ],
    ['single: counted the same way', single, 30, 20, { o1: 11, o2: 9 }, 'passed', { o1: 11, o2: 9, o3: 0, abstain: 0 }],
    [
      'multiple: each option against attendance',
      multiple,
      30,
      20,
      { o1: 11, o2: 15, o3: 10 },
      'passed',
      { o1: 11, o2: 15, o3: 10, o4: 0, abstain: 0 },
    ],
  ];
  test.each(cases)('%s', (_label, motion, electorate, attendance, counts, result, full) => {
    const t = handCountTally(motion, electorate, attendance, counts);
    expect(t.result).toBe(result);
    expect(t.counts).toEqual(full);
    expect(t.turnout).toBe(attendance);
  });

  const bad: Array<[string, () => unknown]> = [
    ['more hands than people present', () => handCountTally(yesNo('adults'), 100, 60, { yes: 40, no: 21 })],
    ['more present than the electorate', () => handCountTally(yesNo('adults'), 100, 101, { yes: 60 })],
    ['an abstain count given by hand', () => handCountTally(yesNo('adults'), 100, 60, { yes: 40, abstain: 20 })],
    ['an option above attendance (multiple)', () => handCountTally(multiple, 30, 20, { o1: 21 })],
    ['an unknown option', () => handCountTally(single, 30, 20, { o9: 1 })],
  ];
  test.each(bad)('%s → TALLY_INVALID', (_label, run) => {
    expect(codeOf(run)).toBe('TALLY_INVALID');
  });
});

describe('tally: the rule in words, worded for the kind', () => {
  const cases: Array<[string, CountedMotion, string]> = [
    ['adults yes/no', yesNo('adults'), '超过一半的选民参加才算数，参加的人里超过一半同意才通过'],
    [
      'households yes/no',
      yesNo('households'),
      '至少三分之二（正好三分之二也算）的户参加才算数，参加的人里超过一半同意才通过',
    ],
    ['adults single', single, '超过一半的选民参加才算数，参加的人里超过一半选了同一项，这一项才通过'],
    [
      'delegates multiple',
      multiple,
      '至少三分之二（正好三分之二也算）的村民代表和村委会成员参加才算数，参加的人里超过一半选了的那几项才通过',
    ],
  ];
  test.each(cases)('%s', (_label, motion, text) => {
    expect(describeMotionRule(motion)).toBe(text);
  });

  test('the tally carries the quorum and majority texts', () => {
    const t = tally(yesNo('adults'), 3, ballots(2, 0, 0));
    expect(t.quorumRule).toBe('超过一半的选民参加才算数');
    expect(t.majorityRule).toBe('参加的人里超过一半同意才通过');
  });
});
