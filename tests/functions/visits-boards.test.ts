import { FUNCTION_ROUTES } from '../../cloudfunctions/registry';
import { dispatch } from '../../cloudfunctions/shared/handler';
import type { Identity } from '../../cloudfunctions/shared/identity';
import { countingStore, emptyCounts, type OpCounts } from '../../cloudfunctions/shared/store/port';
import { runVisitTimers } from '../../cloudfunctions/visits/timers';
import { DAY, hh, visitsWorld, who, type Tally, type VisitsWorld } from '../helpers/visits';

/**
 * The four dashboards: what each role sees, that coverage moves with a check-in, that the boards
 * and the lists count alike, and that a board costs the same store operations with a year of
 * history as with two months (counters, never a scan of history).
 */
jest.setTimeout(120_000);

let w: VisitsWorld;
let party: string;
const g3 = [3, 9, 15, 21, 27, 33, 39].map(hh);

interface Row {
  tally: Tally;
  coverage: number | null;
  households: number;
  assigned: number;
  gaps: number;
  visits: number;
  needs: { open: number; raised: number };
}

beforeAll(async () => {
  w = await visitsWorld();
  party = await w.personOf('demo-taoyuan-party');
  await runVisitTimers(w.ctx.store, w.ctx.clock.now());
  await w.assign(g3, party);
  await w.api.ok(who.shiqiaoCommittee, 'visits.assign', {
    householdIds: ['h-shiqiao-002', 'h-shiqiao-008'],
    memberId: await w.personOf('demo-shiqiao-party'),
  });
});
afterAll(() => w.cleanup());

test('the grid leader sees their grid move when a member checks in', async () => {
  const before = await w.api.ok<{ groupId: string; grid: Row; members: Array<{ memberId: string; tally: Tally }> }>(
    who.grid,
    'visits.gridBoard',
  );
  expect(before.groupId).toBe('taoyuan-g3');
  expect(before.grid).toMatchObject({ households: 20, assigned: 7, gaps: 13, tally: { total: 20, done: 0, due: 20 } });
  expect(before.members).toEqual([
    expect.objectContaining({ memberId: party, households: 7, tally: { total: 7, done: 0, due: 7, overdue: 0 } }),
  ]);
  await w.checkIn(who.party, hh(3), { needs: [{ category: 'other', text: '想装个路灯' }] });
  const after = await w.api.ok<{ grid: Row; members: Array<{ tally: Tally; coverage: number }> }>(
    who.grid,
    'visits.gridBoard',
  );
  expect(after.grid).toMatchObject({
    tally: { total: 20, done: 1, due: 19 },
    coverage: 5,
    visits: 1,
    needs: { open: 1, raised: 1 },
  });
  expect(after.members[0]).toMatchObject({ tally: { done: 1 }, coverage: 14 });
  expect((await w.memberBoard()).tally).toEqual((await w.myTasks()).tally);
});

test('a grid leader sees only their grid; the committee and the township any', async () => {
  expect(await w.api.code(who.grid, 'visits.gridBoard', { groupId: 'taoyuan-g1' })).toBe('FORBIDDEN');
  expect(
    (await w.api.ok<{ groupId: string }>(who.committee, 'visits.gridBoard', { groupId: 'taoyuan-g1' })).groupId,
  ).toBe('taoyuan-g1');
  expect(await w.api.code(who.committee, 'visits.gridBoard')).toBe('NOT_FOUND');
  expect(await w.api.code(who.committee, 'visits.gridBoard', { groupId: 'nowhere' })).toBe('NOT_FOUND');
  expect(
    (
      await w.api.ok<{ groupId: string }>(who.township, 'visits.gridBoard', {
        villageId: 'vil-shiqiao',
        groupId: 'shiqiao-g2',
      })
    ).groupId,
  ).toBe('shiqiao-g2');
  expect(await w.api.code(who.party, 'visits.gridBoard')).toBe('FORBIDDEN');
  expect(await w.api.code(who.villager, 'visits.memberBoard')).toBe('FORBIDDEN');
});

test('the committee sees the village by grid: coverage, gaps, open needs', async () => {
  const b = await w.api.ok<{ village: Row; grids: Array<Row & { groupId: string; groupName: string }> }>(
    who.committee,
    'visits.villageBoard',
  );
  expect(b.village).toMatchObject({
    households: 120,
    assigned: 7,
    gaps: 113,
    tally: { total: 120, done: 1 },
    coverage: 1,
  });
  expect(b.grids.map((g) => g.groupName)).toEqual(['一组', '二组', '三组', '四组', '五组', '六组']);
  expect(b.grids.reduce((s, g) => s + g.tally.total, 0)).toBe(120);
  expect(await w.api.code(who.grid, 'visits.villageBoard')).toBe('FORBIDDEN');
  expect(await w.api.code(who.committee, 'visits.villageBoard', { villageId: 'vil-shiqiao' })).toBe('FORBIDDEN');
});

test('the township sees every village side by side', async () => {
  const b = await w.api.ok<{ townshipName: string; township: Row; villages: Array<Row & { villageName: string }> }>(
    who.township,
    'visits.townshipBoard',
  );
  expect(b.townshipName).toBe('清河镇');
  expect(b.villages.map((v) => [v.villageName, v.households, v.assigned])).toEqual([
    ['石桥村', 118, 2],
    ['桃源村', 120, 7],
  ]);
  expect(b.township).toMatchObject({ households: 238, assigned: 9, tally: { total: 238, done: 1 } });
  expect(await w.api.code(who.committee, 'visits.townshipBoard')).toBe('FORBIDDEN');
});

async function cost(identity: Identity, action: string, payload: Record<string, unknown> = {}): Promise<OpCounts> {
  const counts = emptyCounts();
  const { store } = countingStore(w.ctx.store, counts);
  const res = await dispatch(
    FUNCTION_ROUTES.visits,
    { action, ...payload },
    { store, clock: w.ctx.clock, identity, files: w.files },
  );
  if (!res.ok) throw new Error(`${action}: ${res.error.code}`);
  return counts;
}

/** Lives through `weeks` weeks: the timer each Monday, a visit to each of the member's households each week. */
async function live(weeks: number): Promise<void> {
  for (let i = 0; i < weeks; i += 1) {
    w.ctx.clock.advance(7 * DAY);
    await runVisitTimers(w.ctx.store, w.ctx.clock.now());
    for (const h of g3)
      await w.checkIn(who.party, h, { needs: i % 4 === 0 ? [{ category: 'other', text: '想要一些种子' }] : [] });
  }
}

test('every board costs the same with a year of history as with two months', async () => {
  const boards: Array<[Identity, string]> = [
    [who.party, 'visits.memberBoard'],
    [who.party, 'visits.myTasks'],
    [who.grid, 'visits.gridBoard'],
    [who.committee, 'visits.villageBoard'],
    [who.township, 'visits.townshipBoard'],
  ];
  // Measured on the last Monday of January: two months in, and again a year later.
  const measure = async () => {
    const out: Record<string, OpCounts> = {};
    for (const [id, action] of boards) out[action] = await cost(id, action);
    return out;
  };
  await live(9);
  const early = await measure();
  const month = (await w.memberBoard()).tally;
  await live(52);
  const late = await measure();
  for (const [, action] of boards) {
    expect([action, late[action].reads]).toEqual([action, early[action].reads]);
    expect([action, late[action].writes]).toEqual([action, 0]);
  }
  // Documents returned: the same counters (per grid and month in view), whatever the history.
  expect(late['visits.townshipBoard'].docsReturned).toBe(early['visits.townshipBoard'].docsReturned);
  expect(late['visits.villageBoard'].docsReturned).toBe(early['visits.villageBoard'].docsReturned);
  expect(late['visits.memberBoard'].docsReturned).toBe(early['visits.memberBoard'].docsReturned);
  expect(month.total).toBeGreaterThan(0);
  expect((await w.memberBoard()).tally).toEqual((await w.myTasks()).tally);
  // And one check-in writes a bounded number of documents: visit, need, task, counters, household.
  const c = await cost(
    who.party,
    'visits.checkIn',
    w.visitPayload(hh(3), { needs: [{ category: 'other', text: '看看' }] }),
  );
  expect(c.writes).toBeLessThanOrEqual(8);
});
