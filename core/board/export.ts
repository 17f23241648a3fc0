/**
 * Exports for the committee and the township: a village's vote results and matters over a period,
 * as CSV or as an Excel workbook. The columns are data here; the service fills the rows and the
 * XLSX writer (exceljs, outside core) lays them out. CSV is written the way Excel on a Chinese
 * Windows opens it with Chinese intact: UTF-8 with a byte-order mark, CRLF line ends.
 */
export const EXPORT_WHAT = [
  {
    id: 'votes',
    label: '表决结果',
    columns: [
      '表决事项',
      '由谁表决',
      '投票方式',
      '开始时间',
      '结束时间',
      '计票时间',
      '应参加',
      '实际参加',
      '够不够数',
      '结果',
      '各项票数',
      '计票方式',
      '选票链条最后哈希',
      '编号',
    ],
  },
  {
    id: 'matters',
    label: '民事办理',
    columns: [
      '标题',
      '类别',
      '现在的状态',
      '提出时间',
      '提出人',
      '附议人数',
      '怎么定的',
      '办完时间',
      '评价人数',
      '平均分',
      '理由或说明',
      '编号',
    ],
  },
] as const;

export type ExportWhat = (typeof EXPORT_WHAT)[number]['id'];
export const EXPORT_WHAT_IDS = EXPORT_WHAT.map((e) => e.id) as [ExportWhat, ...ExportWhat[]];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MIME: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A file a phone can still open and a function can still return (CloudBase answers are a few MB at most). */
export const MAX_EXPORT_ROWS = 10_000;

export type Cell = string | number | null;

export function exportDef(what: ExportWhat): (typeof EXPORT_WHAT)[number] {
  const found = EXPORT_WHAT.find((e) => e.id === what);
  if (!found) throw new RangeError(`unknown export: ${String(what)}`);
  return found;
}

/**
 * A cell as text a spreadsheet will not run: Excel treats a cell starting with = + - @ (or a tab or
 * carriage return) as a formula, so such text gets a leading apostrophe (OWASP's CSV injection advice).
 * Numbers stay numbers.
 */
export function safeText(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(safeText(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const BOM = '\uFEFF';

/** RFC 4180 CSV with a BOM, header first. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** "桃源村-表决结果-2026-01-01至2026-12-31.csv": says what it is when it lands in a download folder. */
export function exportFileName(villageName: string, what: ExportWhat, from: string, to: string, format: ExportFormat) {
  const safe = villageName.replace(/[\\/:*?"<>|\s]/g, '');
  return `${safe}-${exportDef(what).label}-${from}至${to}.${format}`;
}
