/**
 * Every collection and index, declared once. The embedded adapter creates them at gateway start;
 * `npm run deploy` creates them in CloudBase. Uniqueness that matters (one account per WeChat user,
 * one ballot per elector) is declared here or carried by deterministic ids, never checked by an
 * earlier read.
 */
export interface IndexSpec {
  readonly name: string;
  readonly fields: ReadonlyArray<readonly [field: string, direction: 1 | -1]>;
  readonly unique?: boolean;
}

export interface CollectionSpec {
  readonly indexes: readonly IndexSpec[];
}

export const COLLECTIONS = {
  meta: { indexes: [] },
  townships: { indexes: [] },
  villages: { indexes: [{ name: 'by_township', fields: [['townshipId', 1]] }] },
  households: {
    indexes: [
      {
        name: 'by_village_code',
        fields: [
          ['villageId', 1],
          ['code', 1],
        ],
        unique: true,
      },
      {
        name: 'by_village_group',
        fields: [
          ['villageId', 1],
          ['groupId', 1],
        ],
      },
    ],
  },
  persons: {
    indexes: [
      {
        name: 'by_village_household',
        fields: [
          ['villageId', 1],
          ['householdId', 1],
        ],
      },
      {
        name: 'by_village_birth',
        fields: [
          ['villageId', 1],
          ['birthYear', 1],
        ],
      },
    ],
  },
  // An account's id is derived from the WeChat openid, so one WeChat user has one account by
  // construction (a unique index on a field some documents lack would collide in MongoDB).
  accounts: { indexes: [{ name: 'by_village', fields: [['villageId', 1]] }] },
  // One account per roster person: the binding's id is the person's id.
  bindings: { indexes: [{ name: 'by_account', fields: [['accountId', 1]] }] },
  // One open request per account: its id is derived from the account.
  joinRequests: {
    indexes: [
      {
        name: 'by_village_status',
        fields: [
          ['villageId', 1],
          ['status', 1],
          ['createdAt', 1],
        ],
      },
    ],
  },
  auditLog: {
    indexes: [
      {
        name: 'by_scope_seq',
        fields: [
          ['scope', 1],
          ['seq', 1],
        ],
        unique: true,
      },
    ],
  },
  auditHeads: { indexes: [] },
  motions: {
    indexes: [
      {
        name: 'by_village_opens',
        fields: [
          ['villageId', 1],
          ['opensAt', -1],
        ],
      },
      { name: 'by_matter', fields: [['matterId', 1]] },
      {
        name: 'by_due',
        fields: [
          ['closedAt', 1],
          ['closesAt', 1],
        ],
      },
    ],
  },
  // The frozen roll: one document per (motion, elector), id derived from both.
  electors: { indexes: [{ name: 'by_motion', fields: [['motionId', 1]] }] },
  // That an elector voted (never what): id derived from (motion, elector), so a second ballot is a
  // DUPLICATE from the store itself.
  ballotPresence: {
    indexes: [
      {
        name: 'by_motion_sealed',
        fields: [
          ['motionId', 1],
          ['sealed', 1],
          ['castAt', 1],
        ],
      },
      {
        name: 'by_motion_receipt',
        fields: [
          ['motionId', 1],
          ['receipt', 1],
        ],
      },
    ],
  },
  // What a secret ballot chose, under a random id, with no voter and no time.
  ballotContents: { indexes: [{ name: 'by_motion', fields: [['motionId', 1]] }] },
  // ---- matters (民事): lists read one indexed, limited range, never a matter's whole history ----
  // activityKey is "updatedAt|id": one unique, sortable field, so a cursor is a plain range bound.
  matters: {
    indexes: [
      {
        name: 'by_village_activity',
        fields: [
          ['villageId', 1],
          ['activityKey', -1],
        ],
      },
      {
        name: 'by_village_stage',
        fields: [
          ['villageId', 1],
          ['stage', 1],
          ['activityKey', -1],
        ],
      },
      // 已结束: matters nothing more can happen to, newest activity first.
      {
        name: 'by_village_phase',
        fields: [
          ['villageId', 1],
          ['phase', 1],
          ['activityKey', -1],
        ],
      },
      {
        name: 'by_village_group',
        fields: [
          ['villageId', 1],
          ['groupId', 1],
          ['activityKey', -1],
        ],
      },
      {
        name: 'by_village_author',
        fields: [
          ['villageId', 1],
          ['authorId', 1],
          ['activityKey', -1],
        ],
      },
      // Screening overdue: raised matters past their due time, per village.
      {
        name: 'by_village_state_due',
        fields: [
          ['villageId', 1],
          ['state', 1],
          ['screeningDueAt', 1],
        ],
      },
      // The board's export of a village's matters raised in a period.
      {
        name: 'by_village_raised',
        fields: [
          ['villageId', 1],
          ['raisedAt', 1],
        ],
      },
      // The timer that closes evaluations, across villages.
      {
        name: 'by_state_evaluation',
        fields: [
          ['state', 1],
          ['evaluationEndsAt', 1],
        ],
      },
    ],
  },
  // One co-signature per person per matter: the id is derived from both.
  cosigns: {
    indexes: [
      {
        name: 'by_matter',
        fields: [
          ['matterId', 1],
          ['at', 1],
        ],
      },
    ],
  },
  comments: {
    indexes: [
      {
        name: 'by_matter_thread',
        fields: [
          ['matterId', 1],
          ['threadKey', 1],
        ],
      },
      {
        name: 'by_matter_author',
        fields: [
          ['matterId', 1],
          ['authorId', 1],
          ['createdAt', -1],
        ],
      },
    ],
  },
  // A person's current stance on a matter: the id is derived from (matter, person).
  stances: { indexes: [] },
  // One report per person per comment: the id is derived from both.
  commentReports: {
    indexes: [
      {
        name: 'by_village',
        fields: [
          ['villageId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  meetings: {
    indexes: [
      {
        name: 'by_matter',
        fields: [
          ['matterId', 1],
          ['heldAt', 1],
        ],
      },
    ],
  },
  progress: {
    indexes: [
      {
        name: 'by_matter_feed',
        fields: [
          ['matterId', 1],
          ['feedKey', -1],
        ],
      },
    ],
  },
  milestones: {
    indexes: [
      {
        name: 'by_matter',
        fields: [
          ['matterId', 1],
          ['createdAt', 1],
        ],
      },
    ],
  },
  // One rating per person per matter: the id is derived from both.
  ratings: {
    indexes: [
      {
        name: 'by_matter',
        fields: [
          ['matterId', 1],
          ['at', 1],
        ],
      },
    ],
  },
  // One draft per account: the id is derived from the account.
  drafts: { indexes: [] },
  // The timeline: entries numbered per matter; the id is (matter, number).
  matterEvents: {
    indexes: [
      {
        name: 'by_matter_seq',
        fields: [
          ['matterId', 1],
          ['seq', 1],
        ],
      },
      // Notifications not yet written out, for the timer that finishes them.
      {
        name: 'by_fanout',
        fields: [
          ['fanout', 1],
          ['at', 1],
        ],
      },
    ],
  },
  // Notifications, one per recipient per event: the id is derived from (event, person).
  outbox: {
    indexes: [
      {
        name: 'by_person',
        fields: [
          ['personId', 1],
          ['at', -1],
        ],
      },
      {
        name: 'by_unsent',
        fields: [
          ['sentAt', 1],
          ['at', 1],
        ],
      },
    ],
  },
  // ---- the board (村务公开): a page of the board is one indexed range on listKey (pinned, then
  // newest), whatever the years of history; strings, not booleans, in every indexed equality.
  notices: {
    indexes: [
      {
        name: 'by_village_shelf',
        fields: [
          ['villageId', 1],
          ['shelf', 1],
          ['listKey', -1],
        ],
      },
      {
        name: 'by_village_shelf_kind',
        fields: [
          ['villageId', 1],
          ['shelf', 1],
          ['kind', 1],
          ['listKey', -1],
        ],
      },
      {
        name: 'by_village_public',
        fields: [
          ['villageId', 1],
          ['shelf', 1],
          ['visibility', 1],
          ['listKey', -1],
        ],
      },
      {
        name: 'by_village_public_kind',
        fields: [
          ['villageId', 1],
          ['shelf', 1],
          ['visibility', 1],
          ['kind', 1],
          ['listKey', -1],
        ],
      },
      // The cadence: the latest general notice, the latest month of accounts.
      {
        name: 'by_village_kind_published',
        fields: [
          ['villageId', 1],
          ['kind', 1],
          ['state', 1],
          ['publishedAt', -1],
        ],
      },
      {
        name: 'by_village_kind_period',
        fields: [
          ['villageId', 1],
          ['kind', 1],
          ['state', 1],
          ['period', -1],
        ],
      },
    ],
  },
  // Never changed once written; the id is (notice, number).
  noticeRevisions: {
    indexes: [
      {
        name: 'by_notice_n',
        fields: [
          ['noticeId', 1],
          ['n', 1],
        ],
      },
    ],
  },
  // One per account per notice: the id is derived from both.
  noticeReads: { indexes: [{ name: 'by_notice', fields: [['noticeId', 1]] }] },
  inquiries: {
    indexes: [
      {
        name: 'by_notice_ask',
        fields: [
          ['noticeId', 1],
          ['askKey', -1],
        ],
      },
      // Unanswered and overdue, per village and across a township's villages.
      {
        name: 'by_village_state_due',
        fields: [
          ['villageId', 1],
          ['state', 1],
          ['dueAt', 1],
        ],
      },
      {
        name: 'by_state_due',
        fields: [
          ['state', 1],
          ['dueAt', 1],
        ],
      },
    ],
  },
  // A village's board settings: the id is the village's.
  boardSettings: { indexes: [] },
  // ---- visits (党员联系户 · 联户走访): ids are deterministic (task = household+period, visit =
  // visitor+client id, need = visit+n), so generation and offline replays are idempotent by the store.
  // A village's settings: the id is the village's.
  visitSettings: { indexes: [] },
  // Who looks after each household now; the id is the household's.
  visitHouseholds: {
    indexes: [
      {
        name: 'by_village_member',
        fields: [
          ['villageId', 1],
          ['memberId', 1],
        ],
      },
      { name: 'by_member', fields: [['memberId', 1]] },
    ],
  },
  // Every spell of a member looking after a household: (household, n), closed but never deleted.
  contactAssignments: {
    indexes: [
      {
        name: 'by_household',
        fields: [
          ['householdId', 1],
          ['from', -1],
        ],
      },
      {
        name: 'by_member',
        fields: [
          ['memberId', 1],
          ['from', -1],
        ],
      },
    ],
  },
  // A member's household count (the range warning); the id is the person's.
  visitMembers: { indexes: [{ name: 'by_village', fields: [['villageId', 1]] }] },
  visitTasks: {
    indexes: [
      // The member's list: their tasks of one or two reporting months.
      {
        name: 'by_member_month',
        fields: [
          ['memberId', 1],
          ['month', 1],
          ['dueAt', 1],
        ],
      },
      // A household's page.
      {
        name: 'by_household_due',
        fields: [
          ['householdId', 1],
          ['dueAt', -1],
        ],
      },
      // The timers: reminders and overdue notices, across villages.
      {
        name: 'by_stage_remind',
        fields: [
          ['stage', 1],
          ['remindAt', 1],
        ],
      },
      {
        name: 'by_stage_due',
        fields: [
          ['stage', 1],
          ['dueAt', 1],
        ],
      },
      // A grid's overdue tasks of the month.
      {
        name: 'by_grid_month',
        fields: [
          ['villageId', 1],
          ['groupId', 1],
          ['month', 1],
          ['stage', 1],
          ['dueAt', 1],
        ],
      },
    ],
  },
  visits: {
    indexes: [
      {
        name: 'by_household',
        fields: [
          ['householdId', 1],
          ['startedAt', -1],
        ],
      },
      {
        name: 'by_member',
        fields: [
          ['memberId', 1],
          ['startedAt', -1],
        ],
      },
    ],
  },
  visitNeeds: {
    indexes: [
      {
        name: 'by_village_list',
        fields: [
          ['villageId', 1],
          ['listKey', -1],
        ],
      },
      {
        name: 'by_village_status',
        fields: [
          ['villageId', 1],
          ['status', 1],
          ['listKey', -1],
        ],
      },
      {
        name: 'by_village_status_level',
        fields: [
          ['villageId', 1],
          ['status', 1],
          ['level', 1],
          ['listKey', -1],
        ],
      },
      {
        name: 'by_owner_status',
        fields: [
          ['ownerId', 1],
          ['status', 1],
          ['listKey', -1],
        ],
      },
      {
        name: 'by_household_status',
        fields: [
          ['householdId', 1],
          ['status', 1],
          ['listKey', -1],
        ],
      },
      // The timer that climbs needs past their step's deadline.
      {
        name: 'by_status_level_deadline',
        fields: [
          ['status', 1],
          ['level', 1],
          ['deadlineAt', 1],
        ],
      },
    ],
  },
  // Counters kept on write (per member or grid and reporting month, and per grid standing): what
  // every dashboard reads. No village- or township-wide document, so none is hot.
  visitStats: {
    indexes: [
      {
        name: 'by_member_month',
        fields: [
          ['kind', 1],
          ['memberId', 1],
          ['month', 1],
        ],
      },
      {
        name: 'by_grid_month',
        fields: [
          ['kind', 1],
          ['villageId', 1],
          ['groupId', 1],
          ['month', 1],
        ],
      },
      {
        name: 'by_village_month',
        fields: [
          ['kind', 1],
          ['villageId', 1],
          ['month', 1],
        ],
      },
      {
        name: 'by_township_month',
        fields: [
          ['kind', 1],
          ['townshipId', 1],
          ['month', 1],
        ],
      },
    ],
  },
  // Which villages' tasks are generated for the current month and week (the timer's progress).
  visitGenerations: { indexes: [] },
  // Mutual-aid work teams (互助工作队): a matter's owner may be one. The members function writes them;
  // a name is one team's in its village, by the store's own unique index.
  teams: {
    indexes: [
      { name: 'by_village', fields: [['villageId', 1]] },
      {
        name: 'by_village_name',
        fields: [
          ['villageId', 1],
          ['name', 1],
        ],
        unique: true,
      },
    ],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}
