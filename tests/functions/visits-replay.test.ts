import { randomUUID } from 'node:crypto';
import type { VisitStatsRecord } from '../../cloudfunctions/visits/records';
import { hh, visitsWorld, who, type CheckInOut, type VisitsWorld } from '../helpers/visits';

/**
 * The offline queue, replayed: a phone that lost its signal sends everything again, some of it
 * twice at once. The same 100 check-ins sent twice give 100 visits, and every counter counts each
 * once.
 */
jest.setTimeout(60_000);

let w: VisitsWorld;
beforeAll(async () => {
  w = await visitsWorld();
  await w.generate();
  await w.assign([2, 8, 14, 20, 26, 32, 38, 44, 50, 56].map(hh), await w.personOf('demo-taoyuan-party'));
});
afterAll(() => w.cleanup());

/** 100 check-ins queued on a phone over the last few days, one in three with a need. */
function queue(): Array<Record<string, unknown>> {
  const now = w.ctx.clock.now();
  return Array.from({ length: 100 }, (_, i) => ({
    clientId: randomUUID(),
    householdId: hh((i % 60) + 1),
    start: {
      at: now - (i + 1) * 3_600_000,
      location: i % 2 === 0 ? { consent: 'refused' } : { consent: 'granted', latitude: 31.1, longitude: 115.0 },
    },
    end: { at: now - (i + 1) * 3_600_000 + 600_000 },
    notes: `第${i}次走访`,
    needs: i % 3 === 0 ? [{ category: 'other', text: `诉求${i}` }] : [],
  }));
}

async function totals() {
  const stats = await w.ctx.store.find<VisitStatsRecord>('visitStats', { kind: 'gridPeriod' }, { limit: 1000 });
  const standing = await w.ctx.store.find<VisitStatsRecord>('visitStats', { kind: 'grid' }, { limit: 1000 });
  const sum = (docs: VisitStatsRecord[], pred: (f: string) => boolean) =>
    docs.reduce(
      (s, d) => s + Object.entries(d).reduce((t, [f, v]) => t + (pred(f) && typeof v === 'number' ? v : 0), 0),
      0,
    );
  return {
    visits: await w.ctx.store.count('visits', {}),
    needs: await w.ctx.store.count('visitNeeds', {}),
    countedVisits: sum(stats, (f) => f === 'visits'),
    countedNeeds: sum(standing, (f) => f === 'needsRaised'),
    doneTasks: await w.ctx.store.count('visitTasks', { stage: 'done' }),
    countedDone: sum(stats, (f) => f.startsWith('d_')),
  };
}

let sentTwice: Array<Record<string, unknown>> = [];

test('the same 100 check-ins sent twice give 100 visits', async () => {
  const q = queue();
  sentTwice = q;
  const first: CheckInOut[] = [];
  for (const p of q) first.push(await w.api.ok<CheckInOut>(who.party, 'visits.checkIn', p));
  expect(first.every((r) => !r.replayed)).toBe(true);
  const after = await totals();
  expect(after).toMatchObject({ visits: 100, needs: 34, countedVisits: 100, countedNeeds: 34 });
  expect(after.countedDone).toBe(after.doneTasks);

  const second: CheckInOut[] = [];
  for (const p of q) second.push(await w.api.ok<CheckInOut>(who.party, 'visits.checkIn', p));
  expect(second.every((r) => r.replayed)).toBe(true);
  expect(second.map((r) => r.visit)).toEqual(first.map((r) => r.visit));
  expect(await totals()).toEqual(after);
});

test('two copies of each racing each other still give one visit each', async () => {
  const q = queue();
  const before = await totals();
  const results = await Promise.all([...q, ...q].map((p) => w.api.ok<CheckInOut>(who.party, 'visits.checkIn', p)));
  expect(results.filter((r) => !r.replayed)).toHaveLength(100);
  const after = await totals();
  expect(after.visits - before.visits).toBe(100);
  expect(after.needs - before.needs).toBe(34);
  expect(after.countedVisits).toBe(after.visits);
  expect(after.countedNeeds).toBe(after.needs);
  expect(after.countedDone).toBe(after.doneTasks);
});

test('a phone that comes back two months later still gets its visits back, not an error', async () => {
  const before = await totals();
  w.ctx.clock.advance(60 * 86_400_000);
  for (const p of sentTwice.slice(0, 10)) {
    const r = await w.api.ok<CheckInOut>(who.party, 'visits.checkIn', p);
    expect(r.replayed).toBe(true);
  }
  expect(await totals()).toEqual(before);
  // A new check-in that old is refused.
  expect(await w.api.code(who.party, 'visits.checkIn', { ...sentTwice[0], clientId: randomUUID() })).toBe(
    'INVALID_INPUT',
  );
});
