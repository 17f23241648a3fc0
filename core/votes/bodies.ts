/**
 * The three bodies that can decide a motion, and the quorum and majority rules LAW.md gives each,
 * as data. Everything that counts votes reads these rows; nothing hard-codes "half" or "two thirds".
 *
 * A rule is a fraction compared with integers only: `part / whole > num / den` is computed as
 * `den * part > num * whole` (and `>=` when the bound itself is enough). Floats never decide a vote.
 */

export const BODIES = ['adults', 'households', 'delegates'] as const;
export type Body = (typeof BODIES)[number];

/**
 * "part is more than (or at least) num/den of whole". `inclusive: false` is the law's 过半数
 * (50 of 100 is not enough); `inclusive: true` is its 三分之二以上 (20 of 30 is enough).
 */
export interface Fraction {
  readonly num: number;
  readonly den: number;
  readonly inclusive: boolean;
}

export interface BodyRule {
  /** Taking part, out of the electorate. */
  readonly quorum: Fraction;
  /** Yes, out of those taking part (abstentions included). */
  readonly majority: Fraction;
}

export interface BodyDef {
  readonly name: string;
  /** What one elector of this body is, in plain words. */
  readonly electorNoun: string;
  readonly rule: BodyRule;
  /** The law's rule in one plain sentence, for the motion and result pages (a test keeps it true to `rule`). */
  readonly description: string;
}

const MORE_THAN_HALF: Fraction = { num: 1, den: 2, inclusive: false };
const AT_LEAST_TWO_THIRDS: Fraction = { num: 2, den: 3, inclusive: true };

export const BODY_DEFS: Readonly<Record<Body, BodyDef>> = {
  adults: {
    name: '村民会议',
    electorNoun: '选民',
    rule: { quorum: MORE_THAN_HALF, majority: MORE_THAN_HALF },
    description: '超过一半的选民参加才算数，参加的人里超过一半同意才通过',
  },
  households: {
    name: '户代表会议',
    electorNoun: '户',
    rule: { quorum: AT_LEAST_TWO_THIRDS, majority: MORE_THAN_HALF },
    description: '至少三分之二（正好三分之二也算）的户参加才算数，参加的人里超过一半同意才通过',
  },
  delegates: {
    name: '村民代表会议',
    electorNoun: '村民代表和村委会成员',
    rule: { quorum: AT_LEAST_TWO_THIRDS, majority: MORE_THAN_HALF },
    description: '至少三分之二（正好三分之二也算）的村民代表和村委会成员参加才算数，参加的人里超过一半同意才通过',
  },
};

export function isBody(value: unknown): value is Body {
  return typeof value === 'string' && (BODIES as readonly string[]).includes(value);
}

/**
 * Counts and fractions are bounded so that every product stays an exact integer in a double
 * (10^7 × 10^3 is far below 2^53). No village comes near either bound.
 */
export const MAX_COUNT = 10_000_000;
export const MAX_DENOMINATOR = 1000;

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_COUNT) throw new RangeError(`${what} must be a count, got ${n}`);
}

export function isValidFraction(f: Fraction): boolean {
  return (
    Number.isSafeInteger(f.num) &&
    Number.isSafeInteger(f.den) &&
    f.den >= 1 &&
    f.den <= MAX_DENOMINATOR &&
    f.num >= 0 &&
    // A bound above the whole, or "more than all of it", can never be met: such a rule would
    // silently make every vote fail, so it is not a rule at all.
    (f.inclusive ? f.num <= f.den : f.num < f.den)
  );
}

/** Does `part` out of `whole` reach the fraction? Integer arithmetic only. */
export function reaches(part: number, whole: number, f: Fraction): boolean {
  assertCount(part, 'part');
  assertCount(whole, 'whole');
  if (!isValidFraction(f)) throw new RangeError(`not a usable fraction: ${f.num}/${f.den}`);
  return f.inclusive ? f.den * part >= f.num * whole : f.den * part > f.num * whole;
}

/**
 * Is `a` at least as hard to meet as `b`, for every part and whole? Compare num/den by
 * cross-multiplying; at an equal value, "more than" is harder than "at least".
 */
export function atLeastAsStrict(a: Fraction, b: Fraction): boolean {
  const lhs = a.num * b.den;
  const rhs = b.num * a.den;
  if (lhs !== rhs) return lhs > rhs;
  return !a.inclusive || b.inclusive;
}

/**
 * A village charter (村民自治章程) may ask for more than the law, never less. Absent parts keep the
 * law's rule.
 */
export interface CharterRule {
  readonly quorum?: Fraction;
  readonly majority?: Fraction;
}

export type CharterRuleProblem =
  | { readonly part: 'quorum' | 'majority'; readonly problem: 'unusable' }
  | { readonly part: 'quorum' | 'majority'; readonly problem: 'looserThanLaw' };

/** Empty when the charter's rule may be used for this body. */
export function checkCharterRule(body: Body, charter: CharterRule): CharterRuleProblem[] {
  const law = BODY_DEFS[body].rule;
  const problems: CharterRuleProblem[] = [];
  for (const part of ['quorum', 'majority'] as const) {
    const f = charter[part];
    if (!f) continue;
    if (!isValidFraction(f)) problems.push({ part, problem: 'unusable' });
    else if (!atLeastAsStrict(f, law[part])) problems.push({ part, problem: 'looserThanLaw' });
  }
  return problems;
}

/** The rule a motion is counted by: the law's, tightened by the charter where it is stricter. */
export function effectiveRule(body: Body, charter?: CharterRule): BodyRule {
  const law = BODY_DEFS[body].rule;
  if (!charter) return law;
  if (checkCharterRule(body, charter).length > 0) {
    throw new RangeError(`charter rule for ${body} is looser than the law or unusable`);
  }
  return { quorum: charter.quorum ?? law.quorum, majority: charter.majority ?? law.majority };
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numerals for 0..999, as a villager reads a fraction aloud ("三分之二"). */
export function chineseNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  const rest = n % 100;
  const restText =
    rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest);
  return `${DIGITS[Math.floor(n / 100)]}百${restText}`;
}

function fractionWords(f: Fraction): string {
  if (f.num === f.den) return '全部';
  if (f.num * 2 === f.den) return '一半';
  return `${chineseNumber(f.den)}分之${chineseNumber(f.num)}`;
}

/** "超过一半" or "至少三分之二（正好三分之二也算）": the bound said so nobody must guess. */
export function describeFraction(f: Fraction): string {
  const words = fractionWords(f);
  if (!f.inclusive) return `超过${words}`;
  if (f.num === 0) return '不限人数';
  if (f.num === f.den) return '全部';
  return `至少${words}（正好${words}也算）`;
}

export function describeQuorum(body: Body, rule: BodyRule = BODY_DEFS[body].rule): string {
  return `${describeFraction(rule.quorum)}的${BODY_DEFS[body].electorNoun}参加才算数`;
}

/** A yes/no motion's rule in one sentence; other kinds word the majority their own way (tally.ts). */
export function describeRule(body: Body, rule: BodyRule = BODY_DEFS[body].rule): string {
  return `${describeQuorum(body, rule)}，参加的人里${describeFraction(rule.majority)}同意才通过`;
}

/** What every result page adds under the rule, because these are what villagers argue about. */
export const RULE_NOTES: readonly string[] = ['弃权也算参加，但不算同意', '同意和不同意一样多，不算通过'];
