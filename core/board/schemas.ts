import { z } from 'zod';
import { Id } from '../ids';
import { Count, Time } from '../matter/schemas';
import { VOTE_RESULTS } from '../votes/tally';
import { ACCOUNTS_COLUMNS } from './accounts';
import { DUTY_IDS } from './cadence';
import { EXPORT_FORMATS, EXPORT_WHAT_IDS } from './export';
import { NOTICE_KIND_IDS, NOTICE_SOURCES, NOTICE_STATE_IDS, REVISION_CHANGE_IDS, VISIBILITY_IDS } from './kinds';
import { INQUIRY_DAYS_BOUNDS } from './settings';

/**
 * The payload pieces of the board function: the one source of its types (DESIGN.md). Inputs are
 * strict objects, so a body can never smuggle in a village, an author or a time.
 */

export const NoticeKindEnum = z.enum(NOTICE_KIND_IDS);
export const VisibilityEnum = z.enum(VISIBILITY_IDS);
export const NoticeStateEnum = z.enum(NOTICE_STATE_IDS);
export const RevisionChangeEnum = z.enum(REVISION_CHANGE_IDS);
export const NoticeSourceEnum = z.enum(NOTICE_SOURCES);
export const ExportWhatEnum = z.enum(EXPORT_WHAT_IDS);
export const ExportFormatEnum = z.enum(EXPORT_FORMATS);
export const DutyEnum = z.enum(DUTY_IDS);

export const NoticeTitle = z
  .string()
  .trim()
  .min(2, { message: '标题至少写2个字' })
  .max(60, { message: '标题最多60个字' });
export const NoticeBody = z
  .string()
  .trim()
  .min(1, { message: '请写上公告的内容' })
  .max(10_000, { message: '内容最多10000个字' });
/** Published with a correction or a retraction: everyone sees why. */
export const ChangeReason = z
  .string()
  .trim()
  .min(2, { message: '请写明理由，村里人都能看到' })
  .max(500, { message: '理由最多500个字' });
export const InquiryText = z
  .string()
  .trim()
  .min(2, { message: '请把问题写清楚一点' })
  .max(500, { message: '最多500个字' });
/** "2026-10": a month. */
export const MonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份请写成 2026-10 这样' });
/** "2026-10-05": a day in Beijing time. */
export const DateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期请写成 2026-10-05 这样' });
export const InquiryDays = z.number().int().min(INQUIRY_DAYS_BOUNDS.min).max(INQUIRY_DAYS_BOUNDS.max);
export const BoardLimit = z.number().int().min(1).max(50);

// ---- structured content ----------------------------------------------------------------------------

export const AccountLineView = z.strictObject({
  row: z.number().int(),
  date: z.string(),
  item: z.string(),
  incomeFen: z.number().int(),
  expenseFen: z.number().int(),
  handler: z.string(),
  note: z.string(),
  /** The same amounts as the board prints them ("1,200.00"; empty for none). */
  income: z.string(),
  expense: z.string(),
});

export const TotalsView = z.strictObject({
  incomeFen: z.number().int(),
  expenseFen: z.number().int(),
  balanceFen: z.number().int(),
  income: z.string(),
  expense: z.string(),
  balance: z.string(),
});

export const AccountsTableView = z.strictObject({
  period: z.string(),
  periodLabel: z.string(),
  lines: z.array(AccountLineView),
  totals: TotalsView,
});

export const VoteFactsView = z.strictObject({
  type: z.literal('voteResult'),
  motionId: Id,
  matterId: Id.nullable(),
  question: z.string(),
  bodyName: z.string(),
  mode: z.enum(['open', 'secret']),
  electorateSize: Count,
  turnout: Count,
  quorumMet: z.boolean(),
  quorumRule: z.string(),
  majorityRule: z.string(),
  counts: z.array(z.strictObject({ optionId: z.string(), label: z.string(), count: Count })),
  passedOptions: z.array(z.string()),
  result: z.enum(VOTE_RESULTS),
  resultLabel: z.string(),
  source: z.enum(['ballots', 'handCount']),
  chainHead: z.string(),
  /** The result page where anyone can recount (the receipts and the published ballots). */
  recountPath: z.string(),
});

export const MatterFactsView = z.strictObject({
  type: z.literal('matter'),
  matterId: Id,
  step: z.enum(['decline', 'decideByCommittee', 'votePassed', 'complete', 'closeEvaluation']),
  title: z.string(),
  reason: z.string().nullable(),
  evaluation: z
    .strictObject({
      count: Count,
      average: z.string().nullable(),
      distribution: z.strictObject({ '1': Count, '2': Count, '3': Count, '4': Count, '5': Count }),
    })
    .nullable(),
  motionId: Id.nullable(),
});

export const FactsView = z.discriminatedUnion('type', [VoteFactsView, MatterFactsView]);

/** What a notice says: its words and, for accounts and automatic notices, the data they came from. */
export const ContentView = z.strictObject({
  title: z.string(),
  body: z.string(),
  table: AccountsTableView.nullable(),
  facts: FactsView.nullable(),
  /** A page of the app it points to (a vote's recount page), if any. */
  link: z.string().nullable(),
});

// ---- notices ------------------------------------------------------------------------------------------

export const NoticeSummary = z.strictObject({
  id: Id,
  villageId: Id,
  kind: NoticeKindEnum,
  kindLabel: z.string(),
  title: z.string(),
  /** The first words of the text, for a card. */
  excerpt: z.string(),
  state: NoticeStateEnum,
  stateLabel: z.string(),
  visibility: VisibilityEnum,
  pinned: z.boolean(),
  source: NoticeSourceEnum,
  /** The current revision's number (0 for a draft). */
  revision: Count,
  /** How many corrections it has had: the card says 已更正 when above 0. */
  corrections: Count,
  /** For accounts: the month they cover ("2026-10"). */
  period: z.string().nullable(),
  publishedAt: Time.nullable(),
  /** The latest revision's time (the draft's last save for a draft). */
  updatedAt: Time,
  readCount: Count,
  inquiryCount: Count,
  openInquiries: Count,
});

export const DiffPartView = z.strictObject({ op: z.enum(['same', 'add', 'del']), text: z.string() });
export const DiffView = z.strictObject({
  lines: z.array(
    z.strictObject({
      op: z.enum(['same', 'add', 'del']),
      text: z.string(),
      oldNo: z.number().int().nullable(),
      newNo: z.number().int().nullable(),
      parts: z.array(DiffPartView).optional(),
    }),
  ),
  added: Count,
  removed: Count,
});

export const RevisionSummary = z.strictObject({
  n: Count,
  change: RevisionChangeEnum,
  changeLabel: z.string(),
  at: Time,
  authorName: z.string(),
  reason: z.string().nullable(),
  title: z.string(),
  hash: z.string(),
});

export const NoticeView = z.strictObject({
  notice: NoticeSummary.extend({
    villageName: z.string(),
    /** Where the notice opens in the mini-program and in the H5 page. */
    weappPath: z.string(),
    h5Path: z.string(),
  }),
  content: ContentView,
  /** Oldest first. Empty for a draft. */
  revisions: z.array(RevisionSummary),
  /** What the latest correction changed, against the revision before it; null when there is none. */
  changes: z
    .strictObject({
      from: Count,
      to: Count,
      reason: z.string().nullable(),
      authorName: z.string(),
      at: Time,
      diff: DiffView,
    })
    .nullable(),
  /** False when a revision no longer matches its hash chain or the audit log: someone edited the store. */
  intact: z.boolean(),
  problems: z.array(z.string()),
  me: z.strictObject({
    /** The caller's read is counted (members of the notice's village only). */
    read: z.boolean(),
    canAsk: z.boolean(),
    canManage: z.boolean(),
  }),
});

export const ByNotice = z.strictObject({ noticeId: Id });

// ---- inquiries ----------------------------------------------------------------------------------------

export const InquiryView = z.strictObject({
  id: Id,
  noticeId: Id,
  noticeTitle: z.string(),
  villageId: Id,
  text: z.string(),
  askedAt: Time,
  dueAt: Time,
  /** The asker's full name for the committee and the township; the surname only for others. */
  askerName: z.string(),
  mine: z.boolean(),
  answer: z.strictObject({ text: z.string(), byName: z.string(), at: Time }).nullable(),
  overdue: z.boolean(),
  /** Calendar days left to answer, counting today; 0 once due or answered. */
  daysLeft: Count,
});

// ---- cadence ------------------------------------------------------------------------------------------

export const DutyView = z.strictObject({
  duty: DutyEnum,
  label: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  opensAt: Time,
  dueAt: Time,
  status: z.enum(['upcoming', 'due', 'overdue']),
  statusLabel: z.string(),
  missed: Count,
  lastPeriod: z.string().nullable(),
});

export const SettingsView = z.strictObject({ monthlyAccounts: z.boolean(), inquiryDays: InquiryDays });

// ---- accounts import ------------------------------------------------------------------------------------

export const AccountsProblemView = z.strictObject({
  row: z.number().int(),
  column: z.enum(['', ...ACCOUNTS_COLUMNS]),
  reason: z.string(),
});

export const AccountsReport = z.strictObject({
  /** Whether the board changed: a new notice, or a correction of the month's notice. */
  applied: z.boolean(),
  dryRun: z.boolean(),
  /**
   * - invalid: problems below, nothing imported;
   * - checked: a dry run that found no problem;
   * - published / corrected: the month's notice, new or as a new revision;
   * - unchanged: the same figures as already published, nothing written.
   */
  outcome: z.enum(['invalid', 'checked', 'published', 'corrected', 'unchanged']),
  encoding: z.enum(['utf-8', 'gbk']).nullable(),
  rows: Count,
  problems: z.array(AccountsProblemView),
  table: AccountsTableView.nullable(),
  noticeId: Id.nullable(),
  revision: Count.nullable(),
});
