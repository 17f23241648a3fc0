import { FUNCTION_ROUTES } from '../../cloudfunctions/registry';
import { pileUp as pileUpHistory } from '../../bench/matters-history';
import { dispatch } from '../../cloudfunctions/shared/handler';
import { countingStore, emptyCounts, type OpCounts } from '../../cloudfunctions/shared/store/port';
import { mattersWorld, who, type MattersWorld } from '../helpers/matters';

/**
 * What a page costs, in CloudBase's own currency (reads, writes, documents returned): the list, a
 * matter's page, its comments and its timeline cost the same with 100 matters as with 10,000
 * matters and 200,000 comments, because each is one indexed range read a page deep; SQLite's own
 * query plans show the index. (How long it takes is bench/matters' business, not a test's.)
 */
jest.setTimeout(180_000);

let w: MattersWorld;
let target: string;
beforeAll(async () => {
  w = await mattersWorld();
  const m = await w.raise(who.villager1, { title: '要看的那件事' });
  target = m.id;
  // More than a page of comments already, so both sizes read a full page.
  for (let i = 0; i < 60; i += 1) {
    await w.api.ok(who.villager2, 'matters.comment', { matterId: target, stance: 'for', text: `留言${i}` });
  }
  // Enough in every filter for a full page at both sizes: half in a group, a quarter withdrawn (ended).
  for (let i = 0; i < 99; i += 1) {
    const other = await w.raise(who.villager2, {
      title: `别的事情${i}`,
      ...(i % 2 === 0 ? { groupId: 'taoyuan-g1' } : {}),
    });
    if (i % 4 === 1) await w.api.ok(who.villager2, 'matters.withdraw', { matterId: other.id });
  }
  // Past their screening deadline, so the township's overdue list is a full page at both sizes.
  w.ctx.clock.advance(9 * 86_400_000);
});
afterAll(() => w.cleanup());

async function cost(action: string, payload: Record<string, unknown>): Promise<{ counts: OpCounts; plans: string[] }> {
  const counts = emptyCounts();
  const { store } = countingStore(w.ctx.store, counts);
  const stopRecording = w.ctx.store.recordPlans();
  const res = await dispatch(
    FUNCTION_ROUTES.matters,
    { action, ...payload },
    { store, clock: w.ctx.clock, identity: who.villager1 },
  );
  if (!res.ok) throw new Error(`${action}: ${res.error.code}`);
  return { counts, plans: stopRecording() };
}

const PAGES: Array<[string, () => Record<string, unknown>]> = [
  ['matters.list', () => ({})],
  ['matters.list', () => ({ stage: 'raise' })],
  ['matters.list', () => ({ overdue: true })],
  ['matters.list', () => ({ ended: true })],
  ['matters.list', () => ({ groupId: 'taoyuan-g1' })],
  ['matters.get', () => ({ matterId: target })],
  ['matters.comments', () => ({ matterId: target })],
  ['matters.timeline', () => ({ matterId: target })],
];

/** Many old matters and comments, written straight to the store as the service would have. */
async function pileUp(matters: number, comments: number): Promise<void> {
  await pileUpHistory(w.ctx.store, {
    villageId: 'vil-taoyuan',
    authorId: 'p-taoyuan-0001',
    commenterId: 'p-taoyuan-0002',
    target,
    // Half of them on the very matter whose page is read, the rest spread over the old ones.
    targetShare: 0.5,
    matters,
    comments,
    groupIds: [null, 'taoyuan-g1', 'taoyuan-g2'],
    startAt: w.ctx.clock.now() - 400 * 86_400_000,
  });
}

test('list, page, comments and timeline cost the same at 100 matters and at 10,000 with 200,000 comments', async () => {
  const small = [];
  for (const [action, payload] of PAGES) small.push(await cost(action, payload()));
  await pileUp(10_000, 200_000);
  const large = [];
  for (const [action, payload] of PAGES) large.push(await cost(action, payload()));
  for (let i = 0; i < PAGES.length; i += 1) {
    expect([PAGES[i][0], large[i].counts]).toEqual([PAGES[i][0], small[i].counts]);
    // Time is noisy; SQLite's plan is not. Every read is an indexed range (SEARCH ... USING INDEX),
    // never a scan of the table, and the plan is the same at both sizes.
    expect([PAGES[i][0], large[i].plans]).toEqual([PAGES[i][0], small[i].plans]);
    expect(large[i].plans.filter((p) => p.startsWith('SCAN'))).toEqual([]);
    expect(large[i].plans.length).toBeGreaterThan(0);
  }
  // Each filter of the list reads the index made for it, not the village's whole list filtered row by row.
  expect(large.slice(0, 5).map((c) => c.plans[0].match(/USING INDEX (\w+)/)?.[1])).toEqual([
    'ix_matters_by_village_activity',
    'ix_matters_by_village_stage',
    'ix_matters_by_village_state_due',
    'ix_matters_by_village_phase',
    'ix_matters_by_village_group',
  ]);
  // Only the overdue-screening list sorts outside its index: what it sorts is the matters still
  // waiting for screening past their day, which leave that state when screened, not the history.
  for (let i = 0; i < PAGES.length; i += 1) {
    const sorts = large[i].plans.some((p) => p.includes('TEMP B-TREE'));
    expect([PAGES[i][0], JSON.stringify(PAGES[i][1]()), sorts]).toEqual([
      PAGES[i][0],
      JSON.stringify(PAGES[i][1]()),
      PAGES[i][1]().overdue === true,
    ]);
  }
  // A page is a page: a list of 20 returns 21 documents at most (the extra one says "more").
  expect(large[0].counts.docsReturned).toBeLessThanOrEqual(21 + 3);
});
