/**
 * The roster (花名册) as the committee keeps it in Excel: one row per person. These rules check a
 * whole file and either accept every row or return every problem, each with its row, column and
 * reason in plain words. Nothing here reads files or encodings; the service does that.
 */
export const ROSTER_COLUMNS = ['户号', '组', '姓名', '性别', '出生年份', '户代表', '标签'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly RosterColumn[] = ['户号', '组', '姓名', '性别', '出生年份'];

/** Tags that drive visit cadence and care; anything else is probably a typo. */
export const HOUSEHOLD_TAGS = ['留守老人', '独居', '困难户', '残疾', '低保', '五保', '军属'] as const;

export const MAX_ROWS = 20_000;

export interface RosterRow {
  readonly row: number; // 1-based line in the file, header = 1
  readonly householdCode: string;
  readonly groupName: string;
  readonly name: string;
  readonly gender: 'm' | 'f';
  readonly birthYear: number;
  readonly isRep: boolean;
  readonly tags: readonly string[];
}

export interface RowProblem {
  readonly row: number;
  readonly column: RosterColumn | '';
  readonly reason: string;
}

export interface RosterHousehold {
  readonly code: string;
  readonly groupName: string;
  readonly tags: readonly string[];
  readonly members: readonly RosterRow[];
}

export type RosterCheck =
  | { readonly ok: true; readonly households: readonly RosterHousehold[]; readonly rows: number }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

const CODE = /^[A-Za-z0-9-]{1,20}$/;
const NAME = /^[\u3400-\u9fffA-Za-z·•.\s]{1,20}$/u;
const YES = ['是', '√', 'Y', 'y', '1'];
const NO = ['', '否', 'N', 'n', '0'];

function cell(cells: readonly string[], index: number): string {
  return (cells[index] ?? '').replace(/\u3000/g, ' ').trim();
}

/** Checks rows (the first is the header) as of `year`; returns households grouped or every problem. */
export function checkRoster(table: readonly (readonly string[])[], year: number): RosterCheck {
  const problems: RowProblem[] = [];
  if (table.length === 0) return { ok: false, problems: [{ row: 1, column: '', reason: '文件是空的' }] };
  const header = table[0].map((h) => h.replace(/^\uFEFF/, '').trim());
  const index = new Map<RosterColumn, number>();
  for (const col of ROSTER_COLUMNS) {
    const i = header.indexOf(col);
    if (i >= 0) index.set(col, i);
  }
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: missing.map((c) => ({ row: 1, column: c, reason: `缺少“${c}”这一列（请用模板，第一行是列名）` })),
    };
  }
  const body = table.slice(1);
  if (body.length > MAX_ROWS)
    return { ok: false, problems: [{ row: 1, column: '', reason: `行数太多，最多 ${MAX_ROWS} 行` }] };

  const rows: RosterRow[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return; // Excel leaves blank lines at the end
    const get = (c: RosterColumn) => (index.has(c) ? cell(cells, index.get(c) ?? -1) : '');
    const bad = (column: RosterColumn, reason: string) => problems.push({ row, column, reason });
    const code = get('户号');
    const groupName = get('组');
    const name = get('姓名');
    const genderText = get('性别');
    const yearText = get('出生年份');
    const repText = get('户代表');
    const tagText = get('标签');
    const before = problems.length;
    if (!CODE.test(code)) bad('户号', code ? '户号只能有字母、数字和横线，最多 20 个字' : '户号没有填');
    if (groupName.length === 0 || groupName.length > 20) bad('组', groupName ? '组名太长' : '组没有填');
    if (!NAME.test(name)) bad('姓名', name ? '姓名里有不认识的字符，或超过 20 个字' : '姓名没有填');
    const gender = genderText === '男' ? 'm' : genderText === '女' ? 'f' : null;
    if (!gender) bad('性别', '性别请填“男”或“女”');
    const birthYear = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!Number.isInteger(birthYear)) bad('出生年份', '出生年份请填四位数字，比如 1956');
    else if (birthYear < 1900 || birthYear > year) bad('出生年份', `出生年份 ${birthYear} 不可能`);
    const isRep = YES.includes(repText) ? true : NO.includes(repText) ? false : null;
    if (isRep === null) bad('户代表', '户代表请填“是”或空着');
    const tags = tagText === '' ? [] : tagText.split(/[、,，;；\s]+/).filter((t) => t !== '');
    const unknown = tags.filter((t) => !(HOUSEHOLD_TAGS as readonly string[]).includes(t));
    if (unknown.length > 0) bad('标签', `不认识的标签：${unknown.join('、')}（可用：${HOUSEHOLD_TAGS.join('、')}）`);
    if (problems.length === before && gender && isRep !== null) {
      rows.push({ row, householdCode: code, groupName, name, gender, birthYear, isRep, tags });
    }
  });

  const byCode = new Map<string, RosterRow[]>();
  for (const r of rows) byCode.set(r.householdCode, [...(byCode.get(r.householdCode) ?? []), r]);
  const households: RosterHousehold[] = [];
  for (const [code, members] of byCode) {
    const groups = new Set(members.map((m) => m.groupName));
    if (groups.size > 1) {
      for (const m of members.slice(1)) {
        if (m.groupName !== members[0].groupName) {
          problems.push({
            row: m.row,
            column: '组',
            reason: `户号 ${code} 在第 ${members[0].row} 行是“${members[0].groupName}”，这里是“${m.groupName}”`,
          });
        }
      }
    }
    const seen = new Map<string, number>();
    for (const m of members) {
      const key = `${m.name}/${m.birthYear}`;
      const first = seen.get(key);
      if (first !== undefined)
        problems.push({ row: m.row, column: '姓名', reason: `和第 ${first} 行是同一个人（同户、同名、同年出生）` });
      else seen.set(key, m.row);
    }
    const reps = members.filter((m) => m.isRep);
    if (reps.length === 0)
      problems.push({
        row: members[0].row,
        column: '户代表',
        reason: `户号 ${code} 没有户代表，请在一个人的“户代表”填“是”`,
      });
    for (const r of reps.slice(1))
      problems.push({
        row: r.row,
        column: '户代表',
        reason: `户号 ${code} 已有户代表（第 ${reps[0].row} 行），一户只能有一个`,
      });
    const tags = [...new Set(members.flatMap((m) => m.tags))];
    households.push({ code, groupName: members[0].groupName, tags, members });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: '', reason: '文件里没有人' });
  if (problems.length > 0) return { ok: false, problems: [...problems].sort((a, b) => a.row - b.row) };
  return { ok: true, households, rows: rows.length };
}

/** The template the console offers for download: the header and two example rows. */
export function rosterTemplate(): string {
  return [
    ROSTER_COLUMNS.join(','),
    'TY-1-001,一组,张秀英,女,1948,是,独居、留守老人',
    'TY-1-002,一组,李建国,男,1970,是,',
    'TY-1-002,一组,王春花,女,1972,,',
  ].join('\r\n');
}
