import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { demoApi, demoPhones } from '../helpers/demo';
import { startGateway, type RunningGateway } from '../helpers/gateway-process';
import { axeAudit, axeAuditBothModes, contrastProblems, fontSizes, settle, visible } from '../helpers/page';

/**
 * Villages, roster and membership in Chromium against the real gateway on a fresh seeded store,
 * as new users would meet them: the committee of 桃源村 imports a roster saved by Excel (GBK), a
 * brand-new user asks to join as a person on it, the committee approves, and the log shows it all.
 * The steps share one gateway and run in order.
 */
jest.setTimeout(180_000);

const SHOTS = join(__dirname, '__screenshots__');
const HEADER = '户号,组,姓名,性别,出生年份,户代表,标签';

// Row 2: an impossible birth year (so household TY-7-001 also has no representative left);
// row 4 repeats row 3; row 5 writes the year the way people say it.
const BROKEN = [
  HEADER,
  'TY-7-001,七组,赵大爷,男,1850,是,留守老人',
  'TY-7-001,七组,钱大娘,女,1952,,',
  'TY-7-001,七组,钱大娘,女,1952,,',
  'TY-7-002,七组,孙小明,男,85年,是,',
].join('\r\n');

const FIXED = [
  HEADER,
  'TY-7-001,七组,赵大爷,男,1950,是,留守老人',
  'TY-7-001,七组,钱大娘,女,1952,,',
  'TY-7-002,七组,孙小明,男,1985,是,',
].join('\r\n');

let gw: RunningGateway;
let browser: Browser;
const phones = demoPhones(
  () => gw.url,
  () => browser,
);
const { dialogs, nameOf } = phones;
let committee: Page;
let newcomer: Page;

beforeAll(async () => {
  gw = await startGateway();
  browser = await launchBrowser();
  await phones.loadUsers();
});

afterAll(async () => {
  await phones.closeAll();
  await browser?.close();
  await gw?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `membership-${name}.png`) });
const pageText = async (page: Page) => (await visible(page, '.xz-page').last().textContent()) ?? '';

async function openAs(id: string, options: { acceptDownloads?: boolean } = {}): Promise<Page> {
  return (await phones.open(id, options)).page;
}

async function tab(page: Page, label: string): Promise<void> {
  // Console pages are not tabs: the browser's back button leads back to them.
  for (let i = 0; i < 5 && !(await page.locator('.weui-tabbar__label:visible').count()); i += 1) await page.goBack();
  await page.locator('.weui-tabbar__label', { hasText: label }).click();
}

async function openConsole(page: Page, label: string, title: string): Promise<void> {
  await tab(page, '首页');
  await visible(page, '.console-card__open').filter({ hasText: label }).click();
  await visible(page, '.xz-title').filter({ hasText: title }).waitFor();
  await settle(page);
}

/** H5 slides a new page in; screenshots and sizes wait until it has landed. */
async function pickCsv(page: Page, name: string, text: string): Promise<void> {
  // What Excel on a Chinese Windows writes: GBK bytes.
  await page
    .locator('.csv-picker__input')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: iconv.encode(text, 'gbk') });
}

test('the committee downloads the template, and a GBK roster with errors shows every problem and cannot be imported', async () => {
  committee = await openAs('demo-taoyuan-committee', { acceptDownloads: true });
  await visible(committee, '.console-card').waitFor();
  await shot(committee, 'home-committee');
  await axeAuditBothModes(committee, '首页 · 村两委');
  await openConsole(committee, '花名册', '花名册 · 桃源村');
  await visible(committee, '.roster-row').first().waitFor();
  expect(await pageText(committee)).toContain('全村共找到');
  await shot(committee, 'roster');
  await axeAuditBothModes(committee, '花名册');

  // The template downloads as a CSV with a UTF-8 BOM, so Excel shows the Chinese column names.
  const [download] = await Promise.all([
    committee.waitForEvent('download'),
    visible(committee, '.roster-template').click(),
  ]);
  expect(download.suggestedFilename()).toBe('花名册模板.csv');
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe(HEADER);

  await pickCsv(committee, '花名册-有错.csv', BROKEN);
  const report = visible(committee, '.import-report--problems');
  await report.waitFor();
  const text = (await report.textContent()) ?? '';
  expect(text).toContain('一条都没有导入');
  expect(text).toContain('第 2 行 · 出生年份：出生年份 1850 不可能');
  expect(text).toContain('第 3 行 · 户代表：户号 TY-7-001 没有户代表');
  expect(text).toContain('第 4 行 · 姓名：和第 3 行是同一个人');
  expect(text).toContain('第 5 行 · 出生年份：出生年份请填四位数字');
  expect(await visible(committee, '.import-problem').count()).toBe(4);
  expect(await committee.locator('.import-confirm').count()).toBe(0);
  await report.scrollIntoViewIfNeeded();
  expect(await contrastProblems(committee)).toEqual([]);
  await shot(committee, 'import-problems');
  await axeAudit(committee, '花名册 · 导入有错');
});

test('the fixed file is checked, confirmed and imported, and the roster finds the new person', async () => {
  await pickCsv(committee, '花名册.csv', FIXED);
  const preview = visible(committee, '.import-report--preview');
  await preview.waitFor();
  const text = (await preview.textContent()) ?? '';
  expect(text).toContain('文件里共 3 行');
  expect(text).toContain('新增 2 户、3 人');
  expect(text).toContain('新的组：七组');
  expect(text).toContain('GBK');
  await preview.scrollIntoViewIfNeeded();
  await shot(committee, 'import-preview');
  await axeAudit(committee, '花名册 · 导入预览');

  await visible(committee, '.import-confirm').click();
  const done = visible(committee, '.import-report--done');
  await done.waitFor();
  expect(await done.textContent()).toContain('已经导入花名册');
  expect(await committee.locator('.import-confirm').count()).toBe(0);
  await done.scrollIntoViewIfNeeded();
  await shot(committee, 'import-done');
  await axeAudit(committee, '花名册 · 已导入');

  await visible(committee, '.roster-q input').fill('赵大爷');
  await visible(committee, '.roster-search').click();
  const row = visible(committee, '.roster-row').filter({ hasText: '赵大爷' });
  await row.waitFor();
  const rowText = (await row.textContent()) ?? '';
  for (const s of ['1950 年生', 'TY-7-001', '七组', '户代表', '还没绑定微信']) expect(rowText).toContain(s);
  expect(await visible(committee, '.roster-total').textContent()).toContain('共找到 1 人');
  await row.scrollIntoViewIfNeeded();
  await shot(committee, 'roster-search');
  await axeAudit(committee, '花名册 · 搜索');
});

test('a brand-new user asks to join 桃源村 as 赵大爷 with the household code from the paper', async () => {
  newcomer = await openAs('demo-newcomer');
  await visible(newcomer, '.join-open').waitFor();
  expect(await newcomer.locator('.console-card').count()).toBe(0);
  await shot(newcomer, 'home-newcomer');
  await axeAuditBothModes(newcomer, '首页 · 新用户');

  await visible(newcomer, '.join-open').click();
  await visible(newcomer, '.join-form').waitFor();
  await settle(newcomer);
  await visible(newcomer, '.xz-chip').filter({ hasText: '桃源村' }).click();
  await visible(newcomer, '.xz-chip--on').filter({ hasText: '✓' }).waitFor();
  await visible(newcomer, '.join-name input').fill('赵大爷');
  await visible(newcomer, '.join-code input').fill('TY-7-099');
  await visible(newcomer, '.join-submit').click();
  await visible(newcomer, '.join-error').filter({ hasText: '没有对上' }).waitFor();
  await shot(newcomer, 'join-no-match');
  await axeAuditBothModes(newcomer, '申请加入 · 没对上');

  // The code as people type it: lower case is fine.
  await visible(newcomer, '.join-code input').fill('ty-7-001');
  await visible(newcomer, '.join-submit').click();
  const status = visible(newcomer, '.join-status');
  await status.waitFor();
  const text = (await status.textContent()) ?? '';
  expect(text).toContain('等待村里审核');
  expect(text).toContain('桃源村');
  expect(text).toContain('TY-7-001');
  await visible(newcomer, '.join-refresh').waitFor();
  expect(await contrastProblems(newcomer)).toEqual([]);
  await shot(newcomer, 'join-pending');
  await axeAudit(newcomer, '申请加入 · 等待审核');
});

test('in elder mode the committee sees the request beside the roster person, and approves it', async () => {
  await tab(committee, '首页');
  await visible(committee, '.elder-switch').click();
  await visible(committee, '.elder-switch__state').filter({ hasText: '已打开' }).waitFor();
  await openConsole(committee, '审核加入申请', '审核加入申请 · 桃源村');
  const card = visible(committee, '.approval').filter({ hasText: '赵大爷' });
  await card.waitFor();
  const text = (await card.textContent()) ?? '';
  expect(text).toContain('TY-7-001');
  expect(text).toContain('赵大爷，1950 年生，七组');
  expect(text).not.toContain('换绑');

  // Elder mode: every piece of text at least 18 px, 同意 at least 60 px each way.
  await visible(committee, '.xz-page.elder').waitFor();
  const sizes = await fontSizes(
    committee,
    ['.xz-text', '.xz-muted', '.xz-title', '.xz-label', '.xz-banner', '.xz-button'].map((c) => `.xz-page.elder ${c}`),
  );
  expect(sizes.length).toBeGreaterThan(3);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  const yes = await visible(committee, '.approval__yes').boundingBox();
  expect(yes?.height).toBeGreaterThanOrEqual(60);
  expect(yes?.width).toBeGreaterThanOrEqual(60);
  const no = await visible(committee, '.approval__no').boundingBox();
  expect(no?.height).toBeGreaterThanOrEqual(44);
  expect(await contrastProblems(committee)).toEqual([]);
  await shot(committee, 'approvals-elder');
  await axeAuditBothModes(committee, '审核加入申请');

  // 不同意 asks for a reason on the page itself; an empty reason is refused in words.
  await visible(committee, '.approval__no').click();
  await visible(committee, '.reason-box__input').waitFor();
  await visible(committee, '.reason-box__confirm').click();
  await visible(committee, '.xz-error').filter({ hasText: '请写明理由' }).waitFor();
  expect(
    Math.min(...(await fontSizes(committee, ['.reason-box__input textarea', '.reason-box .xz-error']))),
  ).toBeGreaterThanOrEqual(18);
  await shot(committee, 'approvals-reason');
  await axeAudit(committee, '审核加入申请 · 写理由');
  await visible(committee, '.reason-box .xz-button--quiet').click();

  await visible(committee, '.approval__yes').click();
  await visible(committee, '.approvals__done').filter({ hasText: '已同意 赵大爷 加入' }).waitFor();
  await visible(committee, '.xz-text').filter({ hasText: '现在没有要审核的申请' }).waitFor();
  await shot(committee, 'approvals-done');
  await axeAudit(committee, '审核加入申请 · 已同意');
});

test('the newcomer refreshes, sees 已通过, and then their village and household', async () => {
  await visible(newcomer, '.join-refresh').click();
  await visible(newcomer, '.join-status').filter({ hasText: '已通过' }).waitFor();
  await shot(newcomer, 'join-approved');
  await axeAudit(newcomer, '申请加入 · 已通过');
  await visible(newcomer, '.join-enter').click();
  await visible(newcomer, '.xz-title').filter({ hasText: '您好，赵大爷' }).waitFor();

  await newcomer.reload();
  await visible(newcomer, '.xz-title').filter({ hasText: '您好，赵大爷' }).waitFor();
  const home = await pageText(newcomer);
  expect(home).toContain('桃源村');
  expect(home).toContain('户代表');
  expect(await newcomer.locator('.join-open:visible').count()).toBe(0);
  await shot(newcomer, 'home-joined');
  await axeAudit(newcomer, '首页 · 新村民');

  await tab(newcomer, '我的');
  await visible(newcomer, '.xz-title').filter({ hasText: '我的' }).waitFor();
  const mine = await pageText(newcomer);
  expect(mine).toContain('桃源村');
  expect(mine).toContain('七组 · 户号 TY-7-001 · 2 口人');
  await shot(newcomer, 'mine-joined');
  await axeAuditBothModes(newcomer, '我的 · 新村民');
});

test('the committee adds and removes a role with a reason, and is told in words it cannot change 村两委', async () => {
  await openConsole(committee, '村里人的角色', '村里人的角色 · 桃源村');
  const member = visible(committee, '.member').filter({ hasText: '赵大爷' });
  await member.waitFor();
  await member.locator('.member__edit').click();
  await member.locator('.xz-button:visible', { hasText: '加上村民代表' }).click();
  await member.locator('.xz-muted', { hasText: '村民代表' }).waitFor();
  await member.locator('.xz-button:visible', { hasText: '去掉村民代表' }).click();
  await member.locator('.reason-box__input textarea').fill('搬去县城住了');
  await member.locator('.reason-box__confirm').click();
  await member.locator('.xz-button:visible', { hasText: '加上村民代表' }).waitFor();
  expect(await member.locator('.xz-muted').first().textContent()).not.toContain('村民代表');

  await member.locator('.xz-button:visible', { hasText: '加上村两委' }).click();
  await member.locator('.member__error').filter({ hasText: '村两委的角色只有乡镇能调整' }).waitFor();
  await member.locator('.member__error').scrollIntoViewIfNeeded();
  await shot(committee, 'roles-forbidden');
  await axeAuditBothModes(committee, '村里人的角色');
});

test('the audit log shows the import, the approval and the role changes, and says the record is whole', async () => {
  await openConsole(committee, '操作记录', '操作记录 · 桃源村');
  const banner = visible(committee, '.audit-banner');
  await banner.waitFor();
  expect(await banner.textContent()).toContain('记录完整，没有被改动');
  const entries = visible(committee, '.audit-entry');
  await entries.first().waitFor();
  const texts = await entries.allTextContents();
  // Newest first.
  expect(texts.map((t) => t.split(' · ')[0])).toEqual(['去掉角色', '加角色', '同意加入', '导入花名册']);
  expect(texts[0]).toContain('理由：搬去县城住了');
  expect(texts[0]).toContain('角色：村民、户代表、村民代表 → 村民、户代表');
  expect(texts[2]).toContain('状态：等待审核 → 已同意');
  expect(texts[3]).toContain('全村户数：120 → 122');
  expect(texts[3]).toContain('新的组：七组');
  for (const t of texts) expect(t).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
  expect(texts[3]).toContain(nameOf('demo-taoyuan-committee'));
  expect(await contrastProblems(committee)).toEqual([]);
  await shot(committee, 'audit');
  await axeAuditBothModes(committee, '操作记录');
});

test('the committee registers a 互助工作队 of people found by name, renames it, takes one off, and the log says so', async () => {
  const api = demoApi(() => gw.url);
  // Two people of 桃源村 whose names are theirs alone, so that a search by name finds just them.
  const roster = await api<{ items: Array<{ id: string; name: string }> }>('demo-taoyuan-committee', 'roster.search', {
    q: '',
    page: 0,
  });
  const counts = new Map<string, number>();
  for (const p of roster.items) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  const [first, second] = roster.items.filter((p) => counts.get(p.name) === 1).map((p) => p.name);
  expect(first && second).toBeTruthy();

  await openConsole(committee, '互助工作队', '互助工作队 · 桃源村');
  await visible(committee, '.xz-page').filter({ hasText: '村里还没有登记互助工作队' }).waitFor();
  await visible(committee, '.teams__new').click();
  const form = visible(committee, '.team-form');
  await form.waitFor();
  // Saving with nothing filled in says what is missing, in words, and sends nothing.
  await form.locator('.team-form__save').click();
  await form.locator('.team-form__problem').filter({ hasText: '请至少加一名队员' }).waitFor();
  await form.locator('.team-form__name input').fill('修路队');
  for (const name of [first, second]) {
    await form.locator('.name-search__q input').fill(name);
    await form.locator('.name-search__go').click();
    await form.locator('.name-search__found .xz-chip').filter({ hasText: name }).click();
    await form.locator('.team-form__member').filter({ hasText: name }).waitFor();
  }
  await settle(committee);
  await axeAuditBothModes(committee, '登记互助工作队');
  await form.locator('.team-form__save').click();
  await visible(committee, '.teams__done').filter({ hasText: '已登记“修路队”' }).waitFor();
  const card = visible(committee, '.team-card').filter({ hasText: '修路队' });
  expect(await card.textContent()).toContain(`${first}、${second}`);

  await card.locator('.team-card__edit').click();
  await form.locator('.team-form__name input').fill('修路互助队');
  await form.locator('.team-form__member').filter({ hasText: second }).locator('.team-form__remove').click();
  await form.locator('.team-form__save').click();
  await visible(committee, '.teams__done').filter({ hasText: '已保存“修路互助队”' }).waitFor();
  const renamed = visible(committee, '.team-card').filter({ hasText: '修路互助队' });
  expect(await renamed.locator('.team-card__members').textContent()).toBe(first);

  // A second team may not take the name: the server says so beside the button.
  await visible(committee, '.teams__new').click();
  await form.locator('.team-form__name input').fill('修路互助队');
  await form.locator('.name-search__q input').fill(second);
  await form.locator('.name-search__go').click();
  await form.locator('.name-search__found .xz-chip').filter({ hasText: second }).click();
  await form.locator('.team-form__save').click();
  await form.locator('.action-note__error').filter({ hasText: '已经有叫这个名字的互助工作队' }).waitFor();
  await shot(committee, 'teams');
  await axeAuditBothModes(committee, '互助工作队');
  await form.locator('.team-form__cancel').click();
  expect(await visible(committee, '.team-card').count()).toBe(1);

  await openConsole(committee, '操作记录', '操作记录 · 桃源村');
  const entries = visible(committee, '.audit-entry');
  await entries.first().waitFor();
  const [renaming, registering] = await entries.allTextContents();
  expect(renaming).toContain('登记或修改互助工作队');
  expect(renaming).toContain('队名：修路队 → 修路互助队');
  expect(renaming).toContain(`队员：${first}、${second} → ${first}`);
  expect(registering).toContain(`队员：${first}、${second}`);
  expect(await visible(committee, '.audit-banner').textContent()).toContain('记录完整，没有被改动');
});

test('a villager who opens a console page by its address is told 没有权限 and sees no data', async () => {
  const page = await openAs('demo-taoyuan-villager1');
  expect(await page.locator('.console-card').count()).toBe(0);
  for (const p of ['roster', 'approvals', 'audit']) {
    await page.goto(`${gw.url}/#/pkg-committee/${p}/index`);
    await visible(page, '.console-denied').filter({ hasText: '没有权限' }).waitFor();
    await settle(page);
    expect(await page.locator('.roster-row, .approval, .audit-entry, .audit-banner').count()).toBe(0);
  }
  await shot(page, 'console-denied');
  await axeAuditBothModes(page, '没有权限');
});

test('township staff pick a village first and see its roster, without the committee-only tools', async () => {
  const page = await openAs('demo-township-staff');
  const card = visible(page, '.console-card');
  await card.waitFor();
  expect(await visible(page, '.console-card__open').count()).toBe(0);
  await card.locator('.xz-chip', { hasText: '石桥村' }).click();
  expect(await visible(page, '.console-card__open').allTextContents()).toEqual([
    '花名册',
    '村里人的角色',
    '互助工作队',
    '操作记录',
  ]);
  await visible(page, '.console-card__open').filter({ hasText: '花名册' }).click();
  await visible(page, '.xz-title').filter({ hasText: '花名册 · 石桥村' }).waitFor();
  await settle(page);
  await visible(page, '.roster-row').first().waitFor();
  expect(await visible(page, '.roster-row').first().textContent()).toContain('SQ-');
  expect(await page.locator('.roster-import').count()).toBe(0);
  await shot(page, 'township-roster');
  await axeAudit(page, '花名册 · 乡镇干部');
});

test('no step opened a browser pop-up', () => {
  expect(dialogs).toEqual([]);
});
