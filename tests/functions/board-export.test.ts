import { Workbook } from 'exceljs';
import { toString as qrSvg } from 'qrcode';
import { storedRaisedMatter } from '../../cloudfunctions/matters/raise';
import type { StoredMatter } from '../../cloudfunctions/matters/records';
import { runTimers } from '../../cloudfunctions/timers/run';
import { boardWorld, who, type BoardWorld } from '../helpers/board';

/**
 * Exports a village's vote results and matters over a period, as CSV Excel opens with Chinese intact
 * (BOM) and as XLSX, bounded to 10,000 rows; and the print view's data with a QR code that holds the
 * notice's H5 address.
 */
jest.setTimeout(120_000);

let w: BoardWorld;
beforeAll(async () => {
  w = await boardWorld();
  const now = w.ctx.clock.now();
  const ids: string[] = [];
  for (const question of ['村里的路要不要今年修？', '=1+1 这样的问题也照样导出']) {
    const m = await w.api.ok<{ id: string }>(who.committee, 'votes.open', {
      question,
      kind: 'yesNo',
      body: 'adults',
      category: 'publicWelfare',
      opensAt: now + 60_000,
      closesAt: now + 86_400_000,
      mode: 'secret',
      urgent: true,
      urgentReason: '汛期前必须定下来',
    });
    ids.push(m.id);
  }
  w.ctx.clock.set(now + 120_000);
  for (const motionId of ids) await w.api.ok(who.villager1, 'votes.cast', { motionId, choices: ['yes'] });
  w.ctx.clock.set(now + 2 * 86_400_000);
  await runTimers(w.ctx.store, w.ctx.clock.now());
  for (const title of ['村口路灯坏了要修', '祠堂前的排水沟要清']) {
    await w.api.ok(who.villager1, 'matters.raise', { title, category: 'general' });
  }
});
afterAll(() => w.cleanup());

interface FileOut {
  fileName: string;
  mimeType: string;
  base64: string;
  bytes: number;
  rows: number;
}

const exportAs = (payload: Record<string, unknown>, as = who.committee) =>
  w.api.ok<FileOut>(as, 'board.export', {
    what: 'votes',
    format: 'csv',
    from: '2026-11-01',
    to: '2026-11-30',
    ...payload,
  });

test('vote results as CSV: a BOM, a header, Chinese intact, formulas defused', async () => {
  const f = await exportAs({});
  expect(f).toMatchObject({
    fileName: '桃源村-表决结果-2026-11-01至2026-11-30.csv',
    mimeType: 'text/csv; charset=utf-8',
    rows: 2,
  });
  const bytes = Buffer.from(f.base64, 'base64');
  expect(bytes.length).toBe(f.bytes);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0].split(',').slice(0, 3)).toEqual(['表决事项', '由谁表决', '投票方式']);
  expect(lines.find((l) => l.startsWith('村里的路要不要今年修？'))).toContain('村民会议,不记名');
  expect(lines.find((l) => l.includes('1+1'))?.startsWith("'=1+1")).toBe(true);
  expect(lines.find((l) => l.startsWith('村里的路'))).toContain('参加的人不够，表决无效');
});

test('the same as an Excel workbook, readable back', async () => {
  const f = await exportAs({ format: 'xlsx' });
  expect(f.fileName.endsWith('.xlsx')).toBe(true);
  expect(f.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('表决结果');
  expect(ws?.getRow(1).getCell(1).value).toBe('表决事项');
  const questions = [2, 3].map((r) => String(ws?.getRow(r).getCell(1).value));
  expect(questions).toEqual(expect.arrayContaining(['村里的路要不要今年修？', "'=1+1 这样的问题也照样导出"]));
  expect(ws?.getRow(2).getCell(7).value).toEqual(expect.any(Number));
});

test('matters of a period, and only of that period and village', async () => {
  const f = await exportAs({ what: 'matters' });
  expect(f.rows).toBe(2);
  const text = Buffer.from(f.base64, 'base64').toString('utf8');
  expect(text).toContain('村口路灯坏了要修,一般村务');
  expect(text.split('\r\n')[0]).toContain('标题,类别,现在的状态');
  const october = await exportAs({ what: 'matters', from: '2026-10-01', to: '2026-10-31' });
  expect(october.rows).toBe(0);
  const shiqiao = await exportAs({ what: 'matters', villageId: 'vil-shiqiao' }, who.township);
  expect(shiqiao.rows).toBe(0);
  expect(
    await w.api.code(who.committee, 'board.export', {
      what: 'matters',
      format: 'csv',
      from: '2026-11-30',
      to: '2026-11-01',
    }),
  ).toBe('INVALID_INPUT');
  expect(
    await w.api.code(who.villager1, 'board.export', {
      what: 'matters',
      format: 'csv',
      from: '2026-11-01',
      to: '2026-11-30',
    }),
  ).toBe('FORBIDDEN');
});

test('more than 10,000 rows is refused with a plain reason, before a file is built', async () => {
  // One every 40 minutes through 2020 (10,001 of them end in October).
  const at = Date.UTC(2020, 0, 1);
  const step = 40 * 60_000;
  await w.ctx.store.transaction(async (tx) => {
    for (let i = 0; i <= 10_000; i += 1) {
      const id = `m_bulk${String(i).padStart(18, '0')}`;
      await tx.insert<StoredMatter>(
        'matters',
        storedRaisedMatter(
          {
            id,
            villageId: 'vil-taoyuan',
            authorId: 'p-taoyuan-0001',
            title: `旧事${i}`,
            description: '',
            category: 'general',
            groupId: null,
            photos: [],
            now: at + i * step,
          },
          '旧',
        ),
      );
    }
  });
  const res = await w.api.call(who.committee, 'board.export', {
    what: 'matters',
    format: 'xlsx',
    from: '2020-01-01',
    to: '2020-12-31',
  });
  expect(res.ok ? '' : res.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(res.ok ? '' : res.error.message).toContain('10000');
  // One day of it is under the bound and exports.
  const half = await exportAs({ what: 'matters', from: '2020-06-01', to: '2020-06-01' });
  expect(half.rows).toBeGreaterThan(0);
  expect(half.rows).toBeLessThanOrEqual(10_000);
});

interface PrintOut {
  content: { title: string; body: string };
  revision: number;
  corrections: number;
  publishedDate: string;
  correctedDate: string | null;
  retracted: boolean;
  weappPath: string;
  h5Path: string;
  h5Url: string;
  qrSvg: string;
  qrDataUrl: string;
  villageName: string;
  kindLabel: string;
}

test('print data: the last revision, its number and dates, and a QR code of the H5 address', async () => {
  const p = await w.publish('冬季防火通知', '不要在山上烧纸。');
  const id = p.notice.id;
  w.ctx.clock.advance(86_400_000);
  await w.api.ok(who.committee, 'board.correct', {
    noticeId: id,
    body: '不要在山上烧纸、放鞭炮。',
    reason: '补上鞭炮',
  });
  const out = await w.api.ok<PrintOut>(who.committee, 'board.print', { noticeId: id, origin: 'https://xz.example.cn' });
  expect(out).toMatchObject({
    villageName: '桃源村',
    kindLabel: '村务公开',
    revision: 2,
    corrections: 1,
    publishedDate: '2026年11月25日',
    correctedDate: '2026年11月26日',
    retracted: false,
    weappPath: `pages/notice/index?id=${id}`,
    h5Path: `#/pages/notice/index?id=${id}`,
    h5Url: `https://xz.example.cn/#/pages/notice/index?id=${id}`,
  });
  expect(out.content.body).toBe('不要在山上烧纸、放鞭炮。');
  expect(out.qrSvg.startsWith('<svg')).toBe(true);
  expect(out.qrDataUrl.startsWith('data:image/png;base64,')).toBe(true);
  expect(Buffer.from(out.qrDataUrl.slice('data:image/png;base64,'.length), 'base64').subarray(1, 4).toString()).toBe(
    'PNG',
  );
  // The code holds exactly the address: drawn again from it, it is the same code.
  expect(out.qrSvg).toBe(await qrSvg(out.h5Url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  // Without an origin the code holds the path, which the page can show as text.
  const bare = await w.api.ok<PrintOut>(who.committee, 'board.print', { noticeId: id });
  expect(bare.h5Url).toBe(`#/pages/notice/index?id=${id}`);
  expect(await w.api.code(who.committee, 'board.print', { noticeId: id, origin: 'javascript:alert(1)' })).toBe(
    'INVALID_INPUT',
  );
  expect(await w.api.code(who.villager1, 'board.print', { noticeId: id })).toBe('FORBIDDEN');
  const draft = await w.api.ok<{ notice: { id: string } }>(who.committee, 'board.draft', {
    kind: 'general',
    title: '还没公开',
    body: '草稿',
  });
  expect(await w.api.code(who.committee, 'board.print', { noticeId: draft.notice.id })).toBe('INVALID_TRANSITION');
});
