import { z } from 'zod';
import { MATTER_CATEGORIES } from '../categories';
import { Id } from '../ids';
import { BODIES } from '../votes/bodies';
import { STANCE_IDS } from './comments';
import { TRANSITION_NAMES, TRANSITIONS, type MatterEventType, type TransitionName } from './lifecycle';
import { MATTER_STATE_IDS, STAGE_IDS } from './states';

/**
 * The payload pieces of the matters function: the one source of its types (DESIGN.md). Inputs are
 * strict objects, so a body can never smuggle in a village, a role or an author.
 */

/** Epoch milliseconds. */
export const Time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const Count = z.number().int().min(0).max(10_000_000);

/**
 * A file id as the uploader got it: CloudBase's `cloud://env.bucket/path` in WeChat, `f_<hex>` from
 * the local gateway. Printable ASCII without spaces; the service checks the file itself.
 */
export const FileId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x7e]+$/, { message: '照片编号格式不对' });
export const MAX_PHOTOS = 6;
export const Photos = z.array(FileId).max(MAX_PHOTOS, { message: `照片最多${MAX_PHOTOS}张` });

export const Title = z.string().trim().min(4, { message: '标题至少写4个字' }).max(60, { message: '标题最多60个字' });
export const Description = z.string().trim().max(2000, { message: '内容最多2000个字' });
/** A reason that is published with the step it explains: never blank. */
export const Reason = z.string().trim().min(1, { message: '请写上理由' }).max(500, { message: '理由最多500个字' });
export const Percent = z.number().int().min(0).max(100);
export const StarsInput = z.number().int().min(1, { message: '最少1颗星' }).max(5, { message: '最多5颗星' });

export const MatterCategory = z.enum(MATTER_CATEGORIES);
export const MatterStateEnum = z.enum(MATTER_STATE_IDS);
export const StageEnum = z.enum(STAGE_IDS);
export const StanceEnum = z.enum(STANCE_IDS);
export const TransitionEnum = z.enum(TRANSITION_NAMES as [TransitionName, ...TransitionName[]]);
export const Body = z.enum(BODIES);
export const Cursor = z.string().min(1).max(200);
export const Limit = z.number().int().min(1).max(50);

export const ByMatter = z.strictObject({ matterId: Id });

// ---- views ---------------------------------------------------------------------------------------

export const StripStepView = z.strictObject({
  stage: StageEnum,
  label: z.string(),
  short: z.string(),
  status: z.enum(['done', 'current', 'upcoming', 'stopped', 'never']),
});

/** One row of a list: enough for a card with the five-step strip. */
export const MatterSummary = z.strictObject({
  id: Id,
  title: z.string(),
  category: MatterCategory,
  categoryLabel: z.string(),
  /** One of the categories only the assembly may decide. */
  reserved: z.boolean(),
  groupId: Id.nullable(),
  state: MatterStateEnum,
  stateLabel: z.string(),
  strip: z.array(StripStepView),
  authorName: z.string(),
  raisedAt: Time,
  updatedAt: Time,
  cosignCount: Count,
  commentCount: Count,
  progressPercent: Percent.nullable(),
  /** Raised and not screened in time: the committee is late. */
  screeningOverdue: z.boolean(),
  /** The caller raised it. */
  mine: z.boolean(),
});

export const CosignView = z.strictObject({
  count: Count,
  electorate: Count,
  threshold: Count,
  missing: Count,
  reached: z.boolean(),
  /** The committee must now put it to the villagers' assembly. */
  assemblyRequested: z.boolean(),
  cosignedByMe: z.boolean(),
});

export const StanceCountsView = z.strictObject({ for: Count, against: Count, neutral: Count });

export const OwnerView = z.strictObject({ kind: z.enum(['team', 'person']), id: Id, name: z.string() });

export const ScreeningView = z.strictObject({ dueAt: Time, overdue: z.boolean(), daysLeft: Count });

export const EvaluationSummaryView = z.strictObject({
  count: Count,
  distribution: z.strictObject({ 1: Count, 2: Count, 3: Count, 4: Count, 5: Count }),
  /** 43 means 4.3. */
  averageTenths: z.number().int().min(10).max(50).nullable(),
  average: z.string().nullable(),
});

export const EvaluationView = z.strictObject({
  endsAt: Time,
  open: z.boolean(),
  summary: EvaluationSummaryView,
  myStars: StarsInput.nullable(),
});

export const MilestoneView = z.strictObject({
  id: Id,
  title: z.string(),
  dueAt: Time.nullable(),
  doneAt: Time.nullable(),
});

/** The matter page: everything the five steps show, and what the caller may do now. */
export const MatterView = MatterSummary.extend({
  description: z.string(),
  photos: z.array(FileId),
  stoppedAt: StageEnum.nullable(),
  closingReason: z.string().nullable(),
  mergedInto: Id.nullable(),
  screening: ScreeningView.nullable(),
  cosign: CosignView,
  stances: StanceCountsView,
  meetingCount: Count,
  motionId: Id.nullable(),
  decidedBy: z.enum(['vote', 'committee']).nullable(),
  owner: OwnerView.nullable(),
  /** 投工投劳 so far: the sum of the progress reports' person-days. */
  laborDays: z.number().min(0),
  milestones: z.array(MilestoneView),
  completedAt: Time.nullable(),
  evaluation: EvaluationView.nullable(),
  /** Steps of the lifecycle this caller may take now (lifecycle.ts availableTransitions). */
  can: z.array(TransitionEnum),
  canCosign: z.boolean(),
  canComment: z.boolean(),
  /** The caller may report a comment here (举报): a villager of this village on the roster. */
  canReport: z.boolean(),
  canRate: z.boolean(),
});

export const DraftView = z.strictObject({
  id: Id,
  title: z.string(),
  description: z.string(),
  category: MatterCategory.nullable(),
  groupId: Id.nullable(),
  photos: z.array(FileId),
  savedAt: Time,
});

export const CommentView = z.strictObject({
  id: Id,
  matterId: Id,
  parentId: Id.nullable(),
  depth: z.number().int().min(0).max(2),
  authorName: z.string(),
  stance: StanceEnum,
  /** Null when hidden: the place stays, with who hid it and why, so nothing vanishes silently. */
  text: z.string().nullable(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  createdAt: Time,
  mine: z.boolean(),
});

export const MeetingView = z.strictObject({
  id: Id,
  matterId: Id,
  heldAt: Time,
  place: z.string(),
  attendees: Count,
  minutes: z.string(),
  outcome: z.string(),
  photos: z.array(FileId),
  recordedByName: z.string(),
  recordedAt: Time,
});

/** 投工投劳 in person-days: whole or half days, a report at a time. */
export const LaborDays = z
  .number()
  .min(0, { message: '投工投劳不能是负数' })
  .max(10_000, { message: '投工投劳的人·天数太大了，请核对' })
  .multipleOf(0.5, { message: '投工投劳按整天或半天算' });

export const ProgressView = z.strictObject({
  id: Id,
  matterId: Id,
  text: z.string(),
  photos: z.array(FileId),
  percent: Percent,
  /** Person-days of volunteer work this report counts, if any. */
  laborDays: LaborDays.nullable(),
  happenedAt: Time,
  milestoneId: Id.nullable(),
  byName: z.string(),
  postedAt: Time,
});

/** Everything a matter's timeline can show: each lifecycle step, and the records made along the way. */
export type TimelineKind =
  | MatterEventType
  | 'MatterRaised'
  | 'AssemblyRequested'
  | 'MeetingRecorded'
  | 'OwnerAssigned'
  | 'MilestoneAdded'
  | 'ProgressPosted'
  | 'CommentHidden';

export const TIMELINE_KINDS = [
  'MatterRaised',
  ...Object.values(TRANSITIONS).map((t): MatterEventType => t.event),
  'AssemblyRequested',
  'MeetingRecorded',
  'OwnerAssigned',
  'MilestoneAdded',
  'ProgressPosted',
  'CommentHidden',
] as [TimelineKind, ...TimelineKind[]];

export const TimelineEntry = z.strictObject({
  id: Id,
  at: Time,
  kind: z.enum(TIMELINE_KINDS),
  /** Who did it; null for the system (a tally, a timer). */
  byName: z.string().nullable(),
  /** The state the matter was in after it, for steps. */
  state: MatterStateEnum.nullable(),
  /** A reason, an outcome, a progress note: whatever the step published. */
  text: z.string().nullable(),
});
