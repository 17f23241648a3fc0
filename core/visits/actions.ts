import { z } from 'zod';
import { action } from '../action';
import { FileId, Id } from '../ids';
import {
  ClientId,
  CloseOutText,
  CoverageRow,
  Cursor,
  HouseholdBrief,
  Limit,
  Month,
  Moment,
  NeedCategoryEnum,
  NeedInput,
  NeedLevelEnum,
  NeedView,
  PeriodKindEnum,
  Reason,
  SettingsView,
  TallyView,
  TaskView,
  Time,
  UrgencyEnum,
  VisitSummary,
  VisitView,
} from './schemas';

/**
 * The visits function (党员联系户 · 联户走访), read top to bottom: the committee's set-up
 * (settings, assignments), the timer's work done by hand (generate), the member on foot (tasks,
 * check-in, the household's page), needs and their chain, and the four dashboards.
 *
 * `who` is the policy row; same-village scope is implied (township staff reach their villages).
 * Finer checks live in core/visits: who may close out or climb a need at its step (needs.ts), and
 * a grid leader sees their own grid. Due and overdue have one definition (status.ts).
 * Steps the system takes (generating tasks, reminders, overdue notices, needs climbing at their
 * deadline, the weekly review) are not actions: cloudfunctions/timers runs them.
 */

const HouseholdIds = z
  .array(Id)
  .min(1, { message: '请至少选一户' })
  .max(20, { message: '一次最多20户' })
  .refine((ids) => new Set(ids).size === ids.length, { message: '同一户选了两次' });

// ---- set-up: settings and assignments ---------------------------------------------------------------

export const settings = action({
  name: 'visits.settings',
  summary: '本村联户走访的规矩：每名党员联系几户、多久走访一次、诉求每一级的期限',
  input: z.strictObject({ villageId: Id.optional() }),
  output: SettingsView,
  who: ['committee', 'townshipStaff', 'gridLeader', 'partyMember'],
  errors: ['NOT_FOUND'],
});

export const setSettings = action({
  name: 'visits.setSettings',
  summary: '改本村的规矩（只改写了的项）：联系户数范围、哪些标签每周走访、提醒提前几天、诉求期限',
  input: z
    .strictObject({
      minPerMember: z.number().int().min(1).max(100).optional(),
      maxPerMember: z.number().int().min(1).max(100).optional(),
      defaultCadence: PeriodKindEnum.optional(),
      tagCadence: z
        .record(z.string().trim().min(1).max(10), PeriodKindEnum)
        .refine((r) => Object.keys(r).length <= 20, { message: '标签最多20个' })
        .optional(),
      remindDays: z
        .strictObject({
          week: z.number().int().min(0).max(6).optional(),
          month: z.number().int().min(0).max(27).optional(),
        })
        .optional(),
      needDays: z
        .strictObject({
          normal: z
            .strictObject({
              village: z.number().int().min(1).max(180).optional(),
              township: z.number().int().min(1).max(180).optional(),
              county: z.number().int().min(1).max(180).optional(),
            })
            .optional(),
          urgent: z
            .strictObject({
              village: z.number().int().min(1).max(180).optional(),
              township: z.number().int().min(1).max(180).optional(),
              county: z.number().int().min(1).max(180).optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .refine((s) => Object.keys(s).length > 0, { message: '请至少改一项' }),
  output: SettingsView,
  who: ['committee'],
  errors: [],
  emits: ['VisitSettingsChanged'],
});

export const assign = action({
  name: 'visits.assign',
  summary: '把几户分给一名党员联系（按网格分）；原来联系的人记进历史。超出本村定的户数范围只提醒，不拦着',
  input: z.strictObject({ householdIds: HouseholdIds, memberId: Id, reason: Reason.optional() }),
  output: z.strictObject({
    memberId: Id,
    memberName: z.string(),
    households: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    warning: z.string().nullable(),
  }),
  who: ['committee'],
  errors: ['NOT_FOUND', 'NOT_PARTY_MEMBER'],
  emits: ['HouseholdsAssigned'],
});

export const unassign = action({
  name: 'visits.unassign',
  summary: '不再由原来的党员联系这几户（进入“没人联系”的名单），历史留着',
  input: z.strictObject({ householdIds: HouseholdIds, reason: Reason.optional() }),
  output: z.strictObject({ changed: z.number().int(), unchanged: z.number().int() }),
  who: ['committee'],
  errors: ['NOT_FOUND'],
  emits: ['HouseholdsUnassigned'],
});

export const MemberRow = z.strictObject({
  memberId: Id,
  name: z.string(),
  households: z.array(HouseholdBrief),
  count: z.number().int(),
  warning: z.string().nullable(),
});

export const assignments = action({
  name: 'visits.assignments',
  summary: '谁联系哪几户：每名党员的联系户（超出范围的有提醒），和没人联系的户',
  input: z.strictObject({ villageId: Id.optional(), groupId: Id.optional() }),
  output: z.strictObject({
    villageId: Id,
    range: z.strictObject({ min: z.number().int(), max: z.number().int() }),
    members: z.array(MemberRow),
    gaps: z.array(HouseholdBrief),
  }),
  who: ['committee', 'townshipStaff', 'gridLeader'],
  errors: ['NOT_FOUND'],
});

export const history = action({
  name: 'visits.history',
  summary: '一户先后由谁联系（换人也留着记录）',
  input: z.strictObject({ householdId: Id }),
  output: z.array(
    z.strictObject({
      memberId: Id,
      memberName: z.string(),
      from: Time,
      to: Time.nullable(),
      byName: z.string(),
      endedByName: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  who: ['committee', 'townshipStaff', 'gridLeader'],
  errors: ['NOT_FOUND'],
});

export const generate = action({
  name: 'visits.generate',
  summary: '生成本期的走访任务（每月一次，独居、留守老人每周一次）；重复生成不会多出任务',
  input: z.strictObject({ villageId: Id.optional() }),
  output: z.strictObject({
    villageId: Id,
    periods: z.array(z.string()),
    created: z.number().int(),
    existing: z.number().int(),
  }),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
  emits: ['VisitTasksGenerated'],
});

// ---- the member on foot -------------------------------------------------------------------------------

export const myTasks = action({
  name: 'visits.myTasks',
  summary: '我联系的户这个月要走访的：逾期的在前，快到期的其次，走访过的在后',
  input: z.strictObject({ month: Month.optional() }),
  output: z.strictObject({ month: Month, tally: TallyView, items: z.array(TaskView) }),
  who: ['partyMember', 'gridLeader'],
  errors: [],
});

export const checkIn = action({
  name: 'visits.checkIn',
  summary:
    '记一次走访：时间、见到了谁、情况，可带照片和开始、结束时的位置（村民不同意就记“不同意”），当场发现的诉求一起记。带手机生成的编号，重发不会重复',
  input: z.strictObject({
    clientId: ClientId,
    householdId: Id,
    start: Moment,
    end: Moment,
    /** People of the household the member met. */
    metPersonIds: z.array(Id).max(20).default([]),
    /** Anyone else met there (a neighbour, a carer), in words. */
    metOthers: z.string().trim().max(100, { message: '最多100个字' }).default(''),
    notes: z.string().trim().max(2000, { message: '最多2000个字' }).default(''),
    needs: z.array(NeedInput).max(10, { message: '一次最多记10条诉求' }).default([]),
  }),
  output: z.strictObject({ visit: VisitView, task: TaskView, replayed: z.boolean() }),
  who: ['partyMember', 'gridLeader'],
  errors: ['NOT_FOUND', 'FILE_TOO_LARGE', 'FILE_TYPE', 'CLIENT_ID_REUSED', 'CONFLICT'],
  emits: ['VisitRecorded', 'NeedRaised'],
});

export const visit = action({
  name: 'visits.visit',
  summary: '一次走访的记录和当场记下的诉求',
  input: z.strictObject({ visitId: Id }),
  output: VisitView,
  who: ['partyMember', 'gridLeader', 'committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const household = action({
  name: 'visits.household',
  summary: '一户的页面：谁联系、该走访的（含逾期）、最近的走访、没销号的诉求',
  input: z.strictObject({ householdId: Id }),
  output: z.strictObject({
    household: z.strictObject({
      id: Id,
      code: z.string(),
      groupId: Id,
      groupName: z.string(),
      tags: z.array(z.string()),
      cadence: PeriodKindEnum,
      people: z.array(z.strictObject({ personId: Id, name: z.string() })),
    }),
    member: z.strictObject({ id: Id, name: z.string(), since: Time }).nullable(),
    due: z.array(TaskView),
    tasks: z.array(TaskView),
    visits: z.array(VisitSummary),
    needs: z.array(NeedView),
  }),
  who: ['partyMember', 'gridLeader', 'committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

// ---- needs (诉求) ------------------------------------------------------------------------------------

export const needs = action({
  name: 'visits.needs',
  summary: '诉求清单：没销号的、已销号的或全部，可按级别筛；党员只看自己负责或自己记下的',
  input: z.strictObject({
    villageId: Id.optional(),
    status: z.enum(['open', 'closed', 'all']).default('open'),
    level: NeedLevelEnum.optional(),
    mine: z.boolean().default(false),
    cursor: Cursor.optional(),
    limit: Limit.default(20),
  }),
  output: z.strictObject({ items: z.array(NeedView), nextCursor: Cursor.nullable() }),
  who: ['partyMember', 'gridLeader', 'committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const updateNeed = action({
  name: 'visits.updateNeed',
  summary: '改一条诉求：类别、轻重缓急、内容或负责人',
  input: z
    .strictObject({
      needId: Id,
      category: NeedCategoryEnum.optional(),
      urgency: UrgencyEnum.optional(),
      text: z.string().trim().min(2).max(500).optional(),
      ownerId: Id.optional(),
    })
    .refine((s) => Object.keys(s).length > 1, { message: '请至少改一项' }),
  output: NeedView,
  who: ['committee', 'partyMember', 'gridLeader', 'townshipStaff'],
  errors: ['NOT_FOUND', 'NEED_CLOSED'],
  emits: ['NeedUpdated'],
});

export const escalateNeed = action({
  name: 'visits.escalateNeed',
  summary: '往上报一级：村里报乡镇，乡镇报县里；每一级都有期限',
  input: z.strictObject({ needId: Id, reason: Reason }),
  output: NeedView,
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND', 'NEED_CLOSED', 'CHAIN_TOP'],
  emits: ['NeedEscalated'],
});

export const closeOutNeed = action({
  name: 'visits.closeOutNeed',
  summary: '销号：写上办了什么（可带照片）。村里这一级由负责人或村两委销号，上报以后由乡镇登记',
  input: z.strictObject({
    needId: Id,
    text: CloseOutText,
    photos: z.array(FileId).max(6, { message: '照片最多6张' }).default([]),
  }),
  output: NeedView,
  who: ['committee', 'partyMember', 'gridLeader', 'townshipStaff'],
  errors: ['NOT_FOUND', 'NEED_CLOSED', 'FILE_TOO_LARGE', 'FILE_TYPE'],
  emits: ['NeedClosedOut'],
});

export const needToMatter = action({
  name: 'visits.needToMatter',
  summary: '一键把诉求转成村里的一件事（民提），两边互相记着；已经转过就直接给出那件事',
  input: z.strictObject({ needId: Id }),
  output: z.strictObject({ matterId: Id, need: NeedView }),
  who: ['partyMember', 'committee'],
  errors: ['NOT_FOUND', 'NEED_CLOSED', 'CONFLICT'],
  emits: ['MatterRaised'],
});

// ---- dashboards: counters kept on write, never a scan of history --------------------------------------

export const memberBoard = action({
  name: 'visits.memberBoard',
  summary: '我的联系户这个月：走访了几户、还要走访几户、逾期几户',
  input: z.strictObject({ month: Month.optional() }),
  output: z.strictObject({
    month: Month,
    tally: TallyView,
    coverage: z.number().int().nullable(),
    households: z.number().int(),
    warning: z.string().nullable(),
  }),
  who: ['partyMember', 'gridLeader'],
  errors: [],
});

export const gridBoard = action({
  name: 'visits.gridBoard',
  summary: '网格这个月的走访覆盖、每名党员的进度，和逾期没走访的户',
  input: z.strictObject({ villageId: Id.optional(), groupId: Id.optional(), month: Month.optional() }),
  output: z.strictObject({
    month: Month,
    villageId: Id,
    groupId: Id,
    groupName: z.string(),
    grid: CoverageRow,
    members: z.array(
      z.strictObject({
        memberId: Id,
        name: z.string(),
        households: z.number().int(),
        warning: z.string().nullable(),
        tally: TallyView,
        coverage: z.number().int().nullable(),
      }),
    ),
    overdue: z.array(TaskView),
  }),
  who: ['gridLeader', 'committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const villageBoard = action({
  name: 'visits.villageBoard',
  summary: '全村这个月的走访覆盖、没人联系的户、没销号的诉求和销号率，按网格分开',
  input: z.strictObject({ villageId: Id.optional(), month: Month.optional() }),
  output: z.strictObject({
    month: Month,
    villageId: Id,
    villageName: z.string(),
    village: CoverageRow,
    grids: z.array(CoverageRow.extend({ groupId: Id, groupName: z.string() })),
  }),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const townshipBoard = action({
  name: 'visits.townshipBoard',
  summary: '全乡镇各村并排比：走访覆盖、没人联系的户、诉求和销号率',
  input: z.strictObject({ month: Month.optional() }),
  output: z.strictObject({
    month: Month,
    townshipId: Id,
    townshipName: z.string(),
    township: CoverageRow,
    villages: z.array(CoverageRow.extend({ villageId: Id, villageName: z.string() })),
  }),
  who: ['townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const visitsActions = {
  settings,
  setSettings,
  assign,
  unassign,
  assignments,
  history,
  generate,
  myTasks,
  checkIn,
  visit,
  household,
  needs,
  updateNeed,
  escalateNeed,
  closeOutNeed,
  needToMatter,
  memberBoard,
  gridBoard,
  villageBoard,
  townshipBoard,
} as const;
