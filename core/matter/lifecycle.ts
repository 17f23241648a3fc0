import type { MatterCategory } from '../categories';
import type { Caller } from '../caller';
import { AppError, type ErrorCode } from '../errors';
import type { Role } from '../roles';
import { isReservedCategory } from './category';
import { assemblyRequested } from './cosign';
import { evaluationEndsAt, isEvaluationOver } from './evaluation';
import type { MatterRecord } from './record';
import { screeningDue } from './screening';
import { matterSettings, type MatterSettings } from './settings';
import { stageOf, type MatterState } from './states';

/**
 * The life of a matter as one table (Loomio keeps its poll types as data; we keep transitions as
 * data): where each step may start, where it leads, who may take it, what must hold, and the event
 * it records. `transition()` is the whole machine; services and pages ask it, never an `if` of their own.
 *
 * Decisions the table encodes (see also the tests, which spell out every state × transition pair):
 * - Raising is creation (record.ts), not a transition.
 * - The committee may decide a matter alone (decideByCommittee) only when its category is not one
 *   of the nine reserved for the assembly and the villagers have not asked for the assembly (1/10
 *   co-signatures). A reserved matter reaches `implementing`, hence `evaluating` and `closed`, only
 *   through `passed`, i.e. a vote. For the same reason the committee cannot decline a reserved matter
 *   (declining is deciding alone, just with the answer no), nor merge it into a non-reserved one.
 * - Once one tenth have co-signed, the committee must put the matter to the assembly: decline, merge
 *   and deciding alone are refused, and so is the author's withdrawal, because the request is then the
 *   co-signers' as much as the author's.
 * - `rejected` is final: the villagers have decided. A changed proposal is raised as a new matter.
 * - `noQuorum` is not a decision (LAW.md: a vote that misses its quorum is not a rejection), so the
 *   committee may reopen it for another round of deliberation and a new vote, giving a reason.
 * - A vote needs a recorded consultation meeting first (民议 before 民决), and so does deciding alone:
 *   the meeting's minutes are the record the decision rests on.
 * - Work starts only with an owner named: 民办 is someone's job, with progress posted under a name.
 * - `evaluating → closed` is the system's (a timer), and only after the rating window; nobody can cut
 *   the villagers' evaluation short.
 */

/** Who may take a step: holders of a role, the matter's author, or the system (a timer, a tally). */
export type Trigger = Role | 'author' | 'system';

/** The one taking a step: a signed-in caller (only their person and roles matter here) or the system. */
export type Actor = 'system' | Pick<Caller, 'personId' | 'roles'>;

/** What the machine reads of a matter. */
export type MatterFacts = Pick<
  MatterRecord,
  '_id' | 'state' | 'authorId' | 'category' | 'cosignCount' | 'meetingCount' | 'owner' | 'evaluationEndsAt'
>;

/** The matter a duplicate is merged into. */
export interface MergeTarget {
  readonly _id: string;
  readonly state: MatterState;
  readonly category: MatterCategory;
}

export interface TransitionContext {
  readonly actor: Actor;
  readonly now: number;
  /** Villagers aged 18+ on the roster, for the one-tenth rule. */
  readonly electorate: number;
  /** What the caller typed as the reason; published with the step. */
  readonly reason?: string;
  readonly mergeTarget?: MergeTarget;
  /** The village's own day counts; defaults otherwise (settings.ts). */
  readonly settings?: Partial<MatterSettings>;
}

interface Guard {
  readonly code: ErrorCode;
  /** True when it checks what the caller types (a reason, a target): availableTransitions skips those. */
  readonly input: boolean;
  readonly test: (m: MatterFacts, ctx: TransitionContext) => boolean;
}

/** States a duplicate may be merged into: a discussion still open enough to take it in. */
const MERGE_TARGET_STATES: readonly MatterState[] = ['raised', 'deliberating'];

function validMergeTarget(m: MatterFacts, target: MergeTarget | undefined): boolean {
  if (!target || target._id === m._id) return false;
  if (!MERGE_TARGET_STATES.includes(target.state)) return false;
  // Otherwise a reserved matter could be merged into a non-reserved one and then decided alone.
  return !isReservedCategory(m.category) || isReservedCategory(target.category);
}

export const GUARDS = {
  reasonGiven: {
    code: 'REASON_REQUIRED',
    input: true,
    test: (_m, c) => (c.reason ?? '').trim().length > 0,
  },
  mergeTargetValid: {
    code: 'INVALID_MERGE_TARGET',
    input: true,
    test: (m, c) => validMergeTarget(m, c.mergeTarget),
  },
  notReserved: {
    code: 'RESERVED_FOR_ASSEMBLY',
    input: false,
    test: (m) => !isReservedCategory(m.category),
  },
  notRequestedByVillagers: {
    code: 'ASSEMBLY_REQUESTED',
    input: false,
    test: (m, c) => !assemblyRequested(m.state, m.cosignCount, c.electorate),
  },
  meetingHeld: {
    code: 'MEETING_REQUIRED',
    input: false,
    test: (m) => m.meetingCount > 0,
  },
  ownerAssigned: {
    code: 'OWNER_REQUIRED',
    input: false,
    test: (m) => m.owner !== null,
  },
  evaluationOver: {
    code: 'EVALUATION_OPEN',
    input: false,
    test: (m, c) => isEvaluationOver(c.now, m.evaluationEndsAt),
  },
} as const satisfies Record<string, Guard>;

export type GuardId = keyof typeof GUARDS;

/** Record fields a step sets besides `state` and `updatedAt`. */
export type MatterPatch = Partial<
  Pick<
    MatterRecord,
    | 'state'
    | 'updatedAt'
    | 'screeningDueAt'
    | 'decidedBy'
    | 'mergedInto'
    | 'stoppedAt'
    | 'closingReason'
    | 'completedAt'
    | 'evaluationEndsAt'
  >
>;

interface EffectInput {
  readonly matter: MatterFacts;
  readonly ctx: TransitionContext;
  readonly settings: MatterSettings;
  readonly reason: string | null;
}

interface TransitionDef {
  readonly from: readonly MatterState[];
  readonly to: MatterState;
  readonly who: readonly Trigger[];
  /** Checked in order; the first that fails gives the error code. */
  readonly guards: readonly GuardId[];
  readonly event: string;
  readonly effects?: (e: EffectInput) => MatterPatch;
}

/** The table. Read it top to bottom: it is the five-citizen method, step by step. */
export const TRANSITIONS = {
  // 民提: the committee screens what villagers raise.
  accept: {
    from: ['raised'],
    to: 'deliberating',
    who: ['committee'],
    guards: [],
    event: 'MatterAccepted',
  },
  decline: {
    from: ['raised', 'deliberating'],
    to: 'declined',
    who: ['committee'],
    guards: ['reasonGiven', 'notReserved', 'notRequestedByVillagers'],
    event: 'MatterDeclined',
  },
  merge: {
    from: ['raised', 'deliberating'],
    to: 'merged',
    who: ['committee'],
    guards: ['reasonGiven', 'mergeTargetValid', 'notRequestedByVillagers'],
    event: 'MatterMerged',
    effects: ({ ctx }) => ({ mergedInto: ctx.mergeTarget?._id ?? null }),
  },
  withdraw: {
    from: ['raised', 'deliberating'],
    to: 'withdrawn',
    who: ['author'],
    guards: ['notRequestedByVillagers'],
    event: 'MatterWithdrawn',
  },
  // 民议: talk it over; send it back to be reworded, put it to a vote, or (small matters) decide it.
  returnToRaised: {
    from: ['deliberating'],
    to: 'raised',
    who: ['committee'],
    guards: ['reasonGiven'],
    event: 'MatterReturnedToRaised',
    // A fresh screening period: the author needs time to rework it, the committee time to look again.
    effects: ({ ctx, settings }) => ({ screeningDueAt: screeningDue(ctx.now, settings.screeningDays) }),
  },
  openVote: {
    from: ['deliberating'],
    to: 'voting',
    who: ['committee'],
    guards: ['meetingHeld'],
    event: 'MatterPutToVote',
  },
  decideByCommittee: {
    from: ['deliberating'],
    to: 'implementing',
    who: ['committee'],
    guards: ['reasonGiven', 'notReserved', 'notRequestedByVillagers', 'meetingHeld', 'ownerAssigned'],
    event: 'MatterDecidedByCommittee',
    effects: () => ({ decidedBy: 'committee' }),
  },
  // 民决: the votes module tallies and reports the outcome.
  votePassed: {
    from: ['voting'],
    to: 'passed',
    who: ['system'],
    guards: [],
    event: 'MatterPassed',
    effects: () => ({ decidedBy: 'vote' }),
  },
  voteRejected: {
    from: ['voting'],
    to: 'rejected',
    who: ['system'],
    guards: [],
    event: 'MatterRejected',
  },
  voteNoQuorum: {
    from: ['voting'],
    to: 'noQuorum',
    who: ['system'],
    guards: [],
    event: 'MatterMissedQuorum',
  },
  reopen: {
    from: ['noQuorum'],
    to: 'deliberating',
    who: ['committee'],
    guards: ['reasonGiven'],
    event: 'MatterReopened',
  },
  // 民办
  startWork: {
    from: ['passed'],
    to: 'implementing',
    who: ['committee'],
    guards: ['ownerAssigned'],
    event: 'WorkStarted',
  },
  complete: {
    from: ['implementing'],
    to: 'evaluating',
    who: ['committee'],
    guards: [],
    event: 'MatterCompleted',
    effects: ({ ctx, settings }) => ({
      completedAt: ctx.now,
      evaluationEndsAt: evaluationEndsAt(ctx.now, settings.evaluationDays),
    }),
  },
  // 民评
  closeEvaluation: {
    from: ['evaluating'],
    to: 'closed',
    who: ['system'],
    guards: ['evaluationOver'],
    event: 'MatterClosed',
  },
} as const satisfies Record<string, TransitionDef>;

export type TransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];
export type MatterEventType = (typeof TRANSITIONS)[TransitionName]['event'];

export function transitionDef(name: TransitionName): TransitionDef {
  return TRANSITIONS[name];
}

export interface MatterEvent {
  readonly type: MatterEventType;
  readonly matterId: string;
  readonly transition: TransitionName;
  readonly from: MatterState;
  readonly to: MatterState;
  readonly at: number;
  readonly actor: 'system' | 'person';
  /** The roster person who took the step; null for the system. */
  readonly personId: string | null;
  readonly reason: string | null;
  readonly mergedInto: string | null;
}

export type TransitionResult =
  | {
      readonly ok: true;
      readonly from: MatterState;
      readonly to: MatterState;
      readonly event: MatterEvent;
      /** What to write on the record: state, updatedAt and whatever this step fixes. */
      readonly patch: MatterPatch;
    }
  | { readonly ok: false; readonly code: ErrorCode };

export function mayTrigger(who: readonly Trigger[], matter: Pick<MatterFacts, 'authorId'>, actor: Actor): boolean {
  if (actor === 'system') return who.includes('system');
  if (who.includes('author') && actor.personId !== null && actor.personId === matter.authorId) return true;
  return actor.roles.some((r) => who.includes(r));
}

function isTransitionName(name: string): name is TransitionName {
  return Object.prototype.hasOwnProperty.call(TRANSITIONS, name);
}

/**
 * Take one step, or say why not. The checks run in a fixed order, so the answer is predictable:
 * a step that cannot start from this state is INVALID_TRANSITION whoever asks; then FORBIDDEN for
 * the wrong person; then the first failing guard's own code.
 */
export function transition(matter: MatterFacts, name: TransitionName, ctx: TransitionContext): TransitionResult {
  // The name is typed, but services may pass one through from elsewhere: an unknown step is not a crash.
  if (!isTransitionName(name)) return { ok: false, code: 'INVALID_TRANSITION' };
  const def = transitionDef(name);
  if (!def.from.includes(matter.state)) return { ok: false, code: 'INVALID_TRANSITION' };
  if (!mayTrigger(def.who, matter, ctx.actor)) return { ok: false, code: 'FORBIDDEN' };
  for (const id of def.guards) {
    const guard: Guard = GUARDS[id];
    if (!guard.test(matter, ctx)) return { ok: false, code: guard.code };
  }

  const settings = matterSettings(ctx.settings);
  const trimmed = ctx.reason?.trim() ?? '';
  const reason = trimmed.length > 0 ? trimmed : null;
  const from = matter.state;
  const to = def.to;
  const sideExit = stageOf(to) === null;
  const patch: MatterPatch = {
    state: to,
    updatedAt: ctx.now,
    // Side exits keep where they stopped and why, for the strip and the board.
    ...(sideExit ? { stoppedAt: stageOf(from), closingReason: reason } : {}),
    ...def.effects?.({ matter, ctx, settings, reason }),
  };
  const event: MatterEvent = {
    type: TRANSITIONS[name].event,
    matterId: matter._id,
    transition: name,
    from,
    to,
    at: ctx.now,
    actor: ctx.actor === 'system' ? 'system' : 'person',
    personId: ctx.actor === 'system' ? null : ctx.actor.personId,
    reason,
    mergedInto: patch.mergedInto ?? null,
  };
  return { ok: true, from, to, event, patch };
}

/** The same, for services: the step's result, or the AppError the handler maps for the user. */
export function transitionOrThrow(
  matter: MatterFacts,
  name: TransitionName,
  ctx: TransitionContext,
): Extract<TransitionResult, { ok: true }> {
  const result = transition(matter, name, ctx);
  if (!result.ok) throw new AppError(result.code);
  return result;
}

/**
 * The steps this actor could take now, for the buttons a page shows. Guards on what the caller will
 * type (a reason, a merge target) are left to the form; everything else is checked.
 */
export function availableTransitions(
  matter: MatterFacts,
  ctx: Omit<TransitionContext, 'reason' | 'mergeTarget'>,
): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => {
    const def = transitionDef(name);
    if (!def.from.includes(matter.state) || !mayTrigger(def.who, matter, ctx.actor)) return false;
    return def.guards.every((id) => {
      const guard: Guard = GUARDS[id];
      return guard.input || guard.test(matter, ctx);
    });
  });
}

/** The steps that may start from a state (the edges of the graph, whoever takes them). */
export function transitionsFrom(state: MatterState): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => transitionDef(name).from.includes(state));
}
