import iconv from 'iconv-lite';
import { loadChain } from '../../cloudfunctions/shared/audit';
import { accountsNoticeId } from '../../cloudfunctions/board/ids';
import { boardWorld, who, type BoardWorld, type NoticeOut } from '../helpers/board';

/**
 * A month's accounts from the committee's sheet to the board: checked whole (GBK from Excel too),
 * published with a table and totals in whole fen, corrected only by importing the month again with
 * a reason, and never partly imported.
 */
jest.setTimeout(60_000);

let w: BoardWorld;
beforeAll(async () => {
  w = await boardWorld();
});
afterAll(() => w.cleanup());

interface Report {
  applied: boolean;
  dryRun: boolean;
  outcome: string;
  encoding: string | null;
  rows: number;
  problems: Array<{ row: number; column: string; reason: string }>;
  table: {
    periodLabel: string;
    lines: Array<{ date: string; item: string; income: string; expense: string }>;
    totals: {
      incomeFen: number;
      expenseFen: number;
      balanceFen: number;
      income: string;
      expense: string;
      balance: string;
    };
  } | null;
  noticeId: string | null;
  revision: number | null;
}

const OCTOBER = [
  '日期,摘要,收入,支出,经手人,备注',
  '2026-10-05,收到上级拨付的道路维修补助,"50,000.00",,张会计,',
  '2026/10/12,购买修路水泥 20 吨,,"9,600.00",李建国,发票号 0012345',
  '2026年10月20日,村集体鱼塘承包费,3000.1,,张会计,',
  '2026-10-21,零星收入,0.1,,张会计,',
  '2026-10-22,零星收入,0.2,,张会计,',
  ',合计,"53,000.40","9,600.00",,',
].join('\r\n');

const utf8 = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
const gbk = (text: string) => iconv.encode(text, 'gbk');

const importAs = (fileId: string, extra: Record<string, unknown> = {}) =>
  w.api.ok<Report>(who.committee, 'board.importAccounts', { fileId, period: '2026-10', ...extra });

test('the template is the columns the import reads', async () => {
  const t = await w.api.ok<{ fileName: string; csv: string }>(who.committee, 'board.accountsTemplate');
  expect(t.fileName).toBe('账目模板.csv');
  expect(t.csv.split('\r\n')[0]).toBe('日期,摘要,收入,支出,经手人,备注');
  const r = await w.api.ok<Report>(who.committee, 'board.importAccounts', {
    fileId: w.upload(Buffer.from(t.csv, 'utf8')),
    period: '2026-10',
    dryRun: true,
  });
  expect(r.outcome).toBe('checked');
});

test('a GBK file from Excel with broken rows: every problem by row and column, nothing imported', async () => {
  const broken = [
    '日期,摘要,收入,支出,经手人,备注',
    '2026-10-05,道路维修补助,50000,,张会计,',
    '2026-11-02,下个月的钱,100,,张会计,',
    '2026-10-08,,,300,李建国,',
    '2026-10-09,买灯泡,12.345,,李建国,',
    '2026-10-10,又收又支,10,10,李建国,',
  ].join('\r\n');
  const r = await importAs(w.upload(gbk(broken)));
  expect(r).toMatchObject({ applied: false, outcome: 'invalid', encoding: 'gbk', table: null, noticeId: null });
  expect(r.problems.map((p) => [p.row, p.column])).toEqual([
    [3, '日期'],
    [4, '摘要'],
    [5, '收入'],
    [6, '支出'],
  ]);
  expect(r.problems[0].reason).toContain('不在2026年10月里');
  expect(await w.ctx.store.get('notices', accountsNoticeId('vil-taoyuan', '2026-10'))).toBeNull();
});

test('a dry run checks and totals without publishing; then the import publishes the month with its table', async () => {
  const fileId = w.upload(gbk(OCTOBER));
  const dry = await importAs(fileId, { dryRun: true });
  expect(dry).toMatchObject({ applied: false, dryRun: true, outcome: 'checked', encoding: 'gbk', rows: 5 });
  // 0.1 + 0.2 yuan is 30 fen exactly; every total is integer fen.
  expect(dry.table?.totals).toEqual({
    incomeFen: 5_300_040,
    expenseFen: 960_000,
    balanceFen: 4_340_040,
    income: '53,000.40',
    expense: '9,600.00',
    balance: '43,400.40',
  });
  expect(await w.ctx.store.get('notices', accountsNoticeId('vil-taoyuan', '2026-10'))).toBeNull();

  const r = await importAs(fileId);
  expect(r).toMatchObject({ applied: true, outcome: 'published', revision: 1 });
  expect(r.noticeId).toBe(accountsNoticeId('vil-taoyuan', '2026-10'));
  const n = await w.api.ok<NoticeOut>(who.villager1, 'board.get', { noticeId: r.noticeId });
  expect(n.notice).toMatchObject({ kind: 'accounts', state: 'published', period: '2026-10' });
  expect(n.content.title).toBe('2026年10月收支账目');
  expect(n.content.body).toContain('收入合计 53,000.40 元，支出合计 9,600.00 元，收支相抵 43,400.40 元');
  expect(n.content.table).toMatchObject({ period: '2026-10', totals: { balance: '43,400.40' } });
  const entry = (await loadChain(w.ctx.store, 'vil-taoyuan')).find((e) => e.target.id === r.noticeId);
  expect(entry?.action).toBe('board.publish');
  expect(entry?.after).toMatchObject({ lines: 5, revision: 1 });
  expect((entry?.after as { sha256?: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
});

test('the same month again: the same figures change nothing; new ones are a correction with a reason and a diff', async () => {
  const same = await importAs(w.upload(utf8(OCTOBER)));
  expect(same).toMatchObject({ applied: false, outcome: 'unchanged', encoding: 'utf-8', revision: 1 });

  const fixed = OCTOBER.replace('"9,600.00",李建国', '"9,800.00",李建国').replace('"9,600.00",,', '"9,800.00",,');
  const fileId = w.upload(utf8(fixed));
  expect(await w.api.code(who.committee, 'board.importAccounts', { fileId, period: '2026-10' })).toBe(
    'REASON_REQUIRED',
  );
  const r = await importAs(fileId, { reason: '水泥的发票金额录错了' });
  expect(r).toMatchObject({ applied: true, outcome: 'corrected', revision: 2 });
  const n = await w.api.ok<NoticeOut>(who.villager2, 'board.get', { noticeId: r.noticeId });
  expect(n.notice.corrections).toBe(1);
  expect(n.changes?.reason).toBe('水泥的发票金额录错了');
  const changed = n.changes?.diff.lines.filter((l) => l.op !== 'same').map((l) => `${l.op}:${l.text}`) ?? [];
  expect(changed).toEqual([
    'del:收入合计 53,000.40 元，支出合计 9,600.00 元，收支相抵 43,400.40 元。',
    'add:收入合计 53,000.40 元，支出合计 9,800.00 元，收支相抵 43,200.40 元。',
    'del:2026-10-12｜购买修路水泥 20 吨｜｜9,600.00｜李建国｜发票号 0012345',
    'add:2026-10-12｜购买修路水泥 20 吨｜｜9,800.00｜李建国｜发票号 0012345',
  ]);
  // Figures come from the sheet: they are not typed over by hand.
  expect(
    await w.api.code(who.committee, 'board.correct', { noticeId: r.noticeId, body: '支出 0 元', reason: '手改一下' }),
  ).toBe('INVALID_TRANSITION');
});

test('what is not an accounts CSV of the caller, or not a past month, is refused', async () => {
  const workbook = w.upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'demo-taoyuan-committee', 'a.xlsx');
  expect(await w.api.code(who.committee, 'board.importAccounts', { fileId: workbook, period: '2026-10' })).toBe(
    'FILE_TYPE',
  );
  const someoneElses = w.upload(utf8(OCTOBER), 'demo-taoyuan-villager1');
  expect(await w.api.code(who.committee, 'board.importAccounts', { fileId: someoneElses, period: '2026-10' })).toBe(
    'NOT_FOUND',
  );
  const big = w.upload(Buffer.alloc(1024 * 1024 + 1, 0x41));
  expect(await w.api.code(who.committee, 'board.importAccounts', { fileId: big, period: '2026-10' })).toBe(
    'FILE_TOO_LARGE',
  );
  // The clock is at 23 November 2026: December's books do not exist yet.
  expect(
    await w.api.code(who.committee, 'board.importAccounts', { fileId: w.upload(utf8(OCTOBER)), period: '2026-12' }),
  ).toBe('INVALID_INPUT');
  expect(
    await w.api.code(who.committee, 'board.importAccounts', { fileId: w.upload(utf8(OCTOBER)), period: '2026-10-01' }),
  ).toBe('INVALID_INPUT');
  expect(
    await w.api.code(who.villager1, 'board.importAccounts', { fileId: w.upload(utf8(OCTOBER)), period: '2026-10' }),
  ).toBe('FORBIDDEN');
});

test('a retracted month stays retracted: importing it again is refused', async () => {
  const fileId = w.upload(
    utf8(
      OCTOBER.replace(/2026-10-/g, '2026-09-')
        .replace(/2026\/10\//g, '2026/09/')
        .replace(/2026年10月/g, '2026年9月'),
    ),
  );
  const r = await w.api.ok<Report>(who.committee, 'board.importAccounts', { fileId, period: '2026-09' });
  expect(r.outcome).toBe('published');
  await w.api.ok(who.committee, 'board.retract', { noticeId: r.noticeId, reason: '传错了月份的表' });
  expect(await w.api.code(who.committee, 'board.importAccounts', { fileId, period: '2026-09' })).toBe(
    'INVALID_TRANSITION',
  );
});
