import {
  accountsBody,
  accountsTemplate,
  accountsTitle,
  checkAccounts,
  MAX_ACCOUNT_ROWS,
  parseSheetDate,
} from '../../core/board/accounts';
import { formatFen, parseYuan, sumFen } from '../../core/board/money';
import { parseCsv } from '../../cloudfunctions/roster/decode';

/** A month's accounts: amounts to whole fen, every row checked, totals in integers. */

test.each([
  ['', 0],
  ['0', 0],
  ['12', 1200],
  ['12.5', 1250],
  ['12.05', 1205],
  ['0.01', 1],
  ['1,200.50', 120050],
  ['￥300', 30000],
  ['¥300.00', 30000],
  ['80元', 8000],
  ['１２００', 120000],
  [' 7 ', 700],
  ['0.1', 10],
  ['-', 0],
])('the amount %j is %d fen', (text, fen) => {
  expect(parseYuan(text)).toEqual({ ok: true, fen });
});

test.each([
  ['12.345', '小数点后两位'],
  ['-5', '负数'],
  ['(5)', '负数'],
  ['abc', '只写数字'],
  ['1.2.3', '只写数字'],
  ['1e5', '只写数字'],
  ['99999999999999', '只写数字'],
  ['20000000000', '太大'],
])('the amount %j is refused (%s)', (text, why) => {
  const r = parseYuan(text);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.reason).toContain(why);
});

test.each([
  [0, '0.00'],
  [1, '0.01'],
  [1205, '12.05'],
  [123456789, '1,234,567.89'],
  [-120050, '-1,200.50'],
  [100000000, '1,000,000.00'],
])('%d fen prints as %s', (fen, text) => {
  expect(formatFen(fen)).toBe(text);
});

test('sums are exact where floats are not', () => {
  // 0.1 + 0.2 in yuan, as fen.
  expect(sumFen([10, 20])).toBe(30);
  expect(0.1 + 0.2).not.toBe(0.3);
  const many = Array.from({ length: 1000 }, () => parseYuan('0.07'));
  expect(sumFen(many.map((r) => (r.ok ? r.fen : 0)))).toBe(7000);
  expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
});

test.each([
  ['2026-10-05', [2026, 10, 5]],
  ['2026/10/5', [2026, 10, 5]],
  ['2026.10.05', [2026, 10, 5]],
  ['2026年10月5日', [2026, 10, 5]],
  ['2026年10月5', [2026, 10, 5]],
  ['20261005', [2026, 10, 5]],
  ['2026/10/5 0:00', [2026, 10, 5]],
  ['2026-02-30', null],
  ['10/5/2026', null],
  ['十月五日', null],
  ['', null],
])('the sheet date %j', (text, expected) => {
  const d = parseSheetDate(text);
  expect(d ? [d.year, d.month, d.day] : null).toEqual(expected);
});

const HEADER = ['日期', '摘要', '收入', '支出', '经手人', '备注'];

test('a clean month: lines sorted by date, totals and balance in fen', () => {
  const r = checkAccounts(
    [
      HEADER,
      ['2026-10-12', '买水泥', '', '9,600.00', '李建国', ''],
      ['2026-10-05', '道路维修补助', '50000', '', '张会计', '县交通局拨付'],
      ['2026-10-20', '鱼塘承包费', '3000.1', '', '张会计', ''],
      ['', '', '', '', '', ''],
    ],
    '2026-10',
  );
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.table.lines.map((l) => [l.row, l.date, l.incomeFen, l.expenseFen])).toEqual([
    [3, '2026-10-05', 5_000_000, 0],
    [2, '2026-10-12', 0, 960_000],
    [4, '2026-10-20', 300_010, 0],
  ]);
  expect(r.table.totals).toEqual({ incomeFen: 5_300_010, expenseFen: 960_000, balanceFen: 4_340_010 });
  expect(accountsTitle(r.table)).toBe('2026年10月收支账目');
  const body = accountsBody(r.table);
  expect(body).toContain('收入合计 53,000.10 元，支出合计 9,600.00 元，收支相抵 43,400.10 元');
  expect(body.split('\n')).toContain('2026-10-12｜买水泥｜｜9,600.00｜李建国｜');
});

test('headers the committee uses for the same columns are understood', () => {
  const r = checkAccounts(
    [
      ['日期', '项目', '收入（元）', '支出（元）', '经办人'],
      ['2026-10-05', '补助', '10', '', '张'],
    ],
    '2026-10',
  );
  expect(r.ok).toBe(true);
});

test('every broken row comes back with its row, column and reason, and nothing is taken', () => {
  const r = checkAccounts(
    [
      HEADER,
      ['2026-10-05', '补助', '100', '', '张', ''],
      ['2026-11-01', '下个月的', '10', '', '', ''],
      ['昨天', '买灯泡', '', '30', '', ''],
      ['2026-10-07', '', '', '30', '', ''],
      ['2026-10-08', '既收又支', '10', '10', '', ''],
      ['2026-10-09', '什么也没写', '', '', '', ''],
      ['2026-10-10', '负数', '-10', '', '', ''],
      ['2026-10-11', '三位小数', '', '1.234', '', ''],
      ['2026-10-12', '经手人太长', '1', '', '张'.repeat(21), ''],
    ],
    '2026-10',
  );
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.problems.map((p) => [p.row, p.column])).toEqual([
    [3, '日期'],
    [4, '日期'],
    [5, '摘要'],
    [6, '支出'],
    [7, '收入'],
    [8, '收入'],
    [9, '支出'],
    [10, '经手人'],
  ]);
  expect(r.problems[0].reason).toContain('不在2026年10月里');
  expect(r.problems[3].reason).toContain('分成两行');
  expect(r.problems[4].reason).toContain('都是空的');
});

test('missing columns, an empty file and a file with no entries are each said plainly', () => {
  const missing = checkAccounts([['日期', '摘要', '金额']], '2026-10');
  expect(missing.ok ? [] : missing.problems.map((p) => p.column)).toEqual(['收入', '支出']);
  const empty = checkAccounts([], '2026-10');
  expect(empty.ok ? '' : empty.problems[0].reason).toBe('文件是空的');
  const none = checkAccounts([HEADER, ['', '', '', '', '', '']], '2026-10');
  expect(none.ok ? '' : none.problems[0].reason).toBe('文件里没有一笔账');
  const bad = checkAccounts([HEADER], '2026-13');
  expect(bad.ok).toBe(false);
});

test("the sheet's own total line is checked against the entries, not counted as one", () => {
  const rows = [HEADER, ['2026-10-05', '补助', '100', '', '', ''], ['2026-10-06', '买灯', '', '30.5', '', '']];
  const ok = checkAccounts([...rows, ['', '合计', '100.00', '30.50', '', '']], '2026-10');
  expect(ok.ok && ok.table.totals).toEqual({ incomeFen: 10000, expenseFen: 3050, balanceFen: 6950 });
  const off = checkAccounts([...rows, ['合计', '', '100.00', '31', '', '']], '2026-10');
  expect(off.ok ? [] : off.problems.map((p) => [p.row, p.column])).toEqual([[4, '支出']]);
});

test('a month is at most a thousand lines', () => {
  const many = Array.from({ length: MAX_ACCOUNT_ROWS + 1 }, (_, i) => [
    `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
    `第${i}笔`,
    '1',
    '',
    '',
    '',
  ]);
  const r = checkAccounts([HEADER, ...many], '2026-10');
  expect(r.ok ? '' : r.problems[0].reason).toContain('行数太多');
});

test('the template passes its own check', () => {
  const r = checkAccounts(parseCsv(accountsTemplate()), '2026-10');
  expect(r.ok).toBe(true);
});
