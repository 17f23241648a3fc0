import {
  buildMotionShape,
  checkChoices,
  checkMotionDraft,
  decide,
  KINDS,
  MOTION_KINDS,
  type ChoiceProblem,
  type MotionDraft,
  type MotionShape,
  type ShapeProblem,
} from '../../core/votes/kinds';

describe('kinds: data that drives the behaviour', () => {
  test.each(MOTION_KINDS.map((k) => [k]))('%s has exactly one abstain option once built', (kind) => {
    const shape = buildMotionShape(kind === 'yesNo' ? { kind } : { kind, optionLabels: ['甲', '乙'] });
    expect(shape.options.filter((o) => o.abstain)).toEqual([{ id: 'abstain', label: '弃权', abstain: true }]);
  });

  test('yesNo is 同意/反对/弃权, one pick', () => {
    expect(buildMotionShape({ kind: 'yesNo' })).toEqual({
      kind: 'yesNo',
      options: [
        { id: 'yes', label: '同意', abstain: false },
        { id: 'no', label: '反对', abstain: false },
        { id: 'abstain', label: '弃权', abstain: true },
      ],
      minChoices: 1,
      maxChoices: 1,
    });
  });

  test('written options get ids o1, o2, … and trimmed labels', () => {
    const shape = buildMotionShape({ kind: 'multiple', optionLabels: [' 修路 ', '修桥', '打井'], maxChoices: 2 });
    expect(shape.options.map((o) => [o.id, o.label])).toEqual([
      ['o1', '修路'],
      ['o2', '修桥'],
      ['o3', '打井'],
      ['abstain', '弃权'],
    ]);
    expect([shape.minChoices, shape.maxChoices]).toEqual([1, 2]);
  });

  test('single and multiple are one pick and many picks', () => {
    expect(KINDS.single.pickMany).toBe(false);
    expect(KINDS.multiple.pickMany).toBe(true);
  });
});

describe('checkMotionDraft', () => {
  const many = Array.from({ length: 21 }, (_, i) => `选项${i + 1}`);
  const cases: Array<[string, MotionDraft, ShapeProblem[]]> = [
    ['yesNo without options', { kind: 'yesNo' }, []],
    ['yesNo with options', { kind: 'yesNo', optionLabels: ['好'] }, [{ problem: 'optionCount', min: 0, max: 0 }]],
    ['single with two', { kind: 'single', optionLabels: ['甲', '乙'] }, []],
    ['single with one', { kind: 'single', optionLabels: ['甲'] }, [{ problem: 'optionCount', min: 2, max: 20 }]],
    ['single with 21', { kind: 'single', optionLabels: many }, [{ problem: 'optionCount', min: 2, max: 20 }]],
    ['a blank option', { kind: 'single', optionLabels: ['甲', '  '] }, [{ problem: 'blankOption', index: 1 }]],
    [
      'the same option twice',
      { kind: 'single', optionLabels: ['甲', '甲 '] },
      [{ problem: 'sameOptionTwice', index: 1 }],
    ],
    [
      'single asking for two picks',
      { kind: 'single', optionLabels: ['甲', '乙'], maxChoices: 2 },
      [{ problem: 'choiceLimits', min: 1, max: 2 }],
    ],
    ['single saying one pick', { kind: 'single', optionLabels: ['甲', '乙'], minChoices: 1, maxChoices: 1 }, []],
    ['multiple defaults to 1..all', { kind: 'multiple', optionLabels: ['甲', '乙', '丙'] }, []],
    ['multiple 2..2 of 3', { kind: 'multiple', optionLabels: ['甲', '乙', '丙'], minChoices: 2, maxChoices: 2 }, []],
    [
      'multiple min above max',
      { kind: 'multiple', optionLabels: ['甲', '乙', '丙'], minChoices: 3, maxChoices: 2 },
      [{ problem: 'choiceLimits', min: 3, max: 2 }],
    ],
    [
      'multiple max above the options',
      { kind: 'multiple', optionLabels: ['甲', '乙'], maxChoices: 3 },
      [{ problem: 'choiceLimits', min: 1, max: 3 }],
    ],
    [
      'multiple min of zero',
      { kind: 'multiple', optionLabels: ['甲', '乙'], minChoices: 0 },
      [{ problem: 'choiceLimits', min: 0, max: 2 }],
    ],
  ];
  test.each(cases)('%s', (_label, draft, problems) => {
    expect(checkMotionDraft(draft)).toEqual(problems);
    if (problems.length > 0) expect(() => buildMotionShape(draft)).toThrow(RangeError);
  });
});

const yesNo = buildMotionShape({ kind: 'yesNo' });
const single = buildMotionShape({ kind: 'single', optionLabels: ['甲', '乙', '丙'] });
const multiple = buildMotionShape({
  kind: 'multiple',
  optionLabels: ['甲', '乙', '丙', '丁'],
  minChoices: 2,
  maxChoices: 3,
});

describe('checkChoices: one ballot against its motion', () => {
  const cases: Array<[string, MotionShape, string[], readonly string[] | ChoiceProblem[]]> = [
    ['yes', yesNo, ['yes'], ['yes']],
    ['abstain', yesNo, ['abstain'], ['abstain']],
    ['nothing', yesNo, [], [{ problem: 'empty' }]],
    ['yes and no', yesNo, ['yes', 'no'], [{ problem: 'tooMany', max: 1 }]],
    ['yes twice', yesNo, ['yes', 'yes'], [{ problem: 'duplicate', optionId: 'yes' }]],
    [
      'an unknown option',
      yesNo,
      ['maybe'],
      [
        { problem: 'unknownOption', optionId: 'maybe' },
        { problem: 'tooFew', min: 1 },
      ],
    ],
    ['yes and abstain', yesNo, ['yes', 'abstain'], [{ problem: 'abstainNotAlone' }]],
    ['single: one option', single, ['o2'], ['o2']],
    ['single: two options', single, ['o1', 'o2'], [{ problem: 'tooMany', max: 1 }]],
    [
      'single: a yes/no id',
      single,
      ['yes'],
      [
        { problem: 'unknownOption', optionId: 'yes' },
        { problem: 'tooFew', min: 1 },
      ],
    ],
    ['multiple: two, given out of order, come back in option order', multiple, ['o3', 'o1'], ['o1', 'o3']],
    ['multiple: three', multiple, ['o1', 'o2', 'o4'], ['o1', 'o2', 'o4']],
    ['multiple: one is too few', multiple, ['o1'], [{ problem: 'tooFew', min: 2 }]],
    ['multiple: four is too many', multiple, ['o1', 'o2', 'o3', 'o4'], [{ problem: 'tooMany', max: 3 }]],
    ['multiple: abstain alone is allowed below min', multiple, ['abstain'], ['abstain']],
    ['multiple: abstain with others', multiple, ['o1', 'o2', 'abstain'], [{ problem: 'abstainNotAlone' }]],
    [
      'multiple: a duplicate',
      multiple,
      ['o1', 'o1'],
      [
        { problem: 'duplicate', optionId: 'o1' },
        { problem: 'tooFew', min: 2 },
      ],
    ],
    [
      'prototype keys are just unknown',
      multiple,
      ['__proto__', 'constructor'],
      [
        { problem: 'unknownOption', optionId: '__proto__' },
        { problem: 'unknownOption', optionId: 'constructor' },
        { problem: 'tooFew', min: 2 },
      ],
    ],
  ];
  test.each(cases)('%s', (_label, motion, choices, expected) => {
    const check = checkChoices(motion, choices);
    const isProblemList = expected.length > 0 && typeof expected[0] === 'object';
    if (isProblemList || expected.length === 0) expect(check).toEqual({ ok: false, problems: expected });
    else expect(check).toEqual({ ok: true, choices: expected });
  });
});

describe('decide: judged against everyone taking part', () => {
  const half = { num: 1, den: 2, inclusive: false };
  const cases: Array<[string, MotionShape, Record<string, number>, number, boolean, string[]]> = [
    ['yesNo over half', yesNo, { yes: 6, no: 4 }, 10, true, ['yes']],
    ['yesNo a tie', yesNo, { yes: 5, no: 5 }, 10, false, []],
    ['single: a winner', single, { o1: 6, o2: 4 }, 10, true, ['o1']],
    ['single: no majority', single, { o1: 4, o2: 3, o3: 3 }, 10, false, []],
    ['multiple: two winners', multiple, { o1: 6, o2: 7, o3: 5 }, 10, true, ['o1', 'o2']],
    ['multiple: none over half', multiple, { o1: 5, o2: 5 }, 10, false, []],
  ];
  test.each(cases)('%s', (_label, motion, counts, turnout, passed, ids) => {
    expect(decide(motion, counts, turnout, half)).toEqual({ passed, passedOptionIds: ids });
  });
});
