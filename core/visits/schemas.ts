import { z } from 'zod';
import { FileId, Id } from '../ids';
import { NEED_CATEGORIES, NEED_LEVELS, URGENCIES } from './needs';
import { PERIOD_KINDS } from './periods';

/** The shapes the visits function takes and gives: the one source of its payload types. */

export const Time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份要写成 2026-11 这样' });
export const Cursor = z.string().min(1).max(200);
export const Limit = z.number().int().min(1).max(50);
export const PeriodKindEnum = z.enum(PERIOD_KINDS);
export const NeedCategoryEnum = z.enum(NEED_CATEGORIES);
export const UrgencyEnum = z.enum(URGENCIES);
export const NeedLevelEnum = z.enum(NEED_LEVELS);
export const TaskStatusEnum = z.enum(['done', 'due', 'overdue']);
export const NeedStateEnum = z.enum(['open', 'overdue', 'closed']);

const Text = (min: number, max: number, empty = '请写点内容') =>
  z
    .string()
    .trim()
    .min(min, { message: empty })
    .max(max, { message: `最多${max}个字` });
/**
 * Generated on the phone when the check-in is made (a UUID, say), and sent with every retry: the
 * server derives the visit's id from it, so a replay of the offline queue never makes a duplicate.
 */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '走访记录的编号格式不对' });

/**
 * Where the member was, if the villager agreed. A refusal is a value, recorded as such: it is the
 * villager's right, never an error. `unavailable`: the phone had no fix.
 */
export const Location = z.discriminatedUnion('consent', [
  z.strictObject({
    consent: z.literal('granted'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    /** Metres, as the phone reports it. */
    accuracy: z.number().min(0).max(100_000).optional(),
  }),
  z.strictObject({ consent: z.literal('refused') }),
  z.strictObject({ consent: z.literal('unavailable') }),
]);

export const MAX_PHOTOS_PER_MOMENT = 3;

/** The start or the end of a visit: when, where (if allowed) and photos taken then. */
export const Moment = z.strictObject({
  at: Time,
  location: Location.optional(),
  photos: z
    .array(FileId)
    .max(MAX_PHOTOS_PER_MOMENT, { message: `每次最多${MAX_PHOTOS_PER_MOMENT}张照片` })
    .default([]),
});

export const NeedInput = z.strictObject({
  category: NeedCategoryEnum,
  urgency: UrgencyEnum.default('normal'),
  text: Text(2, 500, '请写清楚要办什么事'),
  /** Who follows it up; the visiting member when absent. */
  ownerId: Id.optional(),
});

export const Reason = Text(2, 200, '请写上理由');
export const CloseOutText = Text(2, 500, '请写上办了什么');

// ---- views --------------------------------------------------------------------------------------

export const TallyView = z.strictObject({
  total: z.number().int(),
  done: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
});

export const TaskView = z.strictObject({
  id: z.string(),
  householdId: Id,
  householdCode: z.string(),
  tags: z.array(z.string()),
  memberId: Id.nullable(),
  periodKind: PeriodKindEnum,
  periodKey: z.string(),
  periodLabel: z.string(),
  month: Month,
  startAt: Time,
  dueAt: Time,
  status: TaskStatusEnum,
  statusLabel: z.string(),
  daysLeft: z.number().int(),
  dueSoon: z.boolean(),
  doneAt: Time.nullable(),
  visitId: Id.nullable(),
});

export const MomentView = z.strictObject({
  at: Time,
  location: Location.nullable(),
  photos: z.array(FileId),
});

export const NeedHistoryEntry = z.strictObject({
  at: Time,
  kind: z.enum(['raised', 'updated', 'escalated', 'climbed', 'closedOut', 'toMatter']),
  level: NeedLevelEnum,
  byName: z.string().nullable(),
  text: z.string().nullable(),
});

export const NeedView = z.strictObject({
  id: Id,
  visitId: Id,
  villageId: Id,
  householdId: Id,
  householdCode: z.string(),
  groupId: Id,
  category: NeedCategoryEnum,
  categoryLabel: z.string(),
  urgency: UrgencyEnum,
  text: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  raisedById: Id,
  raisedByName: z.string(),
  createdAt: Time,
  level: NeedLevelEnum,
  levelLabel: z.string(),
  deadlineAt: Time,
  state: NeedStateEnum,
  daysLeft: z.number().int(),
  closeOut: z.strictObject({ at: Time, byName: z.string(), text: z.string(), photos: z.array(FileId) }).nullable(),
  matterId: Id.nullable(),
  history: z.array(NeedHistoryEntry),
});

export const VisitView = z.strictObject({
  id: Id,
  clientId: ClientId,
  villageId: Id,
  householdId: Id,
  householdCode: z.string(),
  memberId: Id,
  memberName: z.string(),
  start: MomentView,
  end: MomentView,
  receivedAt: Time,
  met: z.array(z.strictObject({ personId: Id, name: z.string() })),
  metOthers: z.string(),
  notes: z.string(),
  periodKey: z.string(),
  taskId: z.string(),
  needs: z.array(NeedView),
});

export const VisitSummary = z.strictObject({
  id: Id,
  startedAt: Time,
  memberName: z.string(),
  notes: z.string(),
  needCount: z.number().int(),
  photoCount: z.number().int(),
});

export const HouseholdBrief = z.strictObject({
  id: Id,
  code: z.string(),
  groupId: Id,
  tags: z.array(z.string()),
});

export const SettingsView = z.strictObject({
  villageId: Id,
  minPerMember: z.number().int(),
  maxPerMember: z.number().int(),
  defaultCadence: PeriodKindEnum,
  tagCadence: z.record(z.string(), PeriodKindEnum),
  remindDays: z.strictObject({ week: z.number().int(), month: z.number().int() }),
  needDays: z.strictObject({
    normal: z.strictObject({ village: z.number().int(), township: z.number().int(), county: z.number().int() }),
    urgent: z.strictObject({ village: z.number().int(), township: z.number().int(), county: z.number().int() }),
  }),
});

export const NeedsCounts = z.strictObject({
  raised: z.number().int(),
  closed: z.number().int(),
  open: z.number().int(),
  byLevel: z.strictObject({ village: z.number().int(), township: z.number().int(), county: z.number().int() }),
  /** Closed over raised, whole percent; null before any need. */
  closeOutRate: z.number().int().nullable(),
});

export const CoverageRow = z.strictObject({
  tally: TallyView,
  /** Done over total, whole percent; null when nothing is due. */
  coverage: z.number().int().nullable(),
  households: z.number().int(),
  assigned: z.number().int(),
  gaps: z.number().int(),
  visits: z.number().int(),
  needs: NeedsCounts,
});
