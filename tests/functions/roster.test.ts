import iconv from 'iconv-lite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedFileStore } from '../../cloudfunctions/shared/files/embedded';
import { COLLECTION_NAMES } from '../../cloudfunctions/shared/store/collections';
import type { PersonRecord, VillageRecord } from '../../core/records';
import { caller, local } from '../helpers/call';
import { seededStore } from '../helpers/seeded';

/** The roster import, on a real on-disk store, with files as Excel writes them. */
let ctx: Awaited<ReturnType<typeof seededStore>>;
let files: EmbeddedFileStore;
let filesDir: string;
let api: ReturnType<typeof caller>;
const committee = local('demo-taoyuan-committee');

beforeAll(async () => {
  ctx = await seededStore();
  filesDir = mkdtempSync(join(tmpdir(), 'xz-files-'));
  files = new EmbeddedFileStore(filesDir);
  api = caller({ ...ctx, files });
});
afterAll(async () => {
  await ctx.cleanup();
  rmSync(filesDir, { recursive: true, force: true });
});

const HEADER = '户号,组,姓名,性别,出生年份,户代表,标签';
const GOOD = [
  HEADER,
  'TY-7-001,七组,赵大爷,男,1950,是,独居、留守老人',
  'TY-7-002,七组,钱明,男,1980,是,',
  'TY-7-002,七组,孙丽,女,1982,,',
  'TY-7-002,七组,钱小宝,男,2015,,',
].join('\r\n');

function upload(text: string, as: 'utf-8' | 'gbk' | 'utf-8-bom' = 'utf-8', by = 'demo-taoyuan-committee'): string {
  const bytes =
    as === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(as === 'utf-8-bom' ? `\uFEFF${text}` : text, 'utf8');
  return files.save(bytes, 'roster.csv', by, ctx.clock.now());
}

async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const c of COLLECTION_NAMES) parts.push(JSON.stringify(await ctx.store.find(c, {}, { limit: 10_000 })));
  return parts.join('\n');
}

interface Report {
  applied: boolean;
  encoding: string;
  rows: number;
  problems: Array<{ row: number; column: string; reason: string }>;
  householdsAdded: number;
  personsAdded: number;
  householdsChanged: number;
  personsChanged: number;
  groupsAdded: string[];
}

test('the template has every column and imports cleanly as a preview', async () => {
  const t = await api.ok<{ csv: string; fileName: string }>(committee, 'roster.template');
  expect(t.csv.split('\r\n')[0]).toBe(HEADER);
  const report = await api.ok<Report>(committee, 'roster.import', { fileId: upload(t.csv), dryRun: true });
  expect(report.problems).toEqual([]);
  expect(report.applied).toBe(false);
});

test.each([
  ['utf-8', 'utf-8'],
  ['utf-8-bom', 'utf-8'],
  ['gbk', 'gbk'],
] as const)(
  'a %s file is read right: preview, then import, then the same file again changes nothing',
  async (as, encoding) => {
    const text = GOOD.replace(/TY-7-/g, `TY-${as.length}-9`).replace(/七组/g, `新${as.length}组`);
    const before = await snapshot();
    const preview = await api.ok<Report>(committee, 'roster.import', { fileId: upload(text, as), dryRun: true });
    expect(preview).toMatchObject({
      applied: false,
      encoding,
      rows: 4,
      householdsAdded: 2,
      personsAdded: 4,
      problems: [],
    });
    expect(preview.groupsAdded).toEqual([`新${as.length}组`]);
    expect(await snapshot()).toBe(before);

    const village0 = await ctx.store.get<VillageRecord>('villages', 'vil-taoyuan');
    const done = await api.ok<Report>(committee, 'roster.import', { fileId: upload(text, as) });
    expect(done).toMatchObject({ applied: true, householdsAdded: 2, personsAdded: 4 });
    const found = await api.ok<{ items: Array<{ name: string; householdCode: string; groupName: string }> }>(
      committee,
      'roster.search',
      { q: '赵大爷' },
    );
    expect(found.items.find((p) => p.householdCode === `TY-${as.length}-9001`)).toMatchObject({
      groupName: `新${as.length}组`,
    });
    const village1 = await ctx.store.get<VillageRecord>('villages', 'vil-taoyuan');
    expect(village1?.householdCount).toBe((village0?.householdCount ?? 0) + 2);
    expect(village1?.residentCount).toBe((village0?.residentCount ?? 0) + 4);

    const after = await snapshot();
    const again = await api.ok<Report>(committee, 'roster.import', { fileId: upload(text, as) });
    expect(again).toMatchObject({
      applied: true,
      householdsAdded: 0,
      personsAdded: 0,
      householdsChanged: 0,
      personsChanged: 0,
    });
    expect(await snapshot()).toBe(after);
  },
);

const BROKEN: Array<[string, string, Array<{ row: number; column: string }>]> = [
  ['a missing column', '户号,组,姓名,性别\r\nTY-8-001,一组,王五,男', [{ row: 1, column: '出生年份' }]],
  [
    'an impossible birth year',
    `${HEADER}\r\nTY-8-001,一组,王五,男,1850,是,\r\nTY-8-002,一组,李四,男,2999,是,`,
    [
      { row: 2, column: '出生年份' },
      { row: 3, column: '出生年份' },
    ],
  ],
  [
    'a birth year that is not a year',
    `${HEADER}\r\nTY-8-001,一组,王五,男,五六年,是,`,
    [{ row: 2, column: '出生年份' }],
  ],
  [
    'the same person twice',
    `${HEADER}\r\nTY-8-001,一组,王五,男,1960,是,\r\nTY-8-001,一组,王五,男,1960,,`,
    [{ row: 3, column: '姓名' }],
  ],
  [
    'two representatives',
    `${HEADER}\r\nTY-8-001,一组,王五,男,1960,是,\r\nTY-8-001,一组,王六,男,1962,是,`,
    [{ row: 3, column: '户代表' }],
  ],
  ['no representative', `${HEADER}\r\nTY-8-001,一组,王五,男,1960,,`, [{ row: 2, column: '户代表' }]],
  [
    'an unknown tag and a bad gender',
    `${HEADER}\r\nTY-8-001,一组,王五,公,1960,是,有钱`,
    [
      { row: 2, column: '性别' },
      { row: 2, column: '标签' },
    ],
  ],
  [
    'a household in two groups',
    `${HEADER}\r\nTY-8-001,一组,王五,男,1960,是,\r\nTY-8-001,二组,王六,男,1962,,`,
    [{ row: 3, column: '组' }],
  ],
  ['a header only', HEADER, [{ row: 2, column: '' }]],
  [
    'an empty name and code',
    `${HEADER}\r\n,一组,,男,1960,是,`,
    [
      { row: 2, column: '户号' },
      { row: 2, column: '姓名' },
    ],
  ],
];

test.each(BROKEN)('%s: a report with row and column, and nothing imported', async (_label, text, expected) => {
  const before = await snapshot();
  for (const as of ['utf-8', 'gbk'] as const) {
    const report = await api.ok<Report>(committee, 'roster.import', { fileId: upload(text, as) });
    expect(report.applied).toBe(false);
    expect(report.problems.map((p) => ({ row: p.row, column: p.column }))).toEqual(expected);
    for (const p of report.problems) expect(p.reason).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(await snapshot()).toBe(before);
});

test('one bad row among good ones stops the whole file', async () => {
  const before = await snapshot();
  const text = `${GOOD.replace(/TY-7-/g, 'TY-6-8')}\r\nTY-6-8003,七组,周七,男,1066,是,`;
  const report = await api.ok<Report>(committee, 'roster.import', { fileId: upload(text) });
  expect(report).toMatchObject({ applied: false, householdsAdded: 0, personsAdded: 0 });
  expect(report.problems).toHaveLength(1);
  expect(await snapshot()).toBe(before);
});

test('wrong kinds of file get FILE_TYPE or FILE_TOO_LARGE, never a crash', async () => {
  const before = await snapshot();
  const xlsx = files.save(Buffer.from('PK\u0003\u0004 workbook'), 'r.xlsx', 'demo-taoyuan-committee', 0);
  expect(await api.code(committee, 'roster.import', { fileId: xlsx })).toBe('FILE_TYPE');
  const binary = files.save(Buffer.from([1, 2, 0, 4]), 'r.bin', 'demo-taoyuan-committee', 0);
  expect(await api.code(committee, 'roster.import', { fileId: binary })).toBe('FILE_TYPE');
  expect(
    await api.code(committee, 'roster.import', { fileId: upload(`${HEADER}\r\n"TY-8-001,一组,王五,男,1960,是,`) }),
  ).toBe('FILE_TYPE');
  const huge = files.save(Buffer.alloc(10 * 1024 * 1024, 0x41), 'big.csv', 'demo-taoyuan-committee', 0);
  expect(await api.code(committee, 'roster.import', { fileId: huge })).toBe('FILE_TOO_LARGE');
  expect(await api.code(committee, 'roster.import', { fileId: 'f_00000000000000000000000000000000' })).toBe(
    'NOT_FOUND',
  );
  expect(await snapshot()).toBe(before);
});

test('only the committee imports, and only its own uploads into its own village', async () => {
  const fileId = upload(GOOD, 'utf-8', 'demo-shiqiao-committee');
  expect(await api.code(committee, 'roster.import', { fileId })).toBe('NOT_FOUND');
  expect(await api.code(local('demo-taoyuan-villager1'), 'roster.import', { fileId: upload(GOOD) })).toBe('FORBIDDEN');
  expect(await api.code(local('demo-township-staff'), 'roster.import', { fileId: upload(GOOD) })).toBe('FORBIDDEN');
  // 石桥村's committee imports into 石桥村, whatever the codes say.
  const report = await api.ok<Report>(local('demo-shiqiao-committee'), 'roster.import', { fileId });
  expect(report.applied).toBe(true);
  const p = await ctx.store.find<PersonRecord>('persons', { name: '赵大爷' }, { limit: 10 });
  expect(p.map((x) => x.villageId)).toContain('vil-shiqiao');
});

test('the electorate is derived from the roster, and township staff may read it for their villages only', async () => {
  const e = await api.ok<{ adults: number; households: number; householdReps: number; delegates: number }>(
    committee,
    'roster.electorate',
    { asOf: ctx.clock.now() },
  );
  const persons = await ctx.store.find<PersonRecord>('persons', { villageId: 'vil-taoyuan' }, { limit: 10_000 });
  expect(e.adults).toBe(persons.filter((p) => p.birthYear <= 2026 - 18).length);
  expect(e.households).toBe(await ctx.store.count('households', { villageId: 'vil-taoyuan' }));
  expect(e.householdReps).toBe(e.households);
  expect(e.delegates).toBe(1);
  expect(await api.ok(local('demo-township-staff'), 'roster.electorate', { villageId: 'vil-shiqiao' })).toMatchObject({
    households: expect.any(Number),
  });
  expect(await api.code(committee, 'roster.electorate', { villageId: 'vil-shiqiao' })).toBe('FORBIDDEN');
});
