import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { demoApi, demoPhones, tinyPng } from '../helpers/demo';
import { startGateway, type RunningGateway } from '../helpers/gateway-process';
import { axeAuditBothModes, fontSizes, settle, showElderMode, visible } from '../helpers/page';

/**
 * 联户走访 in Chromium against the real gateway on a fresh demo township, as issue 7's "done when"
 * says a new user would see it. The demo seed gives 桃源村's party member 6 households and the grid
 * leader 5, in the grid leader's grid, with this month's tasks.
 *
 * 1. Offline made real with `context.setOffline(true)`: the party member fills in a check-in with no
 *    network; it shows as waiting; the page is reloaded, still offline, and the queue is still there;
 *    the network comes back and it drains by itself; the visit is on the server exactly once.
 *    A reload with no network needs the app's own files from somewhere: in WeChat they are on the
 *    phone; here a route handler serves the H5 build from disk (as a service worker's cache would),
 *    while every /api call fails as the offline browser makes it fail.
 * 2. A check-in with two needs (诉求), location agreed by the villager; the committee reports one up
 *    (上报) and township staff closes it out; the party member turns the other into a matter (转为议事)
 *    and the committee closes it out (销号, with what was done). The grid leader's and the
 *    committee's dashboards move, read on the pages and checked against the API.
 * 3. The committee assigns households past the village's range: a warning, not a block.
 */
jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');
const H5 = join(ROOT, 'dist', 'h5');
const SHOTS = join(__dirname, '__screenshots__');

interface Task {
  householdId: string;
  householdCode: string;
  status: string;
}
interface Tally {
  total: number;
  done: number;
  due: number;
  overdue: number;
}
interface Row {
  tally: Tally;
  coverage: number | null;
  gaps: number;
  needs: { open: number; closed: number; raised: number; closeOutRate: number | null };
}

let gw: RunningGateway;
let browser: Browser;
const phones = demoPhones(
  () => gw.url,
  () => browser,
);
const { dialogs, nameOf } = phones;

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

// ---- helpers ---------------------------------------------------------------------------------------

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `visits-${name}.png`) });

function openAs(id: string): Promise<{ page: Page; context: BrowserContext }> {
  return phones.open(id);
}

const api = demoApi(() => gw.url);

const PARTY = 'demo-taoyuan-party';
const GRID = 'demo-taoyuan-grid';
const COMMITTEE = 'demo-taoyuan-committee';
const TOWNSHIP = 'demo-township-staff';

const myTasks = () => api<{ tally: Tally; items: Task[] }>(PARTY, 'visits.myTasks');
const visitsAt = async (householdId: string) =>
  (await api<{ visits: Array<{ id: string }> }>(COMMITTEE, 'visits.household', { householdId })).visits.length;

/**
 * The app's own files, served from the H5 build on disk while the browser is offline (as the phone
 * holds the mini-program's package). /api is left alone, so every call fails as offline calls do.
 */
async function serveAppFromDisk(page: Page): Promise<void> {
  await page.route(
    (url) => url.origin === gw.url && !url.pathname.startsWith('/api/'),
    async (route: Route) => {
      const path = decodeURIComponent(new URL(route.request().url()).pathname);
      const file = normalize(join(H5, path));
      const ok = file.startsWith(H5) && existsSync(file) && statSync(file).isFile();
      await route.fulfill({ path: ok ? file : join(H5, 'index.html') });
    },
  );
}

async function waitOutboxCount(page: Page, n: number): Promise<void> {
  await visible(page, '.visit-outbox__title')
    .filter({ hasText: `还没发出去的走访：${n} 条` })
    .waitFor();
}

async function openMine(page: Page): Promise<void> {
  await visible(page, '.visit-entry__mine').click();
  await visible(page, '.visit-task').first().waitFor();
  await settle(page);
}

/** "已走访 d/t" of one member's row on the grid page. */
async function memberProgress(page: Page, name: string): Promise<{ done: number; total: number }> {
  const text = (await visible(page, '.visits-member').filter({ hasText: name }).textContent()) ?? '';
  const m = /已走访 (\d+)\/(\d+)/.exec(text);
  if (!m) throw new Error(`no progress in "${text}"`);
  return { done: Number(m[1]), total: Number(m[2]) };
}

/** The village's numbers as its page shows them: done this month, open needs, close-out rate. */
async function villageNumbers(page: Page): Promise<{ done: number; open: number; rate: string }> {
  const tally = (await visible(page, '.visit-cov__tally').first().textContent()) ?? '';
  const needs = (await visible(page, '.visit-cov__needs').first().textContent()) ?? '';
  const open = (await visible(page, '.visit-cov__open').first().textContent()) ?? '';
  const done = /已走访 (\d+)/.exec(tally);
  const rate = /销号率 (\S+)/.exec(needs);
  if (!done || !rate) throw new Error(`no numbers in "${tally}" / "${needs}"`);
  return { done: Number(done[1]), open: Number(open), rate: rate[1] };
}

// ---- 1. offline -----------------------------------------------------------------------------------

test('offline: a check-in waits on the phone, survives a reload, and is sent once when the network returns', async () => {
  const { page, context } = await openAs(PARTY);
  const before = await myTasks();
  expect(before.items).toHaveLength(6);
  await openMine(page);
  expect(await visible(page, '.visit-task').count()).toBe(6);
  expect(await visible(page, '.visits-summary__due').textContent()).toBe(String(before.tally.due));
  await waitOutboxCount(page, 0);
  // The main action is at the bottom of the screen, in reach of a thumb.
  const bar = await visible(page, '.visits-bar__next').boundingBox();
  expect(bar && bar.y + bar.height).toBeGreaterThan(740 - 100);
  expect(bar && bar.height).toBeGreaterThanOrEqual(60);
  await axeAuditBothModes(page, '我的联系户');
  await shot(page, 'tasks');
  // 长辈版: bigger text and bigger targets on the one-hand list.
  await showElderMode(page, true);
  for (const px of await fontSizes(page, ['.visit-task__code', '.visit-task__status', '.xz-text'])) {
    expect(px).toBeGreaterThanOrEqual(18);
  }
  for (const sel of ['.visit-task__go', '.visits-bar__next']) {
    for (const b of await visible(page, sel).evaluateAll((els) => els.map((el) => el.getBoundingClientRect()))) {
      expect(b.height).toBeGreaterThanOrEqual(60);
      expect(b.width).toBeGreaterThanOrEqual(60);
    }
  }
  await shot(page, 'tasks-elder');
  await showElderMode(page, false);

  const target = before.items[0];
  const visitsBefore = await visitsAt(target.householdId);
  // The list keeps each household still to visit on the phone, for a check-in with no network.
  await page.waitForFunction((id) => localStorage.getItem(`xz.visits.cache.hh.${id}`) !== null, target.householdId);

  await serveAppFromDisk(page);
  await context.setOffline(true);
  await visible(page, '.visit-task').filter({ hasText: target.householdCode }).locator('.visit-task__go').click();
  await visible(page, '.visits-notes').waitFor();
  await visible(page, '.visits-kept').filter({ hasText: '没有网络' }).waitFor();
  await visible(page, '.visits-person').first().click();
  await visible(page, '.visits-others input').fill('隔壁的王婶');
  await visible(page, '.visits-notes textarea').fill('老人身体还好，药按时吃了。');
  // A photo taken with no network stays on the phone (IndexedDB) until the check-in is sent.
  await page
    .locator('.visits-photos-start .photo-picker__input')
    .last()
    .setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: tinyPng() });
  await visible(page, '.visits-photos-start .photo-picker__img').waitFor();
  await settle(page);
  await axeAuditBothModes(page, '走访登记（没有网络）');
  await shot(page, 'checkin-offline');
  await visible(page, '.visits-submit').click();
  await visible(page, '.visits-result__waiting').filter({ hasText: '已存在手机上，还没发出去' }).waitFor();
  await shot(page, 'offline-saved');

  await visible(page, '.visits-result__back').click();
  await waitOutboxCount(page, 1);
  await visible(page, '.visit-outbox__offline').waitFor();
  await visible(page, '.visit-outbox__item')
    .filter({ hasText: '1张照片' })
    .filter({ hasText: target.householdCode })
    .waitFor();
  await visible(page, '.visit-task')
    .filter({ hasText: target.householdCode })
    .locator('.visit-task__waiting')
    .waitFor();
  expect(await visitsAt(target.householdId)).toBe(visitsBefore);

  // Reloaded with no network: the app comes from the phone, the queue from its storage.
  await page.reload();
  await visible(page, '.visit-outbox__title').waitFor();
  await waitOutboxCount(page, 1);
  await visible(page, '.visits-kept').filter({ hasText: '没有网络' }).waitFor();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await settle(page);
  expect(await visitsAt(target.householdId)).toBe(visitsBefore);
  await axeAuditBothModes(page, '我的联系户（没有网络，刷新后）');
  await shot(page, 'offline-reloaded');

  // The network returns: the queue drains by itself.
  await context.setOffline(false);
  await page.unrouteAll();
  await waitOutboxCount(page, 0);
  await visible(page, '.visit-outbox__sent-item').filter({ hasText: target.householdCode }).waitFor();
  expect(await visitsAt(target.householdId)).toBe(visitsBefore + 1);
  await visible(page, '.visits-summary__done')
    .filter({ hasText: String(before.tally.done + 1) })
    .waitFor();
  await shot(page, 'drained');

  // Once more, online, and later: nothing is sent twice.
  await page.reload();
  await visible(page, '.visit-task').first().waitFor();
  await waitOutboxCount(page, 0);
  await settle(page);
  expect(await visitsAt(target.householdId)).toBe(visitsBefore + 1);
  const after = await myTasks();
  expect(after.tally.done).toBe(before.tally.done + 1);
  const done = after.items.find((t) => t.householdId === target.householdId);
  expect(done?.status).toBe('done');
  // The photo went up with it, after the network came back.
  const sentVisit = await api<{ start: { photos: string[]; location: unknown }; notes: string }>(
    PARTY,
    'visits.visit',
    {
      visitId: (
        await api<{ visits: Array<{ id: string }> }>(PARTY, 'visits.household', { householdId: target.householdId })
      ).visits[0].id,
    },
  );
  expect(sentVisit.start.photos).toHaveLength(1);
  expect(sentVisit.start.location).toEqual({ consent: 'refused' });
  expect(sentVisit.notes).toBe('老人身体还好，药按时吃了。');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xz.outbox.v')))).toEqual([]);

  // The household's page lists the visit, once.
  await visible(page, '.visit-task').filter({ hasText: target.householdCode }).locator('.visit-task__body').click();
  await visible(page, '.visits-hh__visit').first().waitFor();
  expect(await visible(page, '.visits-hh__visit').count()).toBe(visitsBefore + 1);
  expect(await visible(page, '.visits-hh__visit').first().textContent()).toContain(nameOf(PARTY));
  await axeAuditBothModes(page, '户的情况');
  await shot(page, 'household');
});

// ---- 2. needs through the chain, dashboards move ---------------------------------------------------

test('a check-in with needs; one is reported up and closed out, one becomes a matter and is closed; dashboards move', async () => {
  // Before: the grid leader's page and the committee's page, read as numbers.
  const grid = await openAs(GRID);
  await visible(grid.page, '.visit-entry__grid').click();
  await visible(grid.page, '.visits-member').first().waitFor();
  const partyBefore = await memberProgress(grid.page, nameOf(PARTY));
  const gridApiBefore = await api<{ grid: Row }>(GRID, 'visits.gridBoard');
  await axeAuditBothModes(grid.page, '网格走访情况');

  const committee = await openAs(COMMITTEE);
  await visible(committee.page, '.visit-entry__village').click();
  await visible(committee.page, '.visit-cov__tally').first().waitFor();
  const villageBefore = await villageNumbers(committee.page);
  const villageApiBefore = await api<{ village: Row }>(COMMITTEE, 'visits.villageBoard');
  expect(villageBefore.done).toBe(villageApiBefore.village.tally.done);
  expect(villageBefore.open).toBe(villageApiBefore.village.needs.open);
  await axeAuditBothModes(committee.page, '全村走访情况');

  // The party member visits a household still due, with the villager's consent to record the place.
  const party = await openAs(PARTY);
  await party.context.grantPermissions(['geolocation'], { origin: gw.url });
  await party.context.setGeolocation({ latitude: 31.17, longitude: 115.02, accuracy: 20 });
  await openMine(party.page);
  const target = (await myTasks()).items.find((t) => t.status !== 'done');
  if (!target) throw new Error('no household left to visit');
  await visible(party.page, '.visit-task').filter({ hasText: target.householdCode }).locator('.visit-task__go').click();
  await visible(party.page, '.visits-notes').waitFor();
  await visible(party.page, '.visits-switch').click();
  await visible(party.page, '.visits-where').filter({ hasText: '已记下' }).waitFor();
  await visible(party.page, '.visits-notes textarea').fill('屋顶有一处漏雨，老人腿脚不便。');
  const addNeed = async (category: string, urgent: boolean, text: string) => {
    await visible(party.page, '.visits-needs__add').click();
    await visible(party.page, '.visits-needs__form .xz-chip').filter({ hasText: category }).click();
    if (urgent) await visible(party.page, '.visits-needs__form .xz-chip').filter({ hasText: '紧急' }).click();
    await visible(party.page, '.visits-needs__text textarea').fill(text);
    await visible(party.page, '.visits-needs__save').click();
  };
  await addNeed('住房', true, '屋顶漏雨，想请村里帮忙修');
  await addNeed('水电路', false, '门口的路灯不亮了');
  await visible(party.page, '.visits-need').nth(1).waitFor();
  await axeAuditBothModes(party.page, '走访登记（有诉求）');
  await shot(party.page, 'checkin');
  await visible(party.page, '.visits-submit').click();
  await visible(party.page, '.visits-result__sent').waitFor();

  const household = await api<{
    visits: Array<{ id: string }>;
    needs: Array<{ id: string; text: string; level: string }>;
  }>(COMMITTEE, 'visits.household', { householdId: target.householdId });
  const visit = await api<{ start: { location: unknown }; end: { location: unknown } }>(PARTY, 'visits.visit', {
    visitId: household.visits[0].id,
  });
  expect(visit.start.location).toMatchObject({ consent: 'granted', latitude: 31.17, longitude: 115.02 });
  expect(visit.end.location).toMatchObject({ consent: 'granted' });
  const roof = household.needs.find((n) => n.text.includes('屋顶'));
  const lamp = household.needs.find((n) => n.text.includes('路灯'));
  expect(roof && lamp).toBeTruthy();

  // The grid leader's page: the party member's progress moved by one.
  await grid.page.reload();
  await visible(grid.page, '.visits-member').first().waitFor();
  const partyAfter = await memberProgress(grid.page, nameOf(PARTY));
  expect(partyAfter).toEqual({ done: partyBefore.done + 1, total: partyBefore.total });
  const gridApiAfter = await api<{ grid: Row }>(GRID, 'visits.gridBoard');
  expect(gridApiAfter.grid.tally.done).toBe(gridApiBefore.grid.tally.done + 1);
  expect(gridApiAfter.grid.needs.open).toBe(gridApiBefore.grid.needs.open + 2);
  await shot(grid.page, 'grid');

  // The committee's page: one more visit, two more open needs.
  await committee.page.reload();
  await visible(committee.page, '.visit-cov__tally').first().waitFor();
  const villageMid = await villageNumbers(committee.page);
  expect(villageMid.done).toBe(villageBefore.done + 1);
  expect(villageMid.open).toBe(villageBefore.open + 2);

  // The committee reports the roof up to the township (上报).
  await visible(committee.page, '.visits-to-needs').click();
  const roofCard = visible(committee.page, '.need-card').filter({ hasText: '屋顶漏雨' });
  await roofCard.waitFor();
  await axeAuditBothModes(committee.page, '诉求清单');
  await roofCard.locator('.need-card__escalate').click();
  await roofCard.locator('.need-card__input textarea').fill('房子是危房，村里修不了，要乡镇的危房改造');
  await roofCard.locator('.need-card__confirm').click();
  await roofCard.locator('.need-card__note').filter({ hasText: '乡镇处理' }).waitFor();
  expect(await roofCard.locator('.need-card__state').textContent()).toContain('乡镇处理');
  // Above the village only the township closes it: the committee no longer has 销号 on it.
  expect(await roofCard.locator('.need-card__close').count()).toBe(0);
  await shot(committee.page, 'needs-escalated');

  // The party member turns the lamp into a matter with one tap; both keep the link.
  await visible(party.page, '.visits-result__back').click();
  await visible(party.page, '.visits-to-needs').click();
  const lampCard = visible(party.page, '.need-card').filter({ hasText: '路灯不亮' });
  await lampCard.waitFor();
  await lampCard.locator('.need-card__to-matter').click();
  await lampCard.locator('.need-card__matter').waitFor();
  const lampNow = await api<{ items: Array<{ id: string; matterId: string | null }> }>(COMMITTEE, 'visits.needs', {
    status: 'open',
  });
  const matterId = lampNow.items.find((n) => n.id === lamp?.id)?.matterId;
  expect(matterId).toEqual(expect.any(String));
  await shot(party.page, 'needs-to-matter');

  // The committee closes the lamp out at the village (销号, with what was done).
  await committee.page.reload();
  const lampForCommittee = visible(committee.page, '.need-card').filter({ hasText: '路灯不亮' });
  await lampForCommittee.waitFor();
  await lampForCommittee.locator('.need-card__close').click();
  await lampForCommittee.locator('.need-card__input textarea').fill('电工换了灯泡，晚上亮了');
  await lampForCommittee.locator('.need-card__confirm').click();
  await lampForCommittee.locator('.need-card__note').filter({ hasText: '已销号' }).waitFor();
  expect(await lampForCommittee.textContent()).toContain('办了什么：电工换了灯泡，晚上亮了');

  // Township staff: every village side by side, then 桃源村's needs, and the roof closed out.
  const township = await openAs(TOWNSHIP);
  await visible(township.page, '.visit-entry__township').click();
  await visible(township.page, '.visits-village-row').first().waitFor();
  expect(await visible(township.page, '.visits-village-row').count()).toBe(2);
  await axeAuditBothModes(township.page, '全镇走访情况');
  await shot(township.page, 'township');
  await visible(township.page, '.visits-village-row').filter({ hasText: '桃源村' }).click();
  await visible(township.page, '.visits-to-needs').click();
  const roofForTownship = visible(township.page, '.need-card').filter({ hasText: '屋顶漏雨' });
  await roofForTownship.waitFor();
  await roofForTownship.locator('.need-card__close').click();
  await roofForTownship.locator('.need-card__input textarea').fill('乡镇危房改造资金下来了，屋顶换了新瓦');
  await roofForTownship.locator('.need-card__confirm').click();
  await roofForTownship.locator('.need-card__note').filter({ hasText: '已销号' }).waitFor();

  // After: the committee's page shows both needs closed and the close-out rate moved.
  await committee.page.goBack();
  await committee.page.reload();
  await visible(committee.page, '.visit-cov__tally').first().waitFor();
  const villageAfter = await villageNumbers(committee.page);
  const villageApiAfter = await api<{ village: Row }>(COMMITTEE, 'visits.villageBoard');
  expect(villageAfter.done).toBe(villageBefore.done + 1);
  expect(villageAfter.open).toBe(villageBefore.open);
  expect(villageApiAfter.village.needs.closed).toBe(villageApiBefore.village.needs.closed + 2);
  expect(villageAfter.rate).toBe(`${villageApiAfter.village.needs.closeOutRate ?? '—'}%`);
  expect(villageAfter.rate).not.toBe(villageBefore.rate);
  await shot(committee.page, 'village');
  expect(dialogs).toEqual([]);
});

// ---- 3. assigning ----------------------------------------------------------------------------------

test('the committee assigns households past the village range: warned, not stopped', async () => {
  const { page } = await openAs(COMMITTEE);
  await visible(page, '.visit-entry__village').click();
  await visible(page, '.visits-to-assign').click();
  await visible(page, '.visits-range').filter({ hasText: '5—10 户' }).waitFor();
  const partyLabel = visible(page, '.xz-chip').filter({ hasText: `${nameOf(PARTY)}（联系6户）` });
  await partyLabel.click();
  const gaps = visible(page, '.visits-gaps .xz-chip');
  for (let i = 0; i < 5; i += 1) await gaps.nth(i).click();
  await axeAuditBothModes(page, '分配联系户');
  await visible(page, '.visits-assign__go').filter({ hasText: '5户' }).click();
  await visible(page, '.visits-assign__done').filter({ hasText: '现在联系 11 户' }).waitFor();
  await visible(page, '.visits-assign__warning').filter({ hasText: '多于村里定的5—10户' }).waitFor();
  await shot(page, 'assign');
  const board = await api<{ households: number; warning: string | null }>(PARTY, 'visits.memberBoard');
  expect(board.households).toBe(11);
  expect(board.warning).toContain('多于');
});
