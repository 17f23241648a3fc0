import { accountsTemplate as templateCsv } from '../../core/board/accounts';
import {
  accountsTemplate,
  answer,
  arrange,
  ask,
  correct,
  draft,
  drafts,
  duties,
  exportRecords,
  get,
  importAccounts,
  inquiries,
  list,
  print,
  publish,
  retract,
  revision,
  township,
  configure,
} from '../../core/board/actions';
import { isListKey } from '../../core/board/revisions';
import { AppError } from '../../core/errors';
import type { VillageRecord } from '../../core/records';
import { callerOf, route, routes } from '../shared/handler';
import type { Filter } from '../shared/store/port';
import { importAccountsFile } from './accounts';
import { configureBoard, dutiesOf, townshipOverview } from './duties';
import { exportFile } from './export';
import { answerInquiry, askInquiry, listInquiries } from './inquiries';
import {
  arrangeNotice,
  correctNotice,
  countRead,
  publishDraft,
  readableNotice,
  retractNotice,
  saveDraft,
} from './notices';
import { printData } from './print';
import type { NoticeRecord } from './records';
import { loadRevisions, noticeView, reaches, revisionOut, summaryOf } from './view';

function cursorOf(cursor: string | undefined): string | undefined {
  if (cursor !== undefined && !isListKey(cursor)) throw new AppError('INVALID_INPUT', '翻页的位置不对，请从头再看');
  return cursor;
}

/** One page of a keyset list: a row past the page says there is more, and its last key is the cursor. */
function paged(rows: readonly NoticeRecord[], limit: number) {
  const items = rows.slice(0, limit);
  return {
    items: items.map(summaryOf),
    nextCursor: rows.length > limit ? (items[items.length - 1]?.listKey ?? null) : null,
  };
}

export const boardRoutes = routes(
  route(list, async (ctx) => {
    const villageId = ctx.input.villageId ?? ctx.caller?.villageId;
    if (!villageId) throw new AppError('NOT_FOUND', '请先选一个村');
    const village = await ctx.store.get<VillageRecord>('villages', villageId);
    if (!village) throw new AppError('NOT_FOUND', '没有这个村');
    // Members and the township see the whole board; everyone else its public notices only.
    const member = reaches(ctx.caller, villageId);
    const cursor = cursorOf(ctx.input.cursor);
    const filter: Filter = {
      villageId,
      shelf: 'board',
      ...(member ? {} : { visibility: 'public' }),
      ...(ctx.input.kind ? { kind: ctx.input.kind } : {}),
      ...(cursor ? { listKey: { $lt: cursor } } : {}),
    };
    const rows = await ctx.store.find<NoticeRecord>('notices', filter, {
      sort: [['listKey', 'desc']],
      limit: ctx.input.limit + 1,
    });
    return { village: { id: village._id, name: village.name }, member, ...paged(rows, ctx.input.limit) };
  }),

  route(get, async (ctx) => {
    const n = await readableNotice(ctx, ctx.input.noticeId);
    const caller = ctx.caller;
    const read = caller
      ? await countRead(ctx.store, n, caller.accountId, caller.villageId, ctx.clock.now())
      : { read: false, counted: false };
    return noticeView(ctx.store, caller, { ...n, readCount: n.readCount + (read.counted ? 1 : 0) }, read.read);
  }),

  route(revision, async (ctx) => {
    const n = await readableNotice(ctx, ctx.input.noticeId);
    const revisions = await loadRevisions(ctx.store, n._id);
    const r = revisions.find((x) => x.n === ctx.input.n);
    if (!r) throw new AppError('NOT_FOUND', '没有这一版');
    const againstNo = ctx.input.against ?? r.n - 1;
    const against = revisions.find((x) => x.n === againstNo) ?? null;
    if (ctx.input.against !== undefined && !against) throw new AppError('NOT_FOUND', '没有要比较的那一版');
    return revisionOut(n._id, r, against);
  }),

  route(drafts, async (ctx) => {
    const caller = callerOf(ctx);
    const villageId = caller.villageId;
    if (!villageId) throw new AppError('NOT_JOINED');
    const cursor = cursorOf(ctx.input.cursor);
    const rows = await ctx.store.find<NoticeRecord>(
      'notices',
      { villageId, shelf: 'draft', ...(cursor ? { listKey: { $lt: cursor } } : {}) },
      { sort: [['listKey', 'desc']], limit: ctx.input.limit + 1 },
    );
    return paged(rows, ctx.input.limit);
  }),

  route(draft, saveDraft),
  route(publish, publishDraft),
  route(correct, correctNotice),
  route(retract, retractNotice),
  route(arrange, arrangeNotice),

  route(ask, askInquiry),
  route(answer, answerInquiry),
  route(inquiries, listInquiries),

  route(duties, dutiesOf),
  route(township, townshipOverview),
  route(configure, configureBoard),

  route(importAccounts, importAccountsFile),
  route(accountsTemplate, async () => ({ fileName: '账目模板.csv', csv: templateCsv() })),

  route(exportRecords, exportFile),
  route(print, printData),
);
