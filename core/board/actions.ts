import { z } from 'zod';
import { action } from '../action';
import { ClientId, FileId, Id } from '../ids';
import { Count, Cursor, Time } from '../matter/schemas';
import { DRAFTED_KINDS } from './kinds';
import { MAX_REVISIONS } from './revisions';
import {
  AccountsReport,
  BoardLimit,
  ByNotice,
  ChangeReason,
  DateKey,
  DiffView,
  DutyView,
  ExportFormatEnum,
  ExportWhatEnum,
  InquiryDays,
  InquiryText,
  InquiryView,
  MonthKey,
  NoticeBody,
  NoticeKindEnum,
  NoticeSummary,
  NoticeTitle,
  NoticeView,
  RevisionSummary,
  ContentView,
  SettingsView,
  VisibilityEnum,
} from './schemas';

/**
 * The board function (村务公开), read top to bottom: every action, who may call it, what it takes and
 * gives, and what can go wrong. Rules live in kinds, revisions, diff, accounts, cadence and
 * settings; the service asks them and stays thin.
 *
 * Reading is `public` because the committee may make a notice public (a QR code on the wall): the
 * service then lets anyone read that notice, and holds every other notice to the village's members
 * and its township (UNAUTHENTICATED for nobody, FORBIDDEN for another village). Automatic notices
 * (a vote's count, a matter's steps) are not actions: the votes and matters services publish them.
 */

const Page = { cursor: Cursor.optional(), limit: BoardLimit.default(20) };
const RevisionNo = z.number().int().min(1).max(MAX_REVISIONS);
/** The H5 site's origin, as the console page knows it (`location.origin`), for the QR code. */
const Origin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, { message: '网址格式不对' });

// ---- reading ----------------------------------------------------------------------------------------

export const list = action({
  name: 'board.list',
  summary: '公开栏：置顶的在前，然后新的在前，分页；本村的人（和乡镇）看全部，别人只看设为“所有人都能看”的；可按类别看',
  input: z.strictObject({ villageId: Id.optional(), kind: NoticeKindEnum.optional(), ...Page }),
  output: z.strictObject({
    village: z.strictObject({ id: Id, name: z.string() }),
    items: z.array(NoticeSummary),
    nextCursor: z.string().nullable(),
    /** False when only public notices are shown (the caller is not of this village). */
    member: z.boolean(),
  }),
  who: 'public',
  errors: ['NOT_FOUND'],
});

export const get = action({
  name: 'board.get',
  summary: '看一条公告：内容、第几版、每次更正的理由和改了什么、谁什么时候改的；本村的人看了记一次已读',
  input: ByNotice,
  output: NoticeView,
  who: 'public',
  errors: ['NOT_FOUND'],
  emits: ['NoticeRead'],
});

export const revision = action({
  name: 'board.revision',
  summary: '看公告的某一版原文，以及它和另一版（默认上一版）比改了什么',
  input: z.strictObject({ noticeId: Id, n: RevisionNo, against: RevisionNo.optional() }),
  output: z.strictObject({
    noticeId: Id,
    revision: RevisionSummary.extend({ content: ContentView, prevHash: z.string() }),
    against: z.number().int().nullable(),
    diff: DiffView.nullable(),
  }),
  who: 'public',
  errors: ['NOT_FOUND'],
});

// ---- writing (the committee) ---------------------------------------------------------------------------

export const drafts = action({
  name: 'board.drafts',
  summary: '还没公开的草稿，最近改的在前',
  input: z.strictObject({ ...Page }),
  output: z.strictObject({ items: z.array(NoticeSummary), nextCursor: z.string().nullable() }),
  who: ['committee'],
  errors: [],
});

export const draft = action({
  name: 'board.draft',
  summary: '写公告草稿或改草稿（公开以前可以随便改）：类别、标题、内容、谁能看、要不要置顶',
  input: z.strictObject({
    /** Absent: a new draft. */
    noticeId: Id.optional(),
    kind: z.enum(DRAFTED_KINDS),
    title: NoticeTitle,
    body: NoticeBody,
    visibility: VisibilityEnum.default('village'),
    pinned: z.boolean().default(false),
  }),
  output: NoticeView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT'],
});

export const publish = action({
  name: 'board.publish',
  summary: '公开草稿：成为第1版，记入操作记录，以后只能更正或撤回，不能再改',
  input: ByNotice,
  output: NoticeView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT'],
  emits: ['NoticePublished'],
});

export const correct = action({
  name: 'board.correct',
  summary: '更正已公开的公告：出一个新版本，写明理由；原来的内容一直留着，大家能看到改了什么',
  input: z.strictObject({ noticeId: Id, title: NoticeTitle.optional(), body: NoticeBody, reason: ChangeReason }),
  output: NoticeView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'NOTHING_CHANGED', 'CONFLICT'],
  emits: ['NoticeCorrected'],
});

export const retract = action({
  name: 'board.retract',
  summary: '撤回公告：也是一个新版本，写明理由；内容照样能看，标明已撤回（表决结果不能撤回）',
  input: z.strictObject({ noticeId: Id, reason: ChangeReason }),
  output: NoticeView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT'],
  emits: ['NoticeRetracted'],
});

export const arrange = action({
  name: 'board.arrange',
  summary: '置顶或取消置顶，改成本村能看或所有人能看（内容不变）',
  input: z
    .strictObject({ noticeId: Id, pinned: z.boolean().optional(), visibility: VisibilityEnum.optional() })
    .refine((v) => v.pinned !== undefined || v.visibility !== undefined, {
      message: '请选要置顶还是改谁能看',
      path: ['pinned'],
    }),
  output: NoticeView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT'],
  emits: ['NoticeArranged'],
});

// ---- questions (询问) -----------------------------------------------------------------------------------

export const ask = action({
  name: 'board.ask',
  summary: '对公告提问（询问）：村两委要在规定天数内答复（默认7天），过期没答复的乡镇能看到',
  input: z.strictObject({ noticeId: Id, text: InquiryText, clientId: ClientId.optional() }),
  output: InquiryView,
  who: ['villager'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  emits: ['InquiryAsked'],
});

export const answer = action({
  name: 'board.answer',
  summary: '答复村民的询问（答复公开，记入操作记录；一条询问答复一次）',
  input: z.strictObject({ inquiryId: Id, text: InquiryText }),
  output: InquiryView,
  who: ['committee'],
  errors: ['NOT_FOUND', 'ALREADY_ANSWERED'],
  emits: ['InquiryAnswered'],
});

export const inquiries = action({
  name: 'board.inquiries',
  summary: '一条公告下的询问和答复，新的在前，分页',
  input: z.strictObject({ noticeId: Id, ...Page }),
  output: z.strictObject({ items: z.array(InquiryView), nextCursor: z.string().nullable() }),
  who: 'member',
  errors: ['NOT_FOUND'],
});

// ---- what the law expects (cadence), for the committee and the township ------------------------------------

export const duties = action({
  name: 'board.duties',
  summary: '该公开什么了：每季度的村务公开、每月的账目（设了的村），哪些超期了；还有没答复的询问',
  input: z.strictObject({ villageId: Id.optional() }),
  output: z.strictObject({
    village: z.strictObject({ id: Id, name: z.string() }),
    settings: SettingsView,
    duties: z.array(DutyView),
    inquiries: z.strictObject({ open: Count, overdue: Count, oldest: z.array(InquiryView) }),
  }),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND'],
});

export const township = action({
  name: 'board.township',
  summary: '乡镇看各村的公开情况：谁该公开没公开、谁的询问过期没答复',
  input: z.strictObject({}),
  output: z.strictObject({
    villages: z.array(
      z.strictObject({
        id: Id,
        name: z.string(),
        duties: z.array(DutyView),
        overdueDuties: Count,
        openInquiries: Count,
        overdueInquiries: Count,
        lastPublishedAt: Time.nullable(),
      }),
    ),
    /** The longest-waiting overdue questions across the township's villages. */
    overdueInquiries: z.array(InquiryView),
  }),
  who: ['townshipStaff'],
  errors: [],
});

export const configure = action({
  name: 'board.configure',
  summary: '设置：要不要每月公开账目、询问几天内答复（1到30天）；记入操作记录',
  input: z
    .strictObject({
      villageId: Id.optional(),
      monthlyAccounts: z.boolean().optional(),
      inquiryDays: InquiryDays.optional(),
    })
    .refine((v) => v.monthlyAccounts !== undefined || v.inquiryDays !== undefined, {
      message: '请选要改哪一项',
      path: ['monthlyAccounts'],
    }),
  output: SettingsView,
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND', 'CONFLICT'],
  emits: ['BoardConfigured'],
});

// ---- accounts (账目公开) -------------------------------------------------------------------------------

export const importAccounts = action({
  name: 'board.importAccounts',
  summary:
    '导入一个月的收支账目（CSV，Excel 另存的 GBK 也行）并公开：全部对才公开，有错一条都不导入并列出每个错在哪行哪列；同一个月再导入就是更正，要写理由',
  input: z.strictObject({
    fileId: FileId,
    period: MonthKey,
    dryRun: z.boolean().default(false),
    visibility: VisibilityEnum.default('village'),
    /** Required when the month is already published: the new import is then a correction. */
    reason: ChangeReason.optional(),
  }),
  output: AccountsReport,
  who: ['committee'],
  errors: [
    'NOT_FOUND',
    'FILE_TOO_LARGE',
    'FILE_TYPE',
    'REASON_REQUIRED',
    'INVALID_TRANSITION',
    'CONFLICT',
    'UNAVAILABLE',
  ],
  emits: ['NoticePublished', 'NoticeCorrected'],
});

export const accountsTemplate = action({
  name: 'board.accountsTemplate',
  summary: '账目模板（CSV 文本，第一行是列名：日期、摘要、收入、支出、经手人、备注）',
  input: z.strictObject({}),
  output: z.strictObject({ fileName: z.string(), csv: z.string() }),
  who: ['committee'],
  errors: [],
});

// ---- export and print ----------------------------------------------------------------------------------

export const exportRecords = action({
  name: 'board.export',
  summary: '导出一个村一段时间的表决结果或民事办理情况：CSV（Excel 能直接打开中文）或 Excel 表格，最多10000行',
  input: z.strictObject({
    villageId: Id.optional(),
    what: ExportWhatEnum,
    format: ExportFormatEnum,
    /** Days in Beijing time, both included. */
    from: DateKey,
    to: DateKey,
  }),
  output: z.strictObject({
    fileName: z.string(),
    mimeType: z.string(),
    /** The file itself, base64-encoded. */
    base64: z.string(),
    bytes: Count,
    rows: Count,
  }),
  who: ['committee', 'townshipStaff'],
  errors: ['NOT_FOUND', 'PAYLOAD_TOO_LARGE'],
});

export const print = action({
  name: 'board.print',
  summary: '打印用的内容（A4 张贴）：标题、正文、第几版、公开日期，以及扫码打开这条公告的二维码',
  input: z.strictObject({ noticeId: Id, origin: Origin.optional() }),
  output: z.strictObject({
    noticeId: Id,
    villageName: z.string(),
    kindLabel: z.string(),
    content: ContentView,
    revision: Count,
    corrections: Count,
    publishedAt: Time,
    publishedDate: z.string(),
    correctedAt: Time.nullable(),
    correctedDate: z.string().nullable(),
    retracted: z.boolean(),
    retractReason: z.string().nullable(),
    weappPath: z.string(),
    h5Path: z.string(),
    /** What the QR code holds: the H5 page's full address when the origin is known, else its path. */
    h5Url: z.string(),
    /** The QR code as SVG markup and as a PNG data URL; either prints crisply at 3–4 cm. */
    qrSvg: z.string(),
    qrDataUrl: z.string(),
    printedAt: Time,
  }),
  who: ['committee'],
  errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
});

export const boardActions = {
  list,
  get,
  revision,
  drafts,
  draft,
  publish,
  correct,
  retract,
  arrange,
  ask,
  answer,
  inquiries,
  duties,
  township,
  configure,
  importAccounts,
  accountsTemplate,
  exportRecords,
  print,
} as const;
