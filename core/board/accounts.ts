import { isRealDate, parseMonthKey, periodLabel } from './calendar';
import { formatFen, parseYuan, sumFen, type AmountParse } from './money';

/**
 * The month's accounts (账目公开) as the committee keeps them in Excel: one row per income or
 * expense. Like the roster, a file is checked whole and either every row is taken or every problem
 * comes back with its row, column and reason in plain words. Nothing here reads files or encodings.
 */
export const ACCOUNTS_COLUMNS = ['日期', '摘要', '收入', '支出', '经手人', '备注'] as const;
export type AccountsColumn = (typeof ACCOUNTS_COLUMNS)[number];
const REQUIRED: readonly AccountsColumn[] = ['日期', '摘要', '收入', '支出'];
/** Other headers committees use for the same column. */
const ALIASES: Readonly<Record<string, AccountsColumn>> = {
  项目: '摘要',
  事项: '摘要',
  内容: '摘要',
  收入金额: '收入',
  '收入（元）': '收入',
  '收入(元)': '收入',
  支出金额: '支出',
  '支出（元）': '支出',
  '支出(元)': '支出',
  经办人: '经手人',
};

/** A month of a busy village is a few hundred lines; more is a wrong file. */
export const MAX_ACCOUNT_ROWS = 1000;
export const MAX_ITEM_CHARS = 100;
export const MAX_HANDLER_CHARS = 20;
export const MAX_NOTE_CHARS = 100;

export interface AccountLine {
  /** The line in the file (header = 1), so a published table can be traced back to the sheet. */
  readonly row: number;
  /** "2026-10-05". */
  readonly date: string;
  readonly item: string;
  readonly incomeFen: number;
  readonly expenseFen: number;
  readonly handler: string;
  readonly note: string;
}

export interface AccountTotals {
  readonly incomeFen: number;
  readonly expenseFen: number;
  /** Income less expense for the month; negative when more went out than came in. */
  readonly balanceFen: number;
}

export interface AccountsTable {
  readonly period: string;
  readonly periodLabel: string;
  readonly lines: readonly AccountLine[];
  readonly totals: AccountTotals;
}

export interface AccountsProblem {
  readonly row: number;
  readonly column: AccountsColumn | '';
  readonly reason: string;
}

export type AccountsCheck =
  | { readonly ok: true; readonly table: AccountsTable }
  | { readonly ok: false; readonly problems: readonly AccountsProblem[] };

function cell(cells: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (cells[index] ?? '').replace(/\u3000/g, ' ').trim();
}

const DATE_FORMS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** A date as Excel and people write it, year first; null when it is none of those or no real day. */
export function parseSheetDate(text: string): { year: number; month: number; day: number } | null {
  // Excel may append a time to a date cell ("2026/10/5 0:00").
  const t = text.replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  for (const form of DATE_FORMS) {
    const m = form.exec(t);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(year, month, day) ? { year, month, day } : null;
  }
  return null;
}

export function totalsOf(lines: readonly Pick<AccountLine, 'incomeFen' | 'expenseFen'>[]): AccountTotals {
  const incomeFen = sumFen(lines.map((l) => l.incomeFen));
  const expenseFen = sumFen(lines.map((l) => l.expenseFen));
  return { incomeFen, expenseFen, balanceFen: incomeFen - expenseFen };
}

/**
 * Checks rows (the first is the header) for one month (`period`, "2026-10"). Every line is income
 * or expense, not both and not neither; every date is a real day of that month.
 */
export function checkAccounts(table: readonly (readonly string[])[], period: string): AccountsCheck {
  const month = parseMonthKey(period);
  if (month === null) return { ok: false, problems: [{ row: 1, column: '', reason: '月份不对' }] };
  if (table.length === 0) return { ok: false, problems: [{ row: 1, column: '', reason: '文件是空的' }] };
  const header = table[0].map((h) => h.replace(/^\uFEFF/, '').trim());
  const index = new Map<AccountsColumn, number>();
  header.forEach((h, i) => {
    const col = (ACCOUNTS_COLUMNS as readonly string[]).includes(h) ? (h as AccountsColumn) : ALIASES[h];
    if (col && !index.has(col)) index.set(col, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: missing.map((c) => ({
        row: 1,
        column: c,
        reason: `缺少“${c}”这一列（请用模板，第一行是列名）`,
      })),
    };
  }
  const body = table.slice(1);
  if (body.length > MAX_ACCOUNT_ROWS + 50) {
    return { ok: false, problems: [{ row: 1, column: '', reason: `行数太多，一个月最多 ${MAX_ACCOUNT_ROWS} 行` }] };
  }
  const year = Math.floor(month / 12);
  const monthNo = month - year * 12 + 1;
  const problems: AccountsProblem[] = [];
  const lines: AccountLine[] = [];
  const sheetTotals: Array<{ row: number; income: AmountParse; expense: AmountParse }> = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return; // Excel leaves blank lines at the end
    const get = (c: AccountsColumn) => cell(cells, index.get(c));
    const bad = (column: AccountsColumn | '', reason: string) => problems.push({ row, column, reason });
    // A "合计" line is the sheet's own sum: not an entry (it would count everything twice), but
    // checked against the entries below, since a sheet whose own total is off has a wrong line.
    if (/^(合计|总计|本月合计)$/.test(get('摘要')) || /^(合计|总计|本月合计)$/.test(get('日期'))) {
      sheetTotals.push({ row, income: parseYuan(get('收入')), expense: parseYuan(get('支出')) });
      return;
    }
    let ok = true;
    const dateText = get('日期');
    const date = parseSheetDate(dateText);
    if (!date) ok = !bad('日期', dateText ? `“${dateText}”不是日期，请写成 2026-10-05` : '日期没有填');
    else if (date.year !== year || date.month !== monthNo)
      ok = !bad('日期', `${dateText} 不在${periodLabel(month, 'month')}里`);
    const item = get('摘要');
    if (item.length === 0) ok = !bad('摘要', '摘要没有填：写明这笔钱是做什么的');
    else if (item.length > MAX_ITEM_CHARS) ok = !bad('摘要', `摘要最多 ${MAX_ITEM_CHARS} 个字`);
    const income = parseYuan(get('收入'));
    const expense = parseYuan(get('支出'));
    if (!income.ok) ok = !bad('收入', income.reason);
    if (!expense.ok) ok = !bad('支出', expense.reason);
    if (income.ok && expense.ok) {
      if (income.fen > 0 && expense.fen > 0) ok = !bad('支出', '一行只记一笔：收入和支出请分成两行');
      else if (income.fen === 0 && expense.fen === 0) ok = !bad('收入', '收入和支出都是空的');
    }
    const handler = get('经手人');
    if (handler.length > MAX_HANDLER_CHARS) ok = !bad('经手人', `经手人最多 ${MAX_HANDLER_CHARS} 个字`);
    const note = get('备注');
    if (note.length > MAX_NOTE_CHARS) ok = !bad('备注', `备注最多 ${MAX_NOTE_CHARS} 个字`);
    if (ok && date && income.ok && expense.ok) {
      const iso = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
      lines.push({ row, date: iso, item, incomeFen: income.fen, expenseFen: expense.fen, handler, note });
    }
  });
  if (lines.length + problems.length > MAX_ACCOUNT_ROWS) {
    return { ok: false, problems: [{ row: 1, column: '', reason: `行数太多，一个月最多 ${MAX_ACCOUNT_ROWS} 行` }] };
  }
  if (lines.length === 0 && problems.length === 0) problems.push({ row: 2, column: '', reason: '文件里没有一笔账' });
  if (problems.length > 0) return { ok: false, problems };
  const totals = totalsOf(lines);
  for (const st of sheetTotals) {
    for (const [column, parsed, fen] of [
      ['收入', st.income, totals.incomeFen],
      ['支出', st.expense, totals.expenseFen],
    ] as const) {
      // A blank total cell says nothing; a filled one must match the entries to the fen.
      if (parsed.ok && parsed.fen !== 0 && parsed.fen !== fen)
        problems.push({
          row: st.row,
          column,
          reason: `表格里的${column}合计是 ${formatFen(parsed.fen)}，逐笔加起来是 ${formatFen(fen)}，对不上`,
        });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  // Dates in order, then the sheet's own order: the table reads as the month went.
  const sorted = [...lines].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
  return {
    ok: true,
    table: { period, periodLabel: periodLabel(month, 'month'), lines: sorted, totals },
  };
}

/** The words of an accounts notice: totals first, then one line per entry, so a correction diffs by entry. */
export function accountsTitle(table: Pick<AccountsTable, 'periodLabel'>): string {
  return `${table.periodLabel}收支账目`;
}

export function accountsBody(table: AccountsTable): string {
  const t = table.totals;
  const head = [
    `${table.periodLabel}，共 ${table.lines.length} 笔。`,
    `收入合计 ${formatFen(t.incomeFen)} 元，支出合计 ${formatFen(t.expenseFen)} 元，收支相抵 ${formatFen(t.balanceFen)} 元。`,
    '明细（日期｜摘要｜收入｜支出｜经手人｜备注）：',
  ];
  const rows = table.lines.map((l) =>
    [
      l.date,
      l.item,
      l.incomeFen > 0 ? formatFen(l.incomeFen) : '',
      l.expenseFen > 0 ? formatFen(l.expenseFen) : '',
      l.handler,
      l.note,
    ].join('｜'),
  );
  return [...head, ...rows].join('\n');
}

/** The template the console offers: the header and example rows. */
export function accountsTemplate(): string {
  return [
    ACCOUNTS_COLUMNS.join(','),
    '2026-10-05,收到上级拨付的道路维修补助,"50,000.00",,张会计,',
    '2026-10-12,购买修路水泥 20 吨,,"9,600.00",李建国,发票号 0012345',
    '2026-10-20,村集体鱼塘承包费,"3,000",,张会计,',
  ].join('\r\n');
}
