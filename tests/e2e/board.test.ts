import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { demoApi, demoPhones } from '../helpers/demo';
import { startGateway, type RunningGateway } from '../helpers/gateway-process';
import { axeAuditBothModes, contrastProblems, fontSizes, settle, visible } from '../helpers/page';

/**
 * The village board (issue 8's "done when") in Chromium against the real gateway on a fresh seeded
 * store: 桃源村's committee writes and publishes a public, pinned notice on the 写公告 page, corrects
 * it (the diff shows, the first version stays readable), prints it (Chromium's print-to-PDF makes an
 * A4 page; its first page is rendered to PNG and checked for the title and the QR code), and imports a
 * month's accounts from a GBK CSV (a broken file is refused whole, row by row), then retracts them (the
 * figures stay readable, with the reason). villager1, in elder mode, reads the notice (its read count
 * moves) and asks a question; the committee answers it on the notice's page. A vote opened and voted
 * on through the API is closed by the gateway's own timer, and its result appears on the board with no
 * one typing it. The cadence page, the export (CSV with a BOM, XLSX) and the township's overview close
 * the walk. Every page visited passes axe in normal and elder mode.
 */
jest.setTimeout(240_000);

const SHOTS = join(__dirname, '__screenshots__');
const TITLE = '2026年第四季度村务公开';
const BODY = [
  '一、村口老桥加固已完工，共花费 12,000 元。',
  '二、村民文化节定在12月20日举办。',
  '三、冬季防火：请各家清理柴堆。',
].join('\n');
const CORRECTED = BODY.replace('12,000 元', '11,800 元');
const REASON = '花费数字写错了，以发票为准';
const RETRACT_REASON = '表格里漏了两笔支出，核对后重新公开';
const QUESTION = '老桥加固的钱是从哪里出的？';
const ANSWER = '从村集体收益里出的，发票在村委会可以查看。';
const VOTE_QUESTION = '冬季清雪要不要请外面的队伍？';
const MONTH_BROKEN = [
  '日期,摘要,收入,支出,经手人,备注',
  '2026-10-05,上级拨付道路补助,"50,000.00",,张会计,',
  '2026-10-12,买水泥,,九千,李建国,',
  '2026-10-40,鱼塘承包费,"3,000",,张会计,',
].join('\r\n');
const MONTH_GOOD = [
  '日期,摘要,收入,支出,经手人,备注',
  '2026-10-05,上级拨付道路补助,"50,000.00",,张会计,',
  '2026-10-12,买修路水泥 20 吨,,"9,600.00",李建国,发票号 0012345',
  '2026-10-20,鱼塘承包费,"3,000",,张会计,',
].join('\r\n');

let gw: RunningGateway;
let browser: Browser;
let tmp: string;
const phones = demoPhones(
  () => gw.url,
  () => browser,
);
const { dialogs, nameOf } = phones;
let committee: Page;
let villager: Page;
let noticeId = '';
let motionId = '';
let motionClosesAt = 0;

/** H5 slides a new page in: let it land before the picture. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `board-${name}.png`), fullPage });
}
const pageText = async (page: Page) => (await visible(page, '.xz-page').last().textContent()) ?? '';

const api = demoApi(() => gw.url);

async function openAs(id: string): Promise<Page> {
  return (await phones.open(id)).page;
}

/** Audits the page on screen in both modes, and checks contrast on it as it is. */
async function audit(page: Page, label: string): Promise<void> {
  await settle(page);
  await axeAuditBothModes(page, label);
  expect(await contrastProblems(page)).toEqual([]);
}

beforeAll(async () => {
  gw = await startGateway({ XZ_TIMER_MS: '1000' });
  browser = await launchBrowser();
  tmp = mkdtempSync(join(tmpdir(), 'xz-board-e2e-'));
  await phones.loadUsers();
  // A short urgent vote, opened and voted on through the real API; the gateway's timer closes it
  // while the steps below run, and its result must reach the board by itself.
  const now = Date.now();
  const motion = await api<{ id: string; closesAt: number }>('demo-taoyuan-committee', 'votes.open', {
    question: VOTE_QUESTION,
    kind: 'yesNo',
    body: 'adults',
    category: 'publicWelfare',
    opensAt: now + 2_000,
    closesAt: now + 12_000,
    mode: 'open',
    urgent: true,
    urgentReason: '大雪马上要来，等不了十天',
  });
  motionId = motion.id;
  motionClosesAt = motion.closesAt;
  await new Promise((r) => setTimeout(r, 2_500));
  await api('demo-taoyuan-villager2', 'votes.cast', { motionId, choices: ['yes'] });
  await api('demo-taoyuan-villager3', 'votes.cast', { motionId, choices: ['no'] });
});

afterAll(async () => {
  await phones.closeAll();
  await browser?.close();
  await gw?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function needNotice(): void {
  if (!noticeId) throw new Error('no notice was published in the first step');
}

test('the committee writes a public, pinned notice and publishes it; after that it can only be corrected', async () => {
  committee = await openAs('demo-taoyuan-committee');
  await audit(committee, '首页（村两委）');
  await visible(committee, '.board-console__manage').click();
  await visible(committee, '.xz-title').filter({ hasText: '公开栏管理 · 桃源村' }).waitFor();
  await visible(committee, '.manage__drafts').filter({ hasText: '没有草稿' }).waitFor();
  await shot(committee, 'manage');
  await audit(committee, '公开栏管理');

  await visible(committee, '.manage__write').click();
  await visible(committee, '.write__title').waitFor();
  // The page says what is missing before the server is asked.
  await visible(committee, '.write__publish').click();
  await visible(committee, '.write__problem').filter({ hasText: '标题至少写2个字' }).waitFor();
  await visible(committee, '.write__title input').fill(TITLE);
  await visible(committee, '.write__body textarea').fill(BODY);
  await visible(committee, '.write .xz-chip').filter({ hasText: '所有人都能看（不用加入）' }).click();
  await visible(committee, '.write .xz-chip').filter({ hasText: '置顶' }).click();
  await visible(committee, '.write .xz-chip--on').filter({ hasText: '✓ 置顶' }).waitFor();
  await visible(committee, '.write__publish').click();
  await visible(committee, '.write__sure').filter({ hasText: '公开以后就不能再改了' }).waitFor();
  await shot(committee, 'write');
  await audit(committee, '写公告');
  await visible(committee, '.write__publish').filter({ hasText: '确定公开' }).click();

  await visible(committee, '.notice__title').filter({ hasText: TITLE }).waitFor();
  noticeId = new URL(committee.url().replace('#', '')).searchParams.get('id') ?? '';
  expect(noticeId).not.toBe('');
  await settle(committee);
  const text = await pageText(committee);
  for (const s of ['置顶', '村务公开', '所有人都能看', '第 1 版', '12,000 元', '第 1 版 · 公开', '打印张贴（A4）'])
    expect(text).toContain(s);
  expect(text).not.toContain('已更正');
  await shot(committee, 'notice-published');
  await audit(committee, '公告（村两委）');
});

test('a correction makes version 2: the diff shows what changed, who, when and why, and version 1 stays readable', async () => {
  needNotice();
  await visible(committee, '.notice-manage__correct').click();
  await visible(committee, '.change__body').waitFor();
  await settle(committee);
  // Without a reason the page refuses in words.
  await visible(committee, '.change__body textarea').fill(CORRECTED);
  await visible(committee, '.change__send').click();
  await visible(committee, '.change__problem').filter({ hasText: '请写明理由' }).waitFor();
  await visible(committee, '.change__reason textarea').fill(REASON);
  await shot(committee, 'correct');
  await audit(committee, '更正公告');
  await visible(committee, '.change__send').click();

  await visible(committee, '.notice__corrected').filter({ hasText: '已更正 1 次' }).waitFor();
  await settle(committee);
  const changes = visible(committee, '.notice__changes');
  const changed = (await changes.textContent()) ?? '';
  expect(changed).toContain('第 1 版改成第 2 版');
  expect(changed).toContain(`理由：${REASON}`);
  expect(changed).toContain(nameOf('demo-taoyuan-committee'));
  expect(changed).toContain('删去 1 行，加上 1 行');
  // The old line, struck through and marked 删去; the new one marked 加上.
  const del = (await visible(committee, '.notice__changes .notice-diff__line--del').textContent()) ?? '';
  const add = (await visible(committee, '.notice__changes .notice-diff__line--add').textContent()) ?? '';
  expect(del).toContain('删去');
  expect(del).toContain('12,000 元');
  expect(add).toContain('加上');
  expect(add).toContain('11,800 元');
  expect(
    await visible(committee, '.notice__changes .notice-diff__line--del .notice-diff__text').evaluate(
      (el) => getComputedStyle(el).textDecorationLine,
    ),
  ).toContain('line-through');
  // The current text is the corrected one; version 1 opens with its original words.
  expect((await visible(committee, '.notice__content').textContent()) ?? '').toContain('11,800 元');
  await visible(committee, '.notice-revision__open').filter({ hasText: '看第 1 版原文' }).click();
  const first = visible(committee, '.notice-revision__body').first();
  await first.waitFor();
  expect((await first.textContent()) ?? '').toContain('一、村口老桥加固已完工，共花费 12,000 元。');
  await shot(committee, 'corrected');
  await audit(committee, '公告 · 已更正');
});

test('the print view is an A4 sheet with the QR code, the version and the date; Chromium prints it to PDF', async () => {
  needNotice();
  await visible(committee, '.notice-manage__print').click();
  const sheet = visible(committee, '.print-sheet');
  await sheet.waitFor();
  await visible(committee, '.print-sheet__qr img').waitFor();
  await committee.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.print-sheet__qr img');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  const text = (await sheet.textContent()) ?? '';
  for (const s of ['桃源村 村务公开', TITLE, '11,800 元', '第 2 版（更正过 1 次）', '公开日期：', '扫右边的二维码'])
    expect(text).toContain(s);
  expect(text).toContain(`pages/notice/index?id=${noticeId}`);
  expect(text).toContain(`${gw.url}/#/pages/notice/index?id=${noticeId}`);
  expect(await visible(committee, '.print-sheet__qr img').getAttribute('alt')).toContain('二维码');
  await shot(committee, 'print-screen');
  await audit(committee, '打印张贴');

  const pdfPath = join(tmp, 'notice.pdf');
  const pdf = await committee.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The first page as a picture (kept as a screenshot), and as raw grey pixels to check it is not blank.
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdfPath,
    join(SHOTS, 'board-print'),
  ]);
  expect(readFileSync(join(SHOTS, 'board-print.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(tmp, 'page')]);
  const pgm = readFileSync(join(tmp, 'page.pgm'));
  // P5 header: "P5\n<w> <h>\n255\n", then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM file');
  const pixels = pgm.subarray(header[0].length);
  const dark = pixels.filter((v) => v < 128).length;
  expect(dark / pixels.length).toBeGreaterThan(0.01);
  expect(dark / pixels.length).toBeLessThan(0.5);
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  // A4 portrait: 595 × 842 points.
  expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)?|Page size:\s+595(\.\d+)? x 842/);
  // The printed words are real text in Chinese, with the title, the version and the date; the screen-only
  // controls are not printed.
  const printed = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(printed.replace(/\s+/g, '')).toContain(TITLE);
  expect(printed).toContain('第 2 版');
  expect(printed).toContain('公开日期');
  expect(printed).not.toContain('下面就是贴出去的样子');
  // The QR code is an image on the first page.
  const images = execFileSync('pdfimages', ['-f', '1', '-l', '1', '-list', pdfPath], { encoding: 'utf8' });
  expect(images.trim().split('\n').length).toBeGreaterThanOrEqual(3);
});

test('villager1 in elder mode finds the notice pinned on the board, reads it (the read count moves) and asks', async () => {
  needNotice();
  villager = await openAs('demo-taoyuan-villager1');
  await visible(villager, '.elder-switch').click();
  await visible(villager, '.elder-switch__state').filter({ hasText: '已打开' }).waitFor();
  await villager.goto(`${gw.url}/#/pages/board/index`);
  await visible(villager, '.xz-page.elder .notice-card').first().waitFor();
  await settle(villager);
  const firstCard = visible(villager, '.notice-card').first();
  const card = (await firstCard.textContent()) ?? '';
  expect(card).toContain('置顶');
  expect(card).toContain(TITLE);
  expect(card).toContain('已更正 1 次');
  const readsBefore = Number(/(\d+) 人看过/.exec(card)?.[1]);
  expect(readsBefore).toBeGreaterThanOrEqual(1);
  // Elder mode on the list: text at least 18 px, chips and buttons big.
  const sizes = await fontSizes(
    villager,
    ['.xz-text', '.xz-muted', '.xz-title'].map((c) => `.xz-page.elder ${c}`),
  );
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  for (const b of await visible(villager, '.xz-page.elder .board__filters .xz-chip').evaluateAll((els) =>
    els.map((el) => el.getBoundingClientRect().height),
  ))
    expect(b).toBeGreaterThanOrEqual(60);
  // The kinds filter: 收支账目 has nothing yet; 村务公开 has the notice.
  await visible(villager, '.board__filters .xz-chip').filter({ hasText: '收支账目' }).click();
  await visible(villager, '.xz-text').filter({ hasText: '这里还没有公告' }).waitFor();
  await visible(villager, '.board__filters .xz-chip').filter({ hasText: '村务公开' }).click();
  await visible(villager, '.notice-card').filter({ hasText: TITLE }).waitFor();
  await shot(villager, 'list-elder');
  await audit(villager, '村务公开（村民）');

  await visible(villager, '.notice-card').filter({ hasText: TITLE }).click();
  await visible(villager, '.xz-page.elder .notice__title').filter({ hasText: TITLE }).waitFor();
  await settle(villager);
  const text = await pageText(villager);
  expect(text).toContain('已更正 1 次');
  expect(text).toContain(`${readsBefore + 1} 人看过`);
  // Villagers do not get the committee's tools.
  expect(await villager.locator('.notice-manage:visible').count()).toBe(0);
  const detailSizes = await fontSizes(
    villager,
    ['.xz-text', '.xz-muted', '.xz-title'].map((c) => `.xz-page.elder ${c}`),
  );
  expect(Math.min(...detailSizes)).toBeGreaterThanOrEqual(18);

  await visible(villager, '.notice-inquiries__input textarea').fill(QUESTION);
  await visible(villager, '.notice-inquiries__send').click();
  await visible(villager, '.notice-inquiries__done').filter({ hasText: '村两委会在' }).waitFor();
  const asked = visible(villager, '.inquiry').filter({ hasText: QUESTION });
  await asked.waitFor();
  expect((await asked.textContent()) ?? '').toContain('天内答复');
  await shot(villager, 'notice-elder');
  await audit(villager, '公告（村民）');

  // Back on the board, the card counts the read and the open question.
  await villager.goto(`${gw.url}/#/pages/board/index`);
  const after = visible(villager, '.notice-card').filter({ hasText: TITLE });
  await after.filter({ hasText: `${readsBefore + 1} 人看过` }).waitFor();
  expect((await after.textContent()) ?? '').toContain('1 条没答复');
});

test('the committee answers the question on the notice; the villager sees the answer', async () => {
  needNotice();
  await committee.goto(`${gw.url}/#/pages/notice/index?id=${encodeURIComponent(noticeId)}`);
  const item = visible(committee, '.inquiry').filter({ hasText: QUESTION });
  await item.waitFor();
  expect((await item.textContent()) ?? '').toContain(nameOf('demo-taoyuan-villager1'));
  await visible(committee, '.inquiry__reply-input textarea').fill(ANSWER);
  await visible(committee, '.inquiry__reply-send').click();
  await visible(committee, '.inquiry__answer').filter({ hasText: ANSWER }).waitFor();
  await shot(committee, 'answered');

  await villager.goto(`${gw.url}/#/pages/notice/index?id=${encodeURIComponent(noticeId)}`);
  await visible(villager, '.inquiry__answer')
    .filter({ hasText: `答：${ANSWER}` })
    .waitFor();
});

test('a month of accounts from a GBK CSV: a broken file is refused row by row; a good one is published as a table', async () => {
  await committee.goto(`${gw.url}/#/pkg-board/accounts/index`);
  await visible(committee, '.accounts__template').waitFor();
  await settle(committee);
  await visible(committee, '.accounts .xz-chip').filter({ hasText: '2026年10月' }).click();
  const broken = join(tmp, '十月账目-错.csv');
  writeFileSync(broken, iconv.encode(MONTH_BROKEN, 'gbk'));
  await committee.locator('.csv-picker__input').last().setInputFiles(broken);
  const problems = visible(committee, '.accounts-report--problems');
  await problems.waitFor();
  const report = (await problems.textContent()) ?? '';
  expect(report).toContain('一条都没有导入');
  expect(report).toContain('第 3 行 · 支出');
  expect(report).toContain('第 4 行 · 日期');
  expect(await committee.locator('.accounts__publish:visible').count()).toBe(0);
  await shot(committee, 'accounts-broken');
  await audit(committee, '公开账目 · 有错');

  const good = join(tmp, '十月账目.csv');
  writeFileSync(good, iconv.encode(MONTH_GOOD, 'gbk'));
  await committee.locator('.csv-picker__input').last().setInputFiles(good);
  await visible(committee, '.accounts__publish').waitFor();
  const checked = await pageText(committee);
  expect(checked).toContain('GBK（Excel 另存的）');
  expect(checked).toContain('53,000.00');
  await visible(committee, '.accounts__publish').click();
  await visible(committee, '.xz-banner').filter({ hasText: '已经公开到公开栏' }).waitFor();
  await visible(committee, '.accounts__open').click();
  await visible(committee, '.notice__title').filter({ hasText: '2026年10月' }).waitFor();
  await settle(committee);
  const table = (await visible(committee, '.notice__content .accounts-table').textContent()) ?? '';
  for (const s of ['合计', '共 3 笔', '53,000.00', '9,600.00', '本月结余：43,400.00 元', '经手人：李建国'])
    expect(table).toContain(s);
  await shot(committee, 'accounts-notice');
  await audit(committee, '公告 · 账目');

  // Retracted: marked so with its reason, and the figures are still there to read.
  await visible(committee, '.notice-manage__retract').click();
  await visible(committee, '.change__retract').waitFor();
  await visible(committee, '.change__reason textarea').fill(RETRACT_REASON);
  await shot(committee, 'retract');
  await audit(committee, '撤回公告');
  await visible(committee, '.change__retract').click();
  await visible(committee, '.notice__retracted')
    .filter({ hasText: `理由：${RETRACT_REASON}` })
    .waitFor();
  expect((await visible(committee, '.notice__content .accounts-table').textContent()) ?? '').toContain('53,000.00');
  expect(await committee.locator('.notice-manage__retract:visible').count()).toBe(0);
  await shot(committee, 'retracted');
  await committee.goto(`${gw.url}/#/pages/board/index`);
  await visible(committee, '.notice-card').filter({ hasText: '2026年10月' }).filter({ hasText: '已撤回' }).waitFor();
});

test('the vote closed by the timer is on the board as 表决结果, published by no one', async () => {
  if (!motionId) throw new Error('no vote was opened');
  const wait = motionClosesAt + 5_000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await villager.goto(`${gw.url}/#/pages/board/index`);
  await visible(villager, '.board__filters .xz-chip').filter({ hasText: '表决结果' }).click();
  const card = visible(villager, '.notice-card').filter({ hasText: `表决结果：${VOTE_QUESTION}` });
  await card.waitFor({ timeout: 20_000 });
  await card.click();
  await visible(villager, '.notice__title').filter({ hasText: VOTE_QUESTION }).waitFor();
  await settle(villager);
  const text = await pageText(villager);
  expect(text).toContain('实际参加 2 人');
  expect(text).toContain('同意 1 票，反对 1 票');
  expect(text).toContain('系统自动发布');
  await visible(villager, '.notice-content__link').filter({ hasText: '去核对' }).waitFor();
  await shot(villager, 'vote-result-elder');
  await audit(villager, '公告 · 表决结果');
});

test('the cadence page says what the law expects next, the export downloads CSV and XLSX, the township sees every village', async () => {
  await committee.goto(`${gw.url}/#/pkg-board/duties/index`);
  await visible(committee, '.duties').waitFor();
  await settle(committee);
  const text = await pageText(committee);
  expect(text).toContain('村务公开（每季度至少一次）');
  expect(text).toContain('没答复的 0 条');
  await shot(committee, 'duties');
  await audit(committee, '该公开什么了');

  // Export: the year's vote results as CSV (a BOM first, so Excel shows the Chinese) and as a workbook.
  await committee.goto(`${gw.url}/#/pkg-board/export/index`);
  await visible(committee, '.export__go').waitFor();
  await visible(committee, '.export .xz-chip').filter({ hasText: 'CSV' }).click();
  const [csv] = await Promise.all([committee.waitForEvent('download'), visible(committee, '.export__go').click()]);
  const csvPath = join(tmp, 'votes.csv');
  await csv.saveAs(csvPath);
  const csvText = readFileSync(csvPath, 'utf8');
  expect(csvText.charCodeAt(0)).toBe(0xfeff);
  expect(csvText).toContain('表决事项');
  expect(csvText).toContain(VOTE_QUESTION);
  await visible(committee, '.export__done').filter({ hasText: '已导出' }).waitFor();
  await visible(committee, '.export .xz-chip').filter({ hasText: 'Excel 表格' }).click();
  const [xlsx] = await Promise.all([committee.waitForEvent('download'), visible(committee, '.export__go').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const xlsxPath = join(tmp, 'votes.xlsx');
  await xlsx.saveAs(xlsxPath);
  expect(readFileSync(xlsxPath).subarray(0, 2).toString('latin1')).toBe('PK');
  await shot(committee, 'export');
  await audit(committee, '导出');

  const staff = await openAs('demo-township-staff');
  await audit(staff, '首页（乡镇干部）');
  await visible(staff, '.board-console__township').click();
  await visible(staff, '.township-village').first().waitFor();
  await settle(staff);
  const overview = await pageText(staff);
  expect(overview).toContain('桃源村');
  expect(overview).toContain('石桥村');
  await shot(staff, 'township');
  await audit(staff, '各村公开情况');
  // Nothing on these pages hurried anyone with a browser pop-up.
  expect(dialogs).toEqual([]);
});

test('more notices than fit on a page: 下一页 reads on by cursor and 上一页 goes back, in the server’s order', async () => {
  // Twelve more, written and published through the API, so the board runs past its first page of ten.
  for (let i = 1; i <= 12; i++) {
    const d = await api<{ notice: { id: string } }>('demo-taoyuan-committee', 'board.draft', {
      kind: 'general',
      title: `村务简报第${i}期`,
      body: `第${i}期：本周村里的大小事。`,
    });
    await api('demo-taoyuan-committee', 'board.publish', { noticeId: d.notice.id });
  }
  // The list as the server pages it: what the browser must show, page for page.
  const expected: string[][] = [];
  let cursor: string | null = null;
  do {
    const res: { items: Array<{ title: string }>; nextCursor: string | null } = await api(
      'demo-taoyuan-villager1',
      'board.list',
      { limit: 10, ...(cursor ? { cursor } : {}) },
    );
    expected.push(res.items.map((n) => n.title));
    cursor = res.nextCursor;
  } while (cursor);
  expect(expected.length).toBeGreaterThanOrEqual(2);
  expect(expected.flat()).toEqual(expect.arrayContaining(['村务简报第1期', '村务简报第12期']));

  // A fresh load: the board the villager had open was read before these were published.
  await villager.goto(`${gw.url}/#/pages/board/index`);
  await villager.reload();
  await visible(villager, '.notice-card').first().waitFor();
  const pager = visible(villager, '.xz-pager');
  const button = (label: string) => pager.locator('.xz-button').filter({ hasText: label });
  const onPage = async (n: number): Promise<string[]> => {
    await pager.filter({ hasText: `第 ${n} 页` }).waitFor();
    await settle(villager);
    return visible(villager, '.notice-card__title').allTextContents();
  };
  expect(await onPage(1)).toEqual(expected[0]);
  expect(await button('上一页').getAttribute('class')).toContain('xz-button--disabled');
  for (let p = 1; p < expected.length; p++) {
    await button('下一页').click();
    expect(await onPage(p + 1)).toEqual(expected[p]);
  }
  expect(await button('下一页').getAttribute('class')).toContain('xz-button--disabled');
  await shot(villager, 'list-last-page');
  await audit(villager, '公开栏（最后一页）');
  // Back, page by page, to where it began: the pages already seen, not a fresh guess.
  for (let p = expected.length - 1; p >= 1; p--) {
    await button('上一页').click();
    expect(await onPage(p)).toEqual(expected[p - 1]);
  }
});
