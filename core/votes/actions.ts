import { z } from 'zod';
import { action } from '../action';
import { MATTER_CATEGORIES } from '../categories';
import { Id } from '../ids';
import { BODIES } from './bodies';
import { RECEIPT_PATTERN } from './ids';
import { checkMotionDraft, MAX_WRITTEN_OPTIONS, MOTION_KINDS } from './kinds';
import { VOTE_RESULTS } from './tally';
import { hasUrgentReason, WINDOW_STATES } from './window';

/**
 * The votes module, read top to bottom: every action, who may call it, what it takes and gives,
 * and what can go wrong. Rules live in bodies, kinds, tally, window, eligibility and ids; the
 * service asks them, the handler stays thin.
 *
 * Casting is open to any member (`who: 'member'`): whether this caller may vote on this motion is
 * decided by the electorate frozen when it opened (NOT_ELIGIBLE), not by roles held today.
 */

/** Epoch milliseconds. */
const Time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Count = z.number().int().min(0).max(10_000_000);
/** yes, no, abstain, o1…o20: short, fixed by the motion's kind (kinds.ts). */
export const OptionId = z.string().regex(/^[a-z0-9]{1,16}$/, { message: '选项编号不对' });
export const Receipt = z.string().regex(RECEIPT_PATTERN, { message: '回执码格式不对' });

export const BodySchema = z.enum(BODIES);
export const MotionKindSchema = z.enum(MOTION_KINDS);
export const MatterCategorySchema = z.enum(MATTER_CATEGORIES);
export const BallotMode = z.enum(['open', 'secret']);
export const WindowStateSchema = z.enum(WINDOW_STATES);
export const VoteResultSchema = z.enum(VOTE_RESULTS);

export const MotionOptionSchema = z.strictObject({ id: OptionId, label: z.string(), abstain: z.boolean() });
export const FractionSchema = z.strictObject({ num: z.number().int(), den: z.number().int(), inclusive: z.boolean() });
export const RuleSchema = z.strictObject({ quorum: FractionSchema, majority: FractionSchema });

/** A motion as stored and shown. The rule and the electorate's size are frozen when it opens. */
export const Motion = z.strictObject({
  id: Id,
  villageId: Id,
  matterId: Id.nullable(),
  category: MatterCategorySchema,
  question: z.string(),
  kind: MotionKindSchema,
  options: z.array(MotionOptionSchema),
  minChoices: z.number().int(),
  maxChoices: z.number().int(),
  body: BodySchema,
  mode: BallotMode,
  rule: RuleSchema,
  /** The rule in one plain sentence (describeMotionRule). */
  ruleText: z.string(),
  noticeAt: Time,
  opensAt: Time,
  closesAt: Time,
  closedAt: Time.nullable(),
  urgent: z.boolean(),
  urgentReason: z.string().nullable(),
  electorateSize: Count,
  /** Head of the ballot hash chain before any ballot: the hash of the opening record. */
  anchorHead: z.string(),
  openedBy: Id,
  result: VoteResultSchema.nullable(),
});

export const MotionView = z.strictObject({
  motion: Motion,
  state: WindowStateSchema,
  me: z.strictObject({
    /** Whether the caller is on this motion's frozen roll (themself or as their household's representative). */
    eligible: z.boolean(),
    voted: z.boolean(),
  }),
  /**
   * While the vote runs: turnout only, never partial counts, and the ballot chain's current head,
   * so that a later rewrite of the stored ballots could not match what people saw.
   */
  live: z.strictObject({ turnout: Count, chainHead: z.string(), chainLength: Count }),
});

export const MotionSummary = z.strictObject({
  id: Id,
  matterId: Id.nullable(),
  question: z.string(),
  kind: MotionKindSchema,
  body: BodySchema,
  mode: BallotMode,
  opensAt: Time,
  closesAt: Time,
  state: WindowStateSchema,
  result: VoteResultSchema.nullable(),
});

export const TallySchema = z.strictObject({
  electorateSize: Count,
  turnout: Count,
  quorumMet: z.boolean(),
  quorumRule: z.string(),
  majorityRule: z.string(),
  rule: RuleSchema,
  counts: z.record(OptionId, Count),
  passedOptionIds: z.array(OptionId),
  result: VoteResultSchema,
});

/** A meeting's count, entered by the committee. The meeting's own minutes are the record; this copies it. */
export const HandCount = z.strictObject({
  forTheRecord: z.literal(true),
  heldAt: Time,
  attendance: Count,
  counts: z.record(OptionId, Count),
  note: z.string().nullable(),
  recordedBy: Id,
});

const Choices = z
  .array(OptionId)
  .min(1)
  .max(MAX_WRITTEN_OPTIONS + 1);
const ByMotion = z.strictObject({ motionId: Id });

const DRAFT_PROBLEM_TEXT = {
  optionCount: '选项的个数不对',
  blankOption: '有一个选项是空的',
  sameOptionTwice: '有两个选项一模一样',
  choiceLimits: '最少、最多能选几项填得不对',
} as const;

const OpenInput = z
  .strictObject({
    question: z.string().trim().min(2).max(200),
    kind: MotionKindSchema,
    /** The options the committee writes; none for yesNo (同意/反对/弃权 are fixed). 弃权 is always added. */
    options: z.array(z.string().trim().min(1).max(60)).max(MAX_WRITTEN_OPTIONS).optional(),
    minChoices: z.number().int().min(1).max(MAX_WRITTEN_OPTIONS).optional(),
    maxChoices: z.number().int().min(1).max(MAX_WRITTEN_OPTIONS).optional(),
    body: BodySchema,
    /** What the motion is about: decides which bodies may vote on it (BODY_NOT_ALLOWED). */
    category: MatterCategorySchema,
    opensAt: Time,
    closesAt: Time,
    mode: BallotMode,
    urgent: z.boolean().optional(),
    urgentReason: z.string().trim().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    for (const p of checkMotionDraft({
      kind: v.kind,
      optionLabels: v.options,
      minChoices: v.minChoices,
      maxChoices: v.maxChoices,
    })) {
      const path =
        p.problem === 'choiceLimits'
          ? ['minChoices']
          : p.problem === 'optionCount'
            ? ['options']
            : ['options', p.index];
      ctx.addIssue({ code: 'custom', path, message: DRAFT_PROBLEM_TEXT[p.problem] });
    }
    if (v.urgent === true && !hasUrgentReason(v.urgentReason)) {
      ctx.addIssue({ code: 'custom', path: ['urgentReason'], message: '紧急表决要写明为什么紧急' });
    }
    if (v.closesAt <= v.opensAt) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '结束时间要在开始时间之后' });
    }
  });

export const open = action({
  name: 'votes.open',
  summary:
    '村两委发起一项表决：问题、选项、由哪个会表决、什么时候投、记名还是不记名；名册在这时冻结（民事的表决从议事里的“交付表决”发起）',
  input: OpenInput,
  output: Motion,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'BODY_NOT_ALLOWED', 'NOTICE_TOO_SHORT', 'ELECTORATE_EMPTY'],
  emits: ['MotionOpened'],
});

export const get = action({
  name: 'votes.get',
  summary: '看一项表决：问题、选项、规则、时间，以及我能不能投、投了没有',
  input: ByMotion,
  output: MotionView,
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const list = action({
  name: 'votes.list',
  summary: '本村的表决，新的在前；可以只看某件民事的，或只看正在投的',
  input: z.strictObject({
    matterId: Id.optional(),
    state: WindowStateSchema.optional(),
    limit: z.number().int().min(1).max(50).optional(),
    /** Paging: motions opening before this time. */
    before: Time.optional(),
  }),
  output: z.strictObject({ items: z.array(MotionSummary) }),
  who: 'member',
  errors: [],
});

const CastResult = z.strictObject({ receipt: Receipt, castAt: Time });

export const cast = action({
  name: 'votes.cast',
  summary: '投票：每人（按户表决时每户）只能投一次，投完给一个回执码',
  input: z.strictObject({ motionId: Id, choices: Choices }),
  output: CastResult,
  who: 'member',
  errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'ALREADY_VOTED', 'VOTING_NOT_OPEN', 'VOTING_CLOSED', 'INVALID_CHOICES'],
  emits: ['BallotCast'],
});

export const castAssisted = action({
  name: 'votes.castAssisted',
  summary: '代为投票：本人到场，村两委成员替他在手机上录入；记下是谁代录的',
  input: z.strictObject({ motionId: Id, electorId: Id, choices: Choices }),
  output: CastResult,
  who: ['committee'],
  errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'ALREADY_VOTED', 'VOTING_NOT_OPEN', 'VOTING_CLOSED', 'INVALID_CHOICES'],
  emits: ['BallotCast'],
});

export const recordHandCount = action({
  name: 'votes.recordHandCount',
  summary: '录入会议现场的表决结果（到会人数和各项票数），作为记录；手机上已有人投票的不能再录',
  input: z.strictObject({
    motionId: Id,
    heldAt: Time,
    attendance: Count,
    /** Written options only; 弃权 is whoever was there and picked nothing (one-pick kinds). */
    counts: z.record(OptionId, Count),
    note: z.string().trim().max(500).optional(),
  }),
  output: z.strictObject({ tally: TallySchema, handCount: HandCount }),
  who: ['committee'],
  errors: ['NOT_FOUND', 'VOTING_NOT_OPEN', 'VOTING_CLOSED', 'BALLOTS_ALREADY_CAST', 'TALLY_INVALID'],
  emits: ['HandCountRecorded', 'MotionClosed'],
});

export const close = action({
  name: 'votes.close',
  summary: '结束表决并计票；时间没到时，只有名册上的人都投完了才能提前结束',
  input: ByMotion,
  output: TallySchema,
  who: ['committee'],
  errors: ['NOT_FOUND', 'VOTING_NOT_OPEN', 'VOTING_CLOSED', 'CLOSE_EARLY_NOT_ALLOWED'],
  emits: ['MotionClosed'],
});

export const result = action({
  name: 'votes.result',
  summary: '表决结果：参加人数、够不够数、各项票数、通过没有，以及回执码清单和票面清单',
  input: ByMotion,
  output: z.strictObject({
    motion: Motion,
    tally: TallySchema,
    source: z.enum(['ballots', 'handCount']),
    /** Every counted ballot's receipt, sorted: find yours to see it was counted. */
    receipts: z.array(Receipt),
    /** Secret ballot: every ballot's choices, in an order that cannot be matched to the receipts. */
    secretChoices: z.array(z.array(OptionId)).nullable(),
    /** Open ballot: who chose what. */
    openBallots: z
      .array(z.strictObject({ electorId: Id, name: z.string(), choices: z.array(OptionId), assisted: z.boolean() }))
      .nullable(),
    handCount: HandCount.nullable(),
    /** The ballot chain's last head, and a digest of the published choices, for anyone to re-check. */
    chainHead: z.string(),
    choicesDigest: z.string().nullable(),
    receiptsDigest: z.string().nullable(),
    /** Whether the lists shown now still hash to the digests published at the count. */
    listsMatchPublished: z.boolean(),
  }),
  who: 'member',
  errors: ['NOT_FOUND', 'RESULT_NOT_READY'],
});

export const myReceipt = action({
  name: 'votes.myReceipt',
  summary: '我的回执码：证明我的票算进去了，但看不出投了什么',
  input: ByMotion,
  output: z.strictObject({ receipt: Receipt.nullable(), castAt: Time.nullable(), assisted: z.boolean() }),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const checkReceipt = action({
  name: 'votes.checkReceipt',
  summary: '查回执码：这张票有没有被算进去（只说算没算，不说投了什么）',
  // Lenient on input: villagers type receipts by hand; normalizeReceipt cleans it up.
  input: z.strictObject({ motionId: Id, receipt: z.string().min(1).max(32) }),
  output: z.strictObject({ counted: z.boolean() }),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const votesActions = {
  open,
  get,
  list,
  cast,
  castAssisted,
  recordHandCount,
  close,
  result,
  myReceipt,
  checkReceipt,
} as const;
