import { reaches, type Fraction } from './bodies';

/**
 * The kinds of motion, as data (the way Loomio keeps poll types): what options a motion of each
 * kind has, how many a ballot may pick, and how the counts decide it.
 *
 * Every kind carries one abstain option (弃权), because LAW.md counts abstentions as taking part:
 * an elector who comes but backs nothing must have a way to say so, and it must be counted. An
 * abstain ballot picks that option alone.
 *
 * How each kind is decided (`decide`), always against those taking part, abstentions included:
 * - `yesOption` (yesNo): the motion passes when 同意 reaches the body's majority. 反对 and 弃权
 *   both simply fail to be 同意.
 * - `singleWinner` (single): the option that alone reaches the majority passes; with 过半数 at most
 *   one can. If none does (a split field, a tie), no option passes and the result is `rejected`:
 *   the counts are still published, and the committee may put a run-off as a new motion. We do not
 *   pick a plurality winner, because LAW.md asks for more than half of those taking part.
 * - `eachOption` (multiple): each option is judged on its own, and passes when more than half of
 *   those taking part chose it. The motion is `passed` when at least one option passed.
 */

export const MOTION_KINDS = ['yesNo', 'single', 'multiple'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

export interface MotionOption {
  readonly id: string;
  readonly label: string;
  readonly abstain: boolean;
}

export type Decide = 'yesOption' | 'singleWinner' | 'eachOption';

export interface KindDef {
  readonly label: string;
  /** Options every motion of this kind has, in order; null when the committee writes them. */
  readonly fixedOptions: readonly MotionOption[] | null;
  /** How many options the committee writes (the abstain option comes on top). */
  readonly writtenOptions: { readonly min: number; readonly max: number };
  /** Whether a ballot may pick more than one option. */
  readonly pickMany: boolean;
  readonly decide: Decide;
  /** How the majority reads on the result page, after "参加的人里". */
  readonly passWords: (majority: string) => string;
}

export const ABSTAIN_ID = 'abstain';
export const YES_ID = 'yes';
export const NO_ID = 'no';
export const ABSTAIN_OPTION: MotionOption = { id: ABSTAIN_ID, label: '弃权', abstain: true };

/** Enough for any real choice, few enough to read aloud at a meeting. */
export const MAX_WRITTEN_OPTIONS = 20;

export const KINDS: Readonly<Record<MotionKind, KindDef>> = {
  yesNo: {
    label: '同意还是反对',
    fixedOptions: [
      { id: YES_ID, label: '同意', abstain: false },
      { id: NO_ID, label: '反对', abstain: false },
      ABSTAIN_OPTION,
    ],
    writtenOptions: { min: 0, max: 0 },
    pickMany: false,
    decide: 'yesOption',
    passWords: (m) => `${m}同意才通过`,
  },
  single: {
    label: '几个里选一个',
    fixedOptions: null,
    writtenOptions: { min: 2, max: MAX_WRITTEN_OPTIONS },
    pickMany: false,
    decide: 'singleWinner',
    passWords: (m) => `${m}选了同一项，这一项才通过`,
  },
  multiple: {
    label: '几个里可以选几个',
    fixedOptions: null,
    writtenOptions: { min: 2, max: MAX_WRITTEN_OPTIONS },
    pickMany: true,
    decide: 'eachOption',
    passWords: (m) => `${m}选了的那几项才通过`,
  },
};

export function isMotionKind(value: unknown): value is MotionKind {
  return typeof value === 'string' && (MOTION_KINDS as readonly string[]).includes(value);
}

/** What the tally and ballot checks need to know about a motion. */
export interface MotionShape {
  readonly kind: MotionKind;
  readonly options: readonly MotionOption[];
  /** Least and most options a ballot that does not abstain picks. */
  readonly minChoices: number;
  readonly maxChoices: number;
}

export type ShapeProblem =
  | { readonly problem: 'optionCount'; readonly min: number; readonly max: number }
  | { readonly problem: 'blankOption'; readonly index: number }
  | { readonly problem: 'sameOptionTwice'; readonly index: number }
  | { readonly problem: 'choiceLimits'; readonly min: number; readonly max: number };

export interface MotionDraft {
  readonly kind: MotionKind;
  /** The options the committee wrote, in order; none for yesNo. */
  readonly optionLabels?: readonly string[];
  readonly minChoices?: number;
  readonly maxChoices?: number;
}

function choiceLimits(draft: MotionDraft, written: number): { min: number; max: number } {
  if (!KINDS[draft.kind].pickMany) return { min: 1, max: 1 };
  return { min: draft.minChoices ?? 1, max: draft.maxChoices ?? written };
}

/** Problems with what the committee wrote; empty when a motion can be built from it. */
export function checkMotionDraft(draft: MotionDraft): ShapeProblem[] {
  const def = KINDS[draft.kind];
  const labels = (draft.optionLabels ?? []).map((l) => l.trim());
  const problems: ShapeProblem[] = [];
  if (labels.length < def.writtenOptions.min || labels.length > def.writtenOptions.max) {
    problems.push({ problem: 'optionCount', min: def.writtenOptions.min, max: def.writtenOptions.max });
  }
  labels.forEach((label, index) => {
    if (label === '') problems.push({ problem: 'blankOption', index });
    else if (labels.indexOf(label) !== index) problems.push({ problem: 'sameOptionTwice', index });
  });
  if (def.pickMany) {
    const { min, max } = choiceLimits(draft, labels.length);
    const sane = Number.isSafeInteger(min) && Number.isSafeInteger(max) && min >= 1 && min <= max;
    if (!sane || max > labels.length) problems.push({ problem: 'choiceLimits', min, max });
  } else if (draft.minChoices !== undefined || draft.maxChoices !== undefined) {
    // A one-pick kind with limits other than one is a confused request, not something to guess at.
    if ((draft.minChoices ?? 1) !== 1 || (draft.maxChoices ?? 1) !== 1) {
      problems.push({ problem: 'choiceLimits', min: draft.minChoices ?? 1, max: draft.maxChoices ?? 1 });
    }
  }
  return problems;
}

/**
 * The motion's options and limits. Written options get ids o1, o2, … in the order written, so
 * ids never carry the label (a relabelled typo does not change what a ballot pointed at).
 */
export function buildMotionShape(draft: MotionDraft): MotionShape {
  const problems = checkMotionDraft(draft);
  if (problems.length > 0) throw new RangeError(`motion cannot be built: ${JSON.stringify(problems)}`);
  const def = KINDS[draft.kind];
  const labels = (draft.optionLabels ?? []).map((l) => l.trim());
  const options = def.fixedOptions ?? [
    ...labels.map((label, i) => ({ id: `o${i + 1}`, label, abstain: false })),
    ABSTAIN_OPTION,
  ];
  const { min, max } = choiceLimits(draft, labels.length);
  return { kind: draft.kind, options, minChoices: min, maxChoices: max };
}

/** The one abstain option of a motion; every kind has exactly one. */
export function abstainOptionId(motion: MotionShape): string | null {
  return motion.options.find((o) => o.abstain)?.id ?? null;
}

export type ChoiceProblem =
  | { readonly problem: 'empty' }
  | { readonly problem: 'tooFew'; readonly min: number }
  | { readonly problem: 'tooMany'; readonly max: number }
  | { readonly problem: 'unknownOption'; readonly optionId: string }
  | { readonly problem: 'duplicate'; readonly optionId: string }
  | { readonly problem: 'abstainNotAlone' };

export type ChoiceCheck =
  | { readonly ok: true; readonly choices: readonly string[] }
  | { readonly ok: false; readonly problems: readonly ChoiceProblem[] };

/** Plain words for each problem, for the error's details. */
export const CHOICE_PROBLEM_TEXT: Readonly<Record<ChoiceProblem['problem'], string>> = {
  empty: '还没有选',
  tooFew: '选的项太少了',
  tooMany: '选的项太多了',
  unknownOption: '选了一个不存在的选项',
  duplicate: '同一项选了两次',
  abstainNotAlone: '选了弃权，就不能再选别的',
};

/**
 * Checks one ballot against its motion. On success the choices come back in the motion's option
 * order, so a stored ballot never keeps the order the elector tapped them in.
 */
export function checkChoices(motion: MotionShape, choices: readonly string[]): ChoiceCheck {
  const problems: ChoiceProblem[] = [];
  if (choices.length === 0) return { ok: false, problems: [{ problem: 'empty' }] };
  const known = new Set(motion.options.map((o) => o.id));
  const seen = new Set<string>();
  for (const id of choices) {
    if (!known.has(id)) problems.push({ problem: 'unknownOption', optionId: id });
    else if (seen.has(id)) problems.push({ problem: 'duplicate', optionId: id });
    else seen.add(id);
  }
  const abstain = abstainOptionId(motion);
  const abstaining = abstain !== null && seen.has(abstain);
  if (abstaining && choices.length > 1) problems.push({ problem: 'abstainNotAlone' });
  if (!abstaining) {
    // Limits count distinct real options; unknown ids and repeats are reported on their own.
    if (seen.size < motion.minChoices) problems.push({ problem: 'tooFew', min: motion.minChoices });
    if (seen.size > motion.maxChoices) problems.push({ problem: 'tooMany', max: motion.maxChoices });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, choices: motion.options.filter((o) => seen.has(o.id)).map((o) => o.id) };
}

export interface Decision {
  readonly passed: boolean;
  readonly passedOptionIds: readonly string[];
}

type Decider = (
  motion: MotionShape,
  counts: Readonly<Record<string, number>>,
  turnout: number,
  majority: Fraction,
) => Decision;

const reaching = (motion: MotionShape, counts: Readonly<Record<string, number>>, turnout: number, majority: Fraction) =>
  motion.options.filter((o) => !o.abstain && reaches(counts[o.id] ?? 0, turnout, majority)).map((o) => o.id);

const DECIDERS: Readonly<Record<Decide, Decider>> = {
  yesOption: (_motion, counts, turnout, majority) => {
    const passed = reaches(counts[YES_ID] ?? 0, turnout, majority);
    return { passed, passedOptionIds: passed ? [YES_ID] : [] };
  },
  singleWinner: (motion, counts, turnout, majority) => {
    const winners = reaching(motion, counts, turnout, majority);
    // More than half leaves room for one winner at most; anything else is no winner, never a guess.
    return winners.length === 1 ? { passed: true, passedOptionIds: winners } : { passed: false, passedOptionIds: [] };
  },
  eachOption: (motion, counts, turnout, majority) => {
    const winners = reaching(motion, counts, turnout, majority);
    return { passed: winners.length > 0, passedOptionIds: winners };
  },
};

/** Decides a motion whose quorum is met. */
export function decide(
  motion: MotionShape,
  counts: Readonly<Record<string, number>>,
  turnout: number,
  majority: Fraction,
): Decision {
  return DECIDERS[KINDS[motion.kind].decide](motion, counts, turnout, majority);
}
