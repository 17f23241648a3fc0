import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startGateway, type RunningGateway } from '../helpers/gateway-process';
import { axeAudit, axeAuditBothModes, visible } from '../helpers/page';

/**
 * The H5 build in Chromium against the real gateway (`npm start`'s code, on a fresh seeded store):
 * a visitor picks a demo user, sees the demo village, walks the tabs and turns on elder mode.
 */
jest.setTimeout(120_000);

const SHOTS = join(__dirname, '__screenshots__');

interface DemoUser {
  accountId: string;
  name: string;
  villageName: string;
}

let gw: RunningGateway;
let browser: Browser;
let users: DemoUser[];

beforeAll(async () => {
  gw = await startGateway();
  browser = await launchBrowser();
  users = ((await (await fetch(`${gw.url}/api/dev/users`)).json()) as { data: DemoUser[] }).data;
});

afterAll(async () => {
  await browser?.close();
  await gw?.stop();
});

function user(id: string): DemoUser {
  const u = users.find((x) => x.accountId === id);
  if (!u) throw new Error(`no demo user ${id}`);
  return u;
}

async function signInAs(page: Page, id: string): Promise<void> {
  await visible(page, '.demo-user').first().waitFor();
  await visible(page, '.demo-user')
    .filter({ hasText: user(id).name })
    .first()
    .click();
  await visible(page, '.xz-title')
    .filter({ hasText: `您好，${user(id).name}` })
    .waitFor();
}

async function tab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__label', { hasText: label }).click();
}

async function fontPx(page: Page, selector: string): Promise<number> {
  return visible(page, selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

test('a CJK font is installed, so screenshots show Chinese, not boxes', () => {
  expect(execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length).toBeGreaterThan(0);
});

test('a villager signs in, sees the demo village, walks the tabs and turns on elder mode', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(gw.url);
  // No session yet: the app sends the visitor to pick a demo user.
  await visible(page, '.xz-title').filter({ hasText: '选择演示用户' }).waitFor();
  // The list arrives a moment after the title.
  await visible(page, '.demo-user').first().waitFor();
  expect(await visible(page, '.demo-user').count()).toBe(users.length);
  await page.screenshot({ path: join(SHOTS, 'login.png') });
  await axeAuditBothModes(page, '选择演示用户');

  await signInAs(page, 'demo-taoyuan-villager1');
  const home = visible(page, '.xz-page');
  await expect(home.textContent()).resolves.toContain('桃源村');
  await expect(home.textContent()).resolves.toContain('清河镇');
  expect(await visible(page, '.xz-stat__num').first().textContent()).toBe('120');
  await page.screenshot({ path: join(SHOTS, 'home-villager.png') });
  await axeAudit(page, '首页');

  await tab(page, '议事');
  await visible(page, '.xz-title').filter({ hasText: '议事' }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'tab-matters.png') });
  await axeAuditBothModes(page, '议事');
  await tab(page, '公开');
  await visible(page, '.xz-title').filter({ hasText: '村务公开' }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'tab-board.png') });
  await axeAuditBothModes(page, '公开');
  await tab(page, '我的');
  await visible(page, '.xz-title').filter({ hasText: '我的' }).waitFor();
  await expect(visible(page, '.xz-page').textContent()).resolves.toMatch(/户号 TY-\d-\d{3}/);
  expect(await fontPx(page, '.xz-text')).toBeLessThan(18);
  await page.screenshot({ path: join(SHOTS, 'tab-mine.png') });
  await axeAudit(page, '我的');

  // Elder mode: one tap, then bigger text and targets on every page, the tab bar included.
  await visible(page, '.elder-switch').click();
  await visible(page, '.elder-switch__state').filter({ hasText: '已打开' }).waitFor();
  await visible(page, '.xz-page.elder').waitFor();
  expect(await fontPx(page, '.xz-text')).toBeGreaterThanOrEqual(18);
  const box = await visible(page, '.elder-switch').boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(60);
  const tabBox = await page.locator('.weui-tabbar__item').first().boundingBox();
  expect(tabBox?.height).toBeGreaterThanOrEqual(60);
  expect(
    await page
      .locator('.weui-tabbar__label')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
  ).toBeGreaterThanOrEqual(18);
  await page.screenshot({ path: join(SHOTS, 'tab-mine-elder.png') });
  await axeAudit(page, '我的 (长辈版)');

  await tab(page, '首页');
  await visible(page, '.xz-page.elder').waitFor();
  expect(await fontPx(page, '.xz-text')).toBeGreaterThanOrEqual(18);
  const buttons = visible(page, '.xz-button');
  for (let i = 0; i < (await buttons.count()); i += 1) {
    const b = await buttons.nth(i).boundingBox();
    expect(b?.height).toBeGreaterThanOrEqual(60);
    expect(b?.width).toBeGreaterThanOrEqual(60);
  }
  await page.screenshot({ path: join(SHOTS, 'home-elder.png') });
  await axeAudit(page, '首页 (长辈版)');

  // The choice is kept with the account: a reload (or another phone) still shows elder mode.
  await page.reload();
  await visible(page, '.xz-page.elder').waitFor();
  await visible(page, '.elder-switch__state').filter({ hasText: '已打开' }).waitFor();
  await context.close();
});

test('elder mode follows the account to a new browser, and switching users shows who they are', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(gw.url);
  await signInAs(page, 'demo-taoyuan-villager1');
  // A fresh browser with no local memory of the choice: it comes from the server.
  await visible(page, '.xz-page.elder').waitFor();

  await tab(page, '我的');
  await visible(page, '.xz-button').filter({ hasText: '换一个演示用户' }).click();
  await signInAs(page, 'demo-township-staff');
  const text = (await visible(page, '.xz-page').textContent()) ?? '';
  expect(text).toContain('清河镇管辖的村');
  expect(text).toContain('桃源村');
  expect(text).toContain('石桥村');
  expect(text).toContain('乡镇干部');
  await page.screenshot({ path: join(SHOTS, 'home-township.png') });
  await axeAuditBothModes(page, '首页 · 乡镇干部');

  await tab(page, '我的');
  await visible(page, '.xz-button').filter({ hasText: '换一个演示用户' }).click();
  await signInAs(page, 'demo-shiqiao-committee');
  const committee = (await visible(page, '.xz-page').textContent()) ?? '';
  expect(committee).toContain('石桥村');
  expect(committee).toContain('村两委');
  await axeAuditBothModes(page, '首页 · 村两委');
  await context.close();
});

test('the accessibility check fails on a problem on screen, and ignores pages Taro keeps hidden', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(gw.url);
  await signInAs(page, 'demo-taoyuan-villager1');
  await tab(page, '我的');
  await visible(page, '.xz-title').filter({ hasText: '我的' }).waitFor();
  await axeAudit(page, '我的');
  // Taps are buttons to a screen reader and work from the keyboard: Enter presses 长辈版, and again.
  const toggle = visible(page, '.elder-switch');
  expect(await toggle.getAttribute('role')).toBe('button');
  expect(await toggle.getAttribute('tabindex')).toBe('0');
  const saved = () => page.waitForResponse((r) => r.url().endsWith('/api/account'));
  await toggle.focus();
  await Promise.all([saved(), page.keyboard.press('Enter')]);
  await visible(page, '.elder-switch__state').filter({ hasText: '已关闭' }).waitFor();
  await Promise.all([saved(), page.keyboard.press(' ')]);
  await visible(page, '.elder-switch__state').filter({ hasText: '已打开' }).waitFor();
  // The home page is still in the DOM, hidden: a picture without words there is not on screen.
  await page.evaluate(() => {
    const hidden = Array.from(document.querySelectorAll('.taro_page')).find(
      (el) => getComputedStyle(el).display === 'none',
    );
    if (!hidden) throw new Error('no hidden page');
    hidden.appendChild(Object.assign(document.createElement('img'), { className: 'axe-probe', src: '/x.png' }));
  });
  await axeAudit(page, '我的 (首页藏着)');
  // The same picture on the page on screen fails the check, naming the rule and the element.
  await visible(page, '.xz-page').evaluate((el) =>
    el.appendChild(Object.assign(document.createElement('img'), { className: 'axe-probe', src: '/x.png' })),
  );
  await expect(axeAuditBothModes(page, '我的')).rejects.toThrow(/\[critical\] image-alt at [^\n]*axe-probe/);
  await context.close();
});

test('a forged session is refused and the visitor is sent back to pick a user', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  await context.addInitScript(() => {
    window.localStorage.setItem('xz.token', JSON.stringify('forged.token'));
  });
  const page = await context.newPage();
  await page.goto(gw.url);
  await visible(page, '.xz-title').filter({ hasText: '选择演示用户' }).waitFor();
  await context.close();
});
