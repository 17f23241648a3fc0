import { z } from 'zod';
import { action } from '../action';
import { FileId, Id } from '../ids';
import { ROSTER_COLUMNS } from '../roster/import';
import { ROLES, VILLAGE_ROLES } from '../roles';

/**
 * Membership: joining a village as a person on its roster, the roster itself, roles, and the
 * committee's audit log. Who may do what is in each action's `who`; the village is always the
 * caller's own (or, for township staff, one in their scope), never one named by the body alone.
 */

const Name = z.string().trim().min(1).max(20);
const Reason = z.string().trim().min(2, { message: '请写明理由' }).max(200);
const Page = z.number().int().min(0).max(10_000).default(0);
const VillageRole = z.enum(VILLAGE_ROLES);
const Role = z.enum(ROLES as unknown as [string, ...string[]]);

export const JoinStatus = z.enum(['pending', 'approved', 'rejected']);

export const JoinRequestView = z.strictObject({
  id: Id,
  villageId: Id,
  villageName: z.string(),
  name: z.string(),
  householdCode: z.string(),
  status: JoinStatus,
  reason: z.string().nullable(),
  rebind: z.boolean(),
  createdAt: z.number(),
  decidedAt: z.number().nullable(),
});

// ---- account: joining --------------------------------------------------------------------------

export const listVillages = action({
  name: 'account.listVillages',
  summary: '可以申请加入的村（选村用）',
  input: z.strictObject({}),
  output: z.array(z.strictObject({ id: Id, name: z.string(), townshipName: z.string() })),
  who: 'public',
  errors: [],
});

export const requestJoin = action({
  name: 'account.requestJoin',
  summary: '申请加入村子：姓名加村里发的户号，对上花名册里的人，等村两委审核',
  input: z.strictObject({ villageId: Id, name: Name, householdCode: z.string().trim().min(1).max(20) }),
  output: JoinRequestView,
  who: 'signedIn',
  errors: ['NOT_FOUND', 'NO_MATCH', 'ALREADY_JOINED'],
  emits: ['JoinRequested'],
});

export const myJoinRequest = action({
  name: 'account.myJoinRequest',
  summary: '我的加入申请现在怎么样了',
  input: z.strictObject({}),
  output: JoinRequestView.nullable(),
  who: 'signedIn',
  errors: [],
});

// ---- roster ------------------------------------------------------------------------------------

export const RowProblemView = z.strictObject({
  row: z.number().int(),
  column: z.enum(['', ...ROSTER_COLUMNS]),
  reason: z.string(),
});

export const ImportReport = z.strictObject({
  applied: z.boolean(),
  dryRun: z.boolean(),
  encoding: z.enum(['utf-8', 'gbk']).nullable(),
  rows: z.number().int(),
  problems: z.array(RowProblemView),
  householdsAdded: z.number().int(),
  householdsChanged: z.number().int(),
  personsAdded: z.number().int(),
  personsChanged: z.number().int(),
  groupsAdded: z.array(z.string()),
});

export const importRoster = action({
  name: 'roster.import',
  summary: '导入花名册（CSV，Excel 另存的 GBK 也行）：全部对才导入，有错一条都不导入，并列出每个错在哪行哪列',
  input: z.strictObject({ fileId: FileId, dryRun: z.boolean().default(false) }),
  output: ImportReport,
  who: ['committee'],
  errors: ['NOT_FOUND', 'FILE_TOO_LARGE', 'FILE_TYPE'],
  emits: ['RosterImported'],
});

export const rosterTemplate = action({
  name: 'roster.template',
  summary: '花名册模板（CSV 文本，第一行是列名）',
  input: z.strictObject({}),
  output: z.strictObject({ fileName: z.string(), csv: z.string() }),
  who: ['committee'],
  errors: [],
});

export const PersonView = z.strictObject({
  id: Id,
  name: z.string(),
  gender: z.enum(['m', 'f']),
  birthYear: z.number().int(),
  isHouseholdRep: z.boolean(),
  householdId: Id,
  householdCode: z.string(),
  groupName: z.string(),
  accountId: Id.nullable(),
});

export const searchRoster = action({
  name: 'roster.search',
  summary: '查花名册：按姓名或户号找人，可按组筛选，分页',
  input: z.strictObject({
    villageId: Id.optional(),
    q: z.string().trim().max(20).default(''),
    groupId: Id.optional(),
    page: Page,
  }),
  output: z.strictObject({
    items: z.array(PersonView),
    /** The village's groups, for the filter. */
    groups: z.array(z.strictObject({ id: Id, name: z.string() })),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const myHousehold = action({
  name: 'roster.myHousehold',
  summary: '我家：户号、组、家里的人',
  input: z.strictObject({}),
  output: z.strictObject({
    code: z.string(),
    groupName: z.string(),
    tags: z.array(z.string()),
    members: z.array(z.strictObject({ name: z.string(), birthYear: z.number().int(), isHouseholdRep: z.boolean() })),
  }),
  who: 'member',
  errors: ['NOT_FOUND'],
});

export const electorate = action({
  name: 'roster.electorate',
  summary: '按某一天算出的选民：18 岁以上村民、户数、户代表、村民代表（从花名册推出来，不手填）',
  input: z.strictObject({ villageId: Id.optional(), asOf: z.number().int().positive().optional() }),
  output: z.strictObject({
    asOf: z.number(),
    adults: z.number().int(),
    households: z.number().int(),
    householdReps: z.number().int(),
    delegates: z.number().int(),
  }),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

// ---- members: approvals and roles ---------------------------------------------------------------

export const pendingJoins = action({
  name: 'members.pendingJoins',
  summary: '待审核的加入申请（附上花名册里对上的人）',
  input: z.strictObject({}),
  output: z.array(
    JoinRequestView.extend({
      person: z.strictObject({ name: z.string(), birthYear: z.number().int(), groupName: z.string() }),
      currentAccountId: Id.nullable(),
    }),
  ),
  who: ['committee'],
  errors: [],
});

export const decideJoin = action({
  name: 'members.decideJoin',
  summary: '同意或不同意一条加入申请（不同意要写理由）；换绑会把原来的微信解绑',
  input: z.discriminatedUnion('approve', [
    z.strictObject({ requestId: Id, approve: z.literal(true) }),
    z.strictObject({ requestId: Id, approve: z.literal(false), reason: Reason }),
  ]),
  output: JoinRequestView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'ALREADY_DECIDED', 'ALREADY_BOUND', 'CONFLICT'],
  emits: ['JoinApproved', 'JoinRejected'],
});

export const MemberView = z.strictObject({
  accountId: Id,
  name: z.string(),
  personId: Id.nullable(),
  householdCode: z.string().nullable(),
  roles: z.array(Role),
});

export const listMembers = action({
  name: 'members.list',
  summary: '村里已加入的人和他们的角色',
  input: z.strictObject({ villageId: Id.optional(), role: Role.optional(), page: Page }),
  output: z.strictObject({
    items: z.array(MemberView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const grantRole = action({
  name: 'members.grantRole',
  summary: '给人加角色（村两委的角色只有乡镇能给）',
  input: z.strictObject({ accountId: Id, role: VillageRole, reason: Reason.optional() }),
  output: MemberView,
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  emits: ['RoleGranted'],
});

export const revokeRole = action({
  name: 'members.revokeRole',
  summary: '去掉一个角色（村两委的角色只有乡镇能去掉），要写理由',
  input: z.strictObject({ accountId: Id, role: VillageRole, reason: Reason }),
  output: MemberView,
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  emits: ['RoleRevoked'],
});

export const AuditEntryView = z.strictObject({
  seq: z.number().int(),
  at: z.number(),
  actorName: z.string(),
  action: z.string(),
  target: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  hash: z.string(),
});

export const auditLog = action({
  name: 'members.auditLog',
  summary: '操作记录（哈希链）：谁、什么时候、做了什么、改之前和改之后；并核对链条是否完整',
  input: z.strictObject({ villageId: Id.optional(), page: Page }),
  output: z.strictObject({
    items: z.array(AuditEntryView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    intact: z.boolean(),
    problems: z.array(z.string()),
  }),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const accountJoinActions = { listVillages, requestJoin, myJoinRequest } as const;
export const rosterActions = { importRoster, rosterTemplate, searchRoster, myHousehold, electorate } as const;
// ---- members: mutual-aid work teams (互助工作队) -----------------------------------------------------

/** A team's largest size, and a village's most teams: a team is a handful of neighbours, not a roll. */
export const TEAM_MAX_MEMBERS = 50;
export const VILLAGE_MAX_TEAMS = 50;

export const TeamView = z.strictObject({
  id: Id,
  name: z.string(),
  members: z.array(z.strictObject({ personId: Id, name: z.string(), householdCode: z.string().nullable() })),
  updatedAt: z.number(),
});

export const listTeams = action({
  name: 'members.teams',
  summary: '村里的互助工作队和队员（议事要办的事可以交给一个队负责）',
  input: z.strictObject({ villageId: Id.optional() }),
  output: z.array(TeamView),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const saveTeam = action({
  name: 'members.saveTeam',
  summary: '登记互助工作队，或者改队名、换队员；队员要在本村花名册上，记入操作记录',
  input: z.strictObject({
    /** Absent: a new team. */
    teamId: Id.optional(),
    name: z.string().trim().min(2, { message: '队名至少两个字' }).max(20, { message: '队名最多20个字' }),
    memberIds: z
      .array(Id)
      .min(1, { message: '至少要有一名队员' })
      .max(TEAM_MAX_MEMBERS, { message: `一个队最多${TEAM_MAX_MEMBERS}人` }),
    reason: Reason.optional(),
  }),
  output: TeamView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'TEAM_NAME_TAKEN', 'TOO_MANY_TEAMS', 'CONFLICT'],
  emits: ['TeamSaved'],
});

export const membersActions = {
  pendingJoins,
  decideJoin,
  listMembers,
  grantRole,
  revokeRole,
  auditLog,
  listTeams,
  saveTeam,
} as const;
