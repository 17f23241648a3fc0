import { Workbook } from 'exceljs';
import type { OutputOf } from '../../core/action';
import type { exportRecords } from '../../core/board/actions';
import { RESULT_LABELS } from '../../core/board/auto';
import { formatDateTime, parseDateKey } from '../../core/board/calendar';
import {
  EXPORT_MIME,
  exportDef,
  exportFileName,
  MAX_EXPORT_ROWS,
  safeText,
  toCsv,
  type Cell,
  type ExportFormat,
  type ExportWhat,
} from '../../core/board/export';
import { CATEGORIES } from '../../core/categories';
import { AppError } from '../../core/errors';
import { evaluationSummary, STARS } from '../../core/matter/evaluation';
import { stateInfo } from '../../core/matter/states';
import { DAY_MS } from '../../core/matter/time';
import { BODY_DEFS } from '../../core/votes/bodies';
import type { StoredMatter } from '../matters/records';
import { targetVillage } from '../shared/scope';
import type { ActionContext } from '../shared/handler';
import type { Doc, Filter, Store } from '../shared/store/port';
import type { MotionRecord } from '../votes/records';

/**
 * A village's vote results or matters over a period, as a file: CSV with a BOM (Excel opens it with
 * Chinese intact) or an XLSX workbook written by exceljs. Read a page at a time up to one row past
 * the bound, so a period too long for one file is refused before anything big is built.
 */
type Out = OutputOf<typeof exportRecords>;
const PAGE = 1000;

async function boundedFind<T extends Doc>(
  store: Store,
  collection: string,
  filter: Filter,
  sortField: string,
): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const page = await store.find<T>(collection, filter, {
      sort: [[sortField, 'asc']],
      limit: PAGE,
      skip: out.length,
    });
    out.push(...page);
    if (out.length > MAX_EXPORT_ROWS) {
      throw new AppError('PAYLOAD_TOO_LARGE', `超过 ${MAX_EXPORT_ROWS} 行了，请把时间段分成几段导出`);
    }
    if (page.length < PAGE) return out;
  }
}

function voteRow(m: MotionRecord): Cell[] {
  const t = m.tally;
  return [
    m.question,
    BODY_DEFS[m.body].name,
    m.mode === 'secret' ? '不记名' : '记名',
    formatDateTime(m.opensAt),
    formatDateTime(m.closesAt),
    m.closedAt === null ? '还没结束' : formatDateTime(m.closedAt),
    m.electorateSize,
    t ? t.turnout : null,
    t ? (t.quorumMet ? '够数' : '不够数') : '',
    m.result ? RESULT_LABELS[m.result] : '进行中',
    t ? m.options.map((o) => `${o.label} ${t.counts[o.id] ?? 0}`).join('；') : '',
    m.source === 'handCount' ? '会议现场计票' : m.source === 'ballots' ? '手机投票' : '',
    m.sealedHead,
    m._id,
  ];
}

function matterRow(m: StoredMatter): Cell[] {
  const counts = { 1: m.rated1, 2: m.rated2, 3: m.rated3, 4: m.rated4, 5: m.rated5 };
  const e = evaluationSummary(STARS.flatMap((s) => Array.from({ length: counts[s] ?? 0 }, () => s)));
  return [
    m.title,
    CATEGORIES[m.category].label,
    stateInfo(m.state).label,
    formatDateTime(m.raisedAt),
    m.authorName,
    m.cosignCount,
    m.decidedBy === 'vote' ? '村民表决' : m.decidedBy === 'committee' ? '村两委决定' : '',
    m.completedAt === null ? '' : formatDateTime(m.completedAt),
    e.count,
    e.average ?? '',
    m.closingReason ?? '',
    m._id,
  ];
}

async function rowsOf(store: Store, what: ExportWhat, villageId: string, from: number, to: number): Promise<Cell[][]> {
  if (what === 'votes') {
    const motions = await boundedFind<MotionRecord>(
      store,
      'motions',
      { villageId, opensAt: { $gte: from, $lt: to } },
      'opensAt',
    );
    return motions.map(voteRow);
  }
  const matters = await boundedFind<StoredMatter>(
    store,
    'matters',
    { villageId, raisedAt: { $gte: from, $lt: to } },
    'raisedAt',
  );
  return matters.map(matterRow);
}

async function xlsx(sheetName: string, header: readonly string[], rows: readonly Cell[][]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '乡治';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...header]).font = { bold: true };
  // Text that looks like a formula is kept as text here too (a cell's string is never evaluated by
  // exceljs, but a user re-saving as CSV would carry it out).
  for (const r of rows) ws.addRow(r.map(safeText));
  ws.columns.forEach((col, i) => {
    const longest = Math.max(header[i].length * 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    col.width = Math.min(60, Math.max(8, longest + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportFile(ctx: ActionContext<typeof exportRecords>): Promise<Out> {
  const village = await targetVillage(ctx, ctx.input.villageId);
  const { what, format, from: fromKey, to: toKey } = ctx.input;
  const from = parseDateKey(fromKey);
  const toStart = parseDateKey(toKey);
  if (from === null || toStart === null) throw new AppError('INVALID_INPUT', '日期不对');
  if (toStart < from) throw new AppError('INVALID_INPUT', '结束日期要在开始日期之后');
  const rows = await rowsOf(ctx.store, what, village._id, from, toStart + DAY_MS);
  const def = exportDef(what);
  const bytes = await encode(format, def.label, def.columns, rows);
  return {
    fileName: exportFileName(village.name, what, fromKey, toKey, format),
    mimeType: EXPORT_MIME[format],
    base64: bytes.toString('base64'),
    bytes: bytes.length,
    rows: rows.length,
  };
}

async function encode(
  format: ExportFormat,
  label: string,
  header: readonly string[],
  rows: readonly Cell[][],
): Promise<Buffer> {
  return format === 'csv' ? Buffer.from(toCsv(header, rows), 'utf8') : xlsx(label, header, rows);
}
