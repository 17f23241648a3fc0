import fc from 'fast-check';
import {
  atLeastAsStrict,
  BODIES,
  BODY_DEFS,
  checkCharterRule,
  chineseNumber,
  describeFraction,
  describeRule,
  effectiveRule,
  reaches,
  type Body,
  type CharterRule,
  type CharterRuleProblem,
  type Fraction,
} from '../../core/votes/bodies';

const half: Fraction = { num: 1, den: 2, inclusive: false };
const twoThirds: Fraction = { num: 2, den: 3, inclusive: true };

describe('bodies: the law as data', () => {
  const rows: Array<[Body, string, Fraction, Fraction]> = [
    ['adults', '村民会议', half, half],
    ['households', '户代表会议', twoThirds, half],
    ['delegates', '村民代表会议', twoThirds, half],
  ];
  test.each(rows)('%s is %s with its LAW.md rule', (body, name, quorum, majority) => {
    expect(BODY_DEFS[body]).toMatchObject({ name, rule: { quorum, majority } });
  });

  test.each(BODIES.map((b) => [b]))('%s: the written description says what the rule does', (body) => {
    expect(BODY_DEFS[body].description).toBe(describeRule(body));
  });

  test('the adults rule reads as the brief words it', () => {
    expect(BODY_DEFS.adults.description).toBe('超过一半的选民参加才算数，参加的人里超过一半同意才通过');
  });
});

describe('reaches: integer comparison at every bound', () => {
  // [part, whole, fraction, expected]
  const cases: Array<[number, number, Fraction, boolean]> = [
    [50, 100, half, false],
    [51, 100, half, true],
    [0, 0, half, false],
    [1, 1, half, true],
    [1, 2, half, false],
    [20, 30, twoThirds, true],
    [19, 30, twoThirds, false],
    [2, 3, twoThirds, true],
    [0, 0, twoThirds, true], // the arithmetic says yes: tally guards "nobody took part" itself
    [66, 100, twoThirds, false],
    [67, 100, twoThirds, true],
    [10_000_000, 10_000_000, { num: 999, den: 1000, inclusive: false }, true],
  ];
  test.each(cases)('%i of %i against %j → %s', (part, whole, f, expected) => {
    expect(reaches(part, whole, f)).toBe(expected);
  });

  test.each([
    [-1, 10],
    [1.5, 10],
    [1, Number.NaN],
    [1, 10_000_001],
  ])('refuses %p of %p', (part, whole) => {
    expect(() => reaches(part, whole, half)).toThrow(RangeError);
  });

  test('agrees with exact rational comparison everywhere in range', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.nat({ max: 1000 }),
        fc.boolean(),
        (a, b, den, n, inclusive) => {
          const [part, whole] = a <= b ? [a, b] : [b, a];
          const num = Math.min(n, inclusive ? den : den - 1);
          const lhs = BigInt(den) * BigInt(part);
          const rhs = BigInt(num) * BigInt(whole);
          expect(reaches(part, whole, { num, den, inclusive })).toBe(inclusive ? lhs >= rhs : lhs > rhs);
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
  });
});

describe('a charter may be stricter than the law, never looser', () => {
  const cases: Array<[string, Body, CharterRule, CharterRuleProblem[]]> = [
    ['nothing set keeps the law', 'adults', {}, []],
    ['the law itself', 'adults', { quorum: half, majority: half }, []],
    ['two thirds of adults must take part', 'adults', { quorum: twoThirds }, []],
    ['two thirds must say yes', 'households', { majority: twoThirds }, []],
    ['more than two thirds of households', 'households', { quorum: { num: 2, den: 3, inclusive: false } }, []],
    ['three quarters of delegates', 'delegates', { quorum: { num: 3, den: 4, inclusive: true } }, []],
    ['everyone must take part', 'delegates', { quorum: { num: 1, den: 1, inclusive: true } }, []],
    [
      'half inclusive is looser than more than half',
      'adults',
      { quorum: { num: 1, den: 2, inclusive: true } },
      [{ part: 'quorum', problem: 'looserThanLaw' }],
    ],
    [
      'a third is looser',
      'adults',
      { majority: { num: 1, den: 3, inclusive: false } },
      [{ part: 'majority', problem: 'looserThanLaw' }],
    ],
    [
      'more than half of households is looser than two thirds',
      'households',
      { quorum: half },
      [{ part: 'quorum', problem: 'looserThanLaw' }],
    ],
    [
      '0.66 is looser than two thirds',
      'delegates',
      { quorum: { num: 66, den: 100, inclusive: true } },
      [{ part: 'quorum', problem: 'looserThanLaw' }],
    ],
    [
      'a simple majority inclusive of a tie',
      'delegates',
      { majority: { num: 1, den: 2, inclusive: true } },
      [{ part: 'majority', problem: 'looserThanLaw' }],
    ],
    [
      'zero denominator',
      'adults',
      { quorum: { num: 0, den: 0, inclusive: true } },
      [{ part: 'quorum', problem: 'unusable' }],
    ],
    [
      'above the whole',
      'adults',
      { quorum: { num: 3, den: 2, inclusive: true } },
      [{ part: 'quorum', problem: 'unusable' }],
    ],
    [
      'more than everyone',
      'adults',
      { majority: { num: 1, den: 1, inclusive: false } },
      [{ part: 'majority', problem: 'unusable' }],
    ],
    [
      'a fractional numerator',
      'adults',
      { quorum: { num: 1.5, den: 2, inclusive: true } },
      [{ part: 'quorum', problem: 'unusable' }],
    ],
    [
      'a huge denominator',
      'adults',
      { quorum: { num: 1999, den: 2000, inclusive: true } },
      [{ part: 'quorum', problem: 'unusable' }],
    ],
    [
      'both parts wrong',
      'households',
      { quorum: half, majority: { num: 2, den: 5, inclusive: true } },
      [
        { part: 'quorum', problem: 'looserThanLaw' },
        { part: 'majority', problem: 'looserThanLaw' },
      ],
    ],
  ];
  test.each(cases)('%s', (_label, body, charter, problems) => {
    expect(checkCharterRule(body, charter)).toEqual(problems);
    if (problems.length === 0) {
      const rule = effectiveRule(body, charter);
      expect(atLeastAsStrict(rule.quorum, BODY_DEFS[body].rule.quorum)).toBe(true);
      expect(atLeastAsStrict(rule.majority, BODY_DEFS[body].rule.majority)).toBe(true);
    } else {
      expect(() => effectiveRule(body, charter)).toThrow(RangeError);
    }
  });

  test('without a charter the rule is the law', () => {
    expect(effectiveRule('households')).toBe(BODY_DEFS.households.rule);
  });
});

describe('rules in plain words', () => {
  const cases: Array<[Fraction, string]> = [
    [half, '超过一半'],
    [twoThirds, '至少三分之二（正好三分之二也算）'],
    [{ num: 2, den: 3, inclusive: false }, '超过三分之二'],
    [{ num: 3, den: 4, inclusive: true }, '至少四分之三（正好四分之三也算）'],
    [{ num: 1, den: 1, inclusive: true }, '全部'],
    [{ num: 11, den: 20, inclusive: false }, '超过二十分之十一'],
  ];
  test.each(cases)('%j → %s', (f, text) => {
    expect(describeFraction(f)).toBe(text);
  });

  test.each([
    [0, '零'],
    [7, '七'],
    [10, '十'],
    [15, '十五'],
    [20, '二十'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [999, '九百九十九'],
    [1000, '1000'],
  ])('%i reads %s', (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });
});
