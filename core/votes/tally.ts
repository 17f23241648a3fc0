import { AppError } from '../errors';
import {
  atLeastAsStrict,
  BODY_DEFS,
  describeFraction,
  describeQuorum,
  isValidFraction,
  MAX_COUNT,
  reaches,
  type Body,
  type BodyRule,
} from './bodies';
import { checkChoices, CHOICE_PROBLEM_TEXT, decide, KINDS, type MotionShape } from './kinds';

/**
 * Counting a motion: turnout against the quorum, then the counts against the majority, both by
 * the rule of the motion's body (LAW.md). Counting is done once, at close, from all the ballots
 * (or from a meeting's hand count), never by bumping one hot counter per ballot (DESIGN.md).
 */

export const VOTE_RESULTS = ['passed', 'rejected', 'noQuorum'] as const;
export type VoteResult = (typeof VOTE_RESULTS)[number];

export interface CountedMotion extends MotionShape {
  readonly body: Body;
  /** The rule frozen when the motion opened (the law's, or a stricter charter's); the law's if absent. */
  readonly rule?: BodyRule;
}

export interface Tally {
  readonly electorateSize: number;
  /** Electors who took part, abstentions included. */
  readonly turnout: number;
  readonly quorumMet: boolean;
  /** The quorum in plain words, e.g. "超过一半的选民参加才算数". */
  readonly quorumRule: string;
  /** The majority in plain words, worded for the motion's kind. */
  readonly majorityRule: string;
  readonly rule: BodyRule;
  /** Every option of the motion, in its order, with how many ballots chose it. */
  readonly counts: Record<string, number>;
  /** Options that passed; empty unless the result is `passed`. */
  readonly passedOptionIds: string[];
  readonly result: VoteResult;
}

export interface BallotChoices {
  readonly choices: readonly string[];
}

function invalid(path: string, message: string): AppError {
  return new AppError('TALLY_INVALID', undefined, [{ path, message }]);
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0 && n <= MAX_COUNT;
}

/**
 * The rule a motion is counted by. A stored rule is checked again here: a record that somehow
 * carries a rule looser than the law must fail loudly, not count a vote the law would not.
 */
export function ruleOf(motion: CountedMotion): BodyRule {
  const law = BODY_DEFS[motion.body].rule;
  const rule = motion.rule ?? law;
  for (const part of ['quorum', 'majority'] as const) {
    if (!isValidFraction(rule[part]) || !atLeastAsStrict(rule[part], law[part])) {
      throw invalid(`rule.${part}`, '表决规则比法律的要求还宽，不能用');
    }
  }
  return rule;
}

/** The majority, worded for the kind of motion ("…同意才通过", "…选了同一项，这一项才通过"). */
export function describeMajority(motion: CountedMotion, rule: BodyRule = ruleOf(motion)): string {
  return `参加的人里${KINDS[motion.kind].passWords(describeFraction(rule.majority))}`;
}

/** The motion's whole rule in one sentence, for its page. */
export function describeMotionRule(motion: CountedMotion): string {
  const rule = ruleOf(motion);
  return `${describeQuorum(motion.body, rule)}，${describeMajority(motion, rule)}`;
}

/**
 * Turnout and counts to a result. Nobody taking part is never a quorum, whatever the fraction
 * says: "at least two thirds of 0" is 0, and a vote of nobody must not pass or fail, so an empty
 * electorate ends `noQuorum` too.
 */
export function tallyCounts(
  motion: CountedMotion,
  electorateSize: number,
  turnout: number,
  counts: Readonly<Record<string, number>>,
): Tally {
  const rule = ruleOf(motion);
  if (!isCount(electorateSize)) throw invalid('electorateSize', '选民人数不对');
  if (!isCount(turnout)) throw invalid('turnout', '参加人数不对');
  if (turnout > electorateSize) throw invalid('turnout', '参加的人比名册上的人还多');
  const known = new Set(motion.options.map((o) => o.id));
  for (const [id, n] of Object.entries(counts)) {
    if (!known.has(id)) throw invalid(`counts.${id}`, '没有这个选项');
    if (!isCount(n)) throw invalid(`counts.${id}`, '票数不对');
    if (n > turnout) throw invalid(`counts.${id}`, '一项的票数比参加的人还多');
  }
  const full: Record<string, number> = Object.fromEntries(motion.options.map((o) => [o.id, counts[o.id] ?? 0]));
  checkCountsAddUp(motion, turnout, full);
  const quorumMet = turnout > 0 && reaches(turnout, electorateSize, rule.quorum);
  const decision = quorumMet ? decide(motion, full, turnout, rule.majority) : { passed: false, passedOptionIds: [] };
  return {
    electorateSize,
    turnout,
    quorumMet,
    quorumRule: describeQuorum(motion.body, rule),
    majorityRule: describeMajority(motion, rule),
    rule,
    counts: full,
    passedOptionIds: [...decision.passedOptionIds],
    result: !quorumMet ? 'noQuorum' : decision.passed ? 'passed' : 'rejected',
  };
}

/**
 * Each elector who took part cast one ballot: one option, or the abstain option alone, or (for
 * a multiple-choice motion) between min and max options. Counts that cannot come from such
 * ballots are refused rather than counted.
 */
function checkCountsAddUp(motion: CountedMotion, turnout: number, counts: Readonly<Record<string, number>>): void {
  const abstain = motion.options.filter((o) => o.abstain).reduce((s, o) => s + counts[o.id], 0);
  const picks = motion.options.filter((o) => !o.abstain).reduce((s, o) => s + counts[o.id], 0);
  if (abstain > turnout) throw invalid('counts', '弃权的比参加的人还多');
  const voting = turnout - abstain;
  if (!KINDS[motion.kind].pickMany) {
    if (picks !== voting) throw invalid('counts', '各项票数加起来和参加人数对不上');
    return;
  }
  if (picks < voting * motion.minChoices || picks > voting * motion.maxChoices) {
    throw invalid('counts', '各项票数加起来和参加人数对不上');
  }
}

/** Counts the ballots of a motion at close. Every ballot is checked against the motion again. */
export function tally(motion: CountedMotion, electorateSize: number, ballots: readonly BallotChoices[]): Tally {
  const counts: Record<string, number> = Object.fromEntries(motion.options.map((o) => [o.id, 0]));
  ballots.forEach((ballot, i) => {
    const check = checkChoices(motion, ballot.choices);
    if (!check.ok) throw invalid(`ballots.${i}`, CHOICE_PROBLEM_TEXT[check.problems[0].problem]);
    for (const id of check.choices) counts[id] += 1;
  });
  return tallyCounts(motion, electorateSize, ballots.length, counts);
}

/**
 * A vote taken at a meeting (a show of hands, or paper ballots counted there), entered by the
 * committee for the record. `attendance` is the electors present, who all took part.
 * `counts` holds the written options only. For one-pick kinds the abstentions are whoever
 * present did not pick an option. For multiple choice nobody can tell an abstainer from hands
 * raised, so the abstain count stays 0 and only each option's own majority is judged.
 */
export function handCountTally(
  motion: CountedMotion,
  electorateSize: number,
  attendance: number,
  counts: Readonly<Record<string, number>>,
): Tally {
  const abstainIds = motion.options.filter((o) => o.abstain).map((o) => o.id);
  for (const id of abstainIds) {
    if (Object.prototype.hasOwnProperty.call(counts, id)) throw invalid(`counts.${id}`, '弃权不用填，没选的就是弃权');
  }
  if (!isCount(attendance)) throw invalid('attendance', '到会人数不对');
  if (KINDS[motion.kind].pickMany) {
    // A show of hands cannot tell how many options each person picked: hold each option to attendance only.
    return tallyCounts(
      { ...motion, minChoices: 0, maxChoices: motion.options.length },
      electorateSize,
      attendance,
      counts,
    );
  }
  const picked = Object.values(counts).reduce((s, n) => s + (isCount(n) ? n : 0), 0);
  const abstained = attendance - picked;
  if (abstained < 0) throw invalid('counts', '各项票数加起来比到会的人还多');
  const withAbstain = abstainIds.length > 0 ? { ...counts, [abstainIds[0]]: abstained } : counts;
  return tallyCounts(motion, electorateSize, attendance, withAbstain);
}
