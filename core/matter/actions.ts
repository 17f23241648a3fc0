import { z } from 'zod';
import { action } from '../action';
import { ClientId, Id } from '../ids';
import {
  Body,
  ByMatter,
  CommentView,
  CosignView,
  Count,
  Cursor,
  Description,
  DraftView,
  EvaluationSummaryView,
  LaborDays,
  Limit,
  MatterCategory,
  MatterSummary,
  MatterView,
  MeetingView,
  MilestoneView,
  Percent,
  Photos,
  ProgressView,
  Reason,
  StageEnum,
  StanceEnum,
  StarsInput,
  Time,
  TimelineEntry,
  Title,
} from './schemas';

/**
 * The matters function, read top to bottom in the order of the five-citizen method: every action,
 * who may call it, what it takes and gives, what can go wrong and what it records. The rules live in
 * lifecycle, cosign, screening, comments, work and evaluation; services ask them and stay thin.
 *
 * `who` is the policy row (same-village scope is implied). Finer checks are the lifecycle's:
 * only the author may withdraw, only the owner (or the committee) may report on the work.
 * Steps the system takes (a vote's result, closing after the rating window) are not actions: the
 * votes service and a timer call lifecycle.transition with the 'system' actor.
 */

const Short = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `最多${max}个字` });
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: '请写点内容' })
    .max(max, { message: `最多${max}个字` });

// ---- 民提: raising and co-signing ----------------------------------------------------------------

export const raise = action({
  name: 'matters.raise',
  summary: '提一件村里的事：标题、说明、属于哪类事、哪个组、最多6张照片',
  input: z.strictObject({
    title: Title,
    description: Description.default(''),
    category: MatterCategory,
    groupId: Id.optional(),
    photos: Photos.default([]),
    /** The draft this was written in; it is removed once the matter is raised. */
    draftId: Id.optional(),
    clientId: ClientId.optional(),
  }),
  output: MatterView,
  who: ['villager'],
  errors: ['NOT_FOUND', 'FILE_TOO_LARGE', 'FILE_TYPE'],
  emits: ['MatterRaised'],
});

export const saveDraft = action({
  name: 'matters.saveDraft',
  summary: '先存个草稿，想好了再提；只有自己看得到',
  input: z.strictObject({
    /** Absent: a new draft. */
    draftId: Id.optional(),
    // A draft may be unfinished, so only the upper limits apply.
    title: Short(60).default(''),
    description: Description.default(''),
    category: MatterCategory.optional(),
    groupId: Id.optional(),
    photos: Photos.default([]),
  }),
  output: DraftView,
  who: ['villager'],
  errors: ['NOT_FOUND', 'CONFLICT'],
});

export const drafts = action({
  name: 'matters.drafts',
  summary: '我的草稿：存着还没提的事，只有自己看得到',
  input: z.strictObject({}),
  output: z.array(DraftView),
  who: ['villager'],
  errors: [],
});

export const list = action({
  name: 'matters.list',
  summary: '村里的事，新动静的在前；可以按五个步骤、按组、只看我提的、只看超期没受理的、只看已结束的来筛',
  input: z.strictObject({
    /** Township staff name the village in their scope; everyone else sees their own. */
    villageId: Id.optional(),
    stage: StageEnum.optional(),
    groupId: Id.optional(),
    mine: z.boolean().optional(),
    /** Only matters still waiting for screening past their deadline: what the township checks on. */
    overdue: z.boolean().optional(),
    /** Only matters that have ended (已结束: closed, rejected, declined, merged, withdrawn). */
    ended: z.boolean().optional(),
    cursor: Cursor.optional(),
    limit: Limit.default(20),
  }),
  output: z.strictObject({ items: z.array(MatterSummary), nextCursor: Cursor.nullable() }),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const groups = action({
  name: 'matters.groups',
  summary: '村里有哪些村民小组：提事时选是哪个组的事，看事时按组来筛',
  input: z.strictObject({
    /** Township staff name the village in their scope; everyone else sees their own. */
    villageId: Id.optional(),
  }),
  output: z.array(z.strictObject({ id: Id, name: z.string() })),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const get = action({
  name: 'matters.get',
  summary: '看一件事：说明、走到哪一步、附议、留言的赞成反对、谁在办、评价，以及我现在能做什么',
  input: ByMatter,
  output: MatterView,
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const cosign = action({
  name: 'matters.cosign',
  summary: '附议：我也赞成提这件事。每人一次；附议满全村选民的十分之一，就必须交村民会议',
  input: ByMatter,
  output: CosignView,
  who: ['villager'],
  errors: ['NOT_FOUND', 'COSIGN_CLOSED', 'OWN_MATTER', 'ALREADY_COSIGNED'],
  emits: ['MatterCosigned', 'AssemblyRequested'],
});

export const withdraw = action({
  name: 'matters.withdraw',
  summary: '提出人撤回自己提的事（表决之前才能撤；附议满十分之一后不能撤）',
  input: z.strictObject({ matterId: Id, reason: Short(500).optional() }),
  output: MatterView,
  who: ['villager'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'ASSEMBLY_REQUESTED', 'CONFLICT'],
  emits: ['MatterWithdrawn'],
});

export const screen = action({
  name: 'matters.screen',
  summary: '村两委受理：接下来大家商量，或者不受理（写理由），或者并到另一件同样的事里',
  input: z.discriminatedUnion('decision', [
    z.strictObject({ matterId: Id, decision: z.literal('accept'), note: Short(500).optional() }),
    z.strictObject({ matterId: Id, decision: z.literal('decline'), reason: Reason }),
    z.strictObject({ matterId: Id, decision: z.literal('merge'), reason: Reason, targetMatterId: Id }),
  ]),
  output: MatterView,
  who: ['committee'],
  errors: [
    'NOT_FOUND',
    'INVALID_TRANSITION',
    'REASON_REQUIRED',
    'RESERVED_FOR_ASSEMBLY',
    'ASSEMBLY_REQUESTED',
    'INVALID_MERGE_TARGET',
    'CONFLICT',
  ],
  emits: ['MatterAccepted', 'MatterDeclined', 'MatterMerged'],
});

// ---- 民议: talking it over -----------------------------------------------------------------------

export const comment = action({
  name: 'matters.comment',
  summary: '留言：说说赞成、反对还是别的看法；可以回复别人，最多回复两层',
  input: z.strictObject({
    matterId: Id,
    stance: StanceEnum,
    text: Text(500),
    parentId: Id.optional(),
    clientId: ClientId.optional(),
  }),
  output: CommentView,
  who: ['villager'],
  errors: ['NOT_FOUND', 'COMMENTS_CLOSED', 'REPLY_TOO_DEEP'],
  emits: ['CommentPosted'],
});

export const comments = action({
  name: 'matters.comments',
  summary: '一件事的留言，按时间先后，回复跟在下面',
  input: z.strictObject({ matterId: Id, cursor: Cursor.optional(), limit: Limit.default(50) }),
  output: z.strictObject({ items: z.array(CommentView), nextCursor: Cursor.nullable() }),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const reportComment = action({
  name: 'matters.reportComment',
  summary: '举报一条不合适的留言，交村两委看；同一条只算一次',
  input: z.strictObject({ commentId: Id, reason: Short(200).optional() }),
  output: z.strictObject({ reported: z.literal(true) }),
  who: ['villager'],
  errors: ['NOT_FOUND'],
  emits: ['CommentReported'],
});

export const hideComment = action({
  name: 'matters.hideComment',
  summary: '村两委隐藏一条留言，要写理由；留言的位置还在，大家看得到是谁、为什么隐藏的',
  input: z.strictObject({ commentId: Id, reason: Reason }),
  output: CommentView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'REASON_REQUIRED'],
  emits: ['CommentHidden'],
});

export const recordMeeting = action({
  name: 'matters.recordMeeting',
  summary: '记下议事协商会：哪天、在哪、多少人到会、会议记录、商量的结果',
  input: z.strictObject({
    matterId: Id,
    heldAt: Time,
    place: Text(100),
    attendees: Count.min(1),
    minutes: Text(5000),
    outcome: Text(500),
    photos: Photos.default([]),
    clientId: ClientId.optional(),
  }),
  output: MeetingView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'FILE_TOO_LARGE', 'FILE_TYPE'],
  emits: ['MeetingRecorded'],
});

export const meetings = action({
  name: 'matters.meetings',
  summary: '一件事开过的议事协商会和会议记录',
  input: ByMatter,
  output: z.array(MeetingView),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const returnToRaised = action({
  name: 'matters.returnToRaised',
  summary: '退回给提出人改一改再提（要写理由），重新计算受理期限',
  input: z.strictObject({ matterId: Id, reason: Reason }),
  output: MatterView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'REASON_REQUIRED', 'CONFLICT'],
  emits: ['MatterReturnedToRaised'],
});

// ---- 民决: deciding ------------------------------------------------------------------------------

export const moveToVote = action({
  name: 'matters.moveToVote',
  summary: '商量好了，交给大家表决：选由哪个会表决，定投票时间；要先开过议事协商会',
  input: z.strictObject({
    matterId: Id,
    body: Body,
    /** Defaults to the matter's title. */
    question: Short(200).optional(),
    mode: z.enum(['open', 'secret']),
    /** Absent: at once, by the server's clock (马上开始, for an urgent vote), never the phone's. */
    opensAt: Time.optional(),
    /** 10天后开始: opens the moment the ten days' notice is up, by the server's clock. Not with opensAt. */
    afterNotice: z.literal(true).optional(),
    /** When voting ends; or give `days` instead, counted from the opening. */
    closesAt: Time.optional(),
    days: z.number().int().min(1).max(30).optional(),
    urgent: z.boolean().optional(),
    urgentReason: Short(200).optional(),
    note: Short(500).optional(),
  }),
  output: z.strictObject({ matter: MatterView, motionId: Id }),
  who: ['committee'],
  errors: [
    'NOT_FOUND',
    'INVALID_TRANSITION',
    'MEETING_REQUIRED',
    'BODY_NOT_ALLOWED',
    'NOTICE_TOO_SHORT',
    'ELECTORATE_EMPTY',
    'CONFLICT',
  ],
  emits: ['MatterPutToVote', 'MotionOpened'],
});

export const decide = action({
  name: 'matters.decide',
  summary: '一般村务商量好了由村两委决定去办（要写依据、先定负责人）；法律规定要村民会议表决的事不能这样办',
  input: z.strictObject({ matterId: Id, reason: Reason }),
  output: MatterView,
  who: ['committee'],
  errors: [
    'NOT_FOUND',
    'INVALID_TRANSITION',
    'REASON_REQUIRED',
    'RESERVED_FOR_ASSEMBLY',
    'ASSEMBLY_REQUESTED',
    'MEETING_REQUIRED',
    'OWNER_REQUIRED',
    'CONFLICT',
  ],
  emits: ['MatterDecidedByCommittee'],
});

export const reopen = action({
  name: 'matters.reopen',
  summary: '参加表决的人不够、表决无效时，重新商量后再表决（要写理由）',
  input: z.strictObject({ matterId: Id, reason: Reason }),
  output: MatterView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'REASON_REQUIRED', 'CONFLICT'],
  emits: ['MatterReopened'],
});

// ---- 民办: carrying it out -----------------------------------------------------------------------

export const assignOwner = action({
  name: 'matters.assignOwner',
  summary: '定下谁来负责办：一个互助工作队，或者一个人',
  input: z.strictObject({
    matterId: Id,
    owner: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('team'), teamId: Id }),
      z.strictObject({ kind: z.literal('person'), personId: Id }),
    ]),
  }),
  output: MatterView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT'],
  emits: ['OwnerAssigned'],
});

export const teams = action({
  name: 'matters.teams',
  summary: '村里的互助工作队：定负责人时可以选一个队',
  input: z.strictObject({}),
  output: z.array(z.strictObject({ id: Id, name: z.string(), memberCount: Count })),
  who: ['committee'],
  errors: [],
});

export const startWork = action({
  name: 'matters.startWork',
  summary: '表决通过的事开工（要先定负责人）',
  input: ByMatter,
  output: MatterView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'OWNER_REQUIRED', 'CONFLICT'],
  emits: ['WorkStarted'],
});

export const addMilestone = action({
  name: 'matters.addMilestone',
  summary: '给要办的事定个节点：做什么、哪天前做完',
  input: z.strictObject({ matterId: Id, title: Text(60), dueAt: Time.optional(), clientId: ClientId.optional() }),
  output: MilestoneView,
  who: ['committee', 'villager'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  emits: ['MilestoneAdded'],
});

export const postProgress = action({
  name: 'matters.postProgress',
  summary: '负责人报进度：干了什么、拍的照片、完成了百分之几、哪天干的、投工投劳多少人·天；重发不会重复记',
  input: z.strictObject({
    matterId: Id,
    text: Text(500),
    photos: Photos.default([]),
    percent: Percent,
    happenedAt: Time,
    /** The milestone this work finished, if any. */
    milestoneId: Id.optional(),
    /** 投工投劳: person-days of volunteer work this report counts. */
    laborDays: LaborDays.optional(),
    clientId: ClientId.optional(),
  }),
  output: ProgressView,
  who: ['committee', 'villager'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'FILE_TOO_LARGE', 'FILE_TYPE'],
  emits: ['ProgressPosted'],
});

export const progress = action({
  name: 'matters.progress',
  summary: '一件事的进度记录，新的在前',
  input: z.strictObject({ matterId: Id, cursor: Cursor.optional(), limit: Limit.default(20) }),
  output: z.strictObject({ items: z.array(ProgressView), nextCursor: Cursor.nullable() }),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const complete = action({
  name: 'matters.complete',
  summary: '事情办完了，请村民来评价（评价期默认14天）',
  input: z.strictObject({ matterId: Id, summary: Text(500) }),
  output: MatterView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT'],
  emits: ['MatterCompleted'],
});

// ---- 民评: evaluating ----------------------------------------------------------------------------

export const rate = action({
  name: 'matters.rate',
  summary: '给办完的事打分：1到5颗星，可以写几句话；每人一次',
  input: z.strictObject({ matterId: Id, stars: StarsInput, comment: Short(200).optional() }),
  output: EvaluationSummaryView,
  who: ['villager'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'EVALUATION_CLOSED', 'ALREADY_RATED'],
  emits: ['MatterRated'],
});

export const timeline = action({
  name: 'matters.timeline',
  summary: '一件事从提出到办结的每一步：谁、什么时候、做了什么、为什么',
  input: z.strictObject({ matterId: Id, cursor: Cursor.optional(), limit: Limit.default(50) }),
  output: z.strictObject({ items: z.array(TimelineEntry), nextCursor: Cursor.nullable() }),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const matterActions = {
  raise,
  saveDraft,
  drafts,
  list,
  groups,
  get,
  cosign,
  withdraw,
  screen,
  comment,
  comments,
  reportComment,
  hideComment,
  recordMeeting,
  meetings,
  returnToRaised,
  moveToVote,
  decide,
  reopen,
  assignOwner,
  teams,
  startWork,
  addMilestone,
  postProgress,
  progress,
  complete,
  rate,
  timeline,
} as const;

/**
 * Which lifecycle steps each action takes. A test holds every action's `who` to the steps' own
 * table, so the policy row and the state machine cannot drift apart.
 */
export const ACTION_TRANSITIONS = {
  'matters.withdraw': ['withdraw'],
  'matters.screen': ['accept', 'decline', 'merge'],
  'matters.returnToRaised': ['returnToRaised'],
  'matters.moveToVote': ['openVote'],
  'matters.decide': ['decideByCommittee'],
  'matters.reopen': ['reopen'],
  'matters.startWork': ['startWork'],
  'matters.complete': ['complete'],
} as const;
