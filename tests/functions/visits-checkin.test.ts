import type { OutboxRecord } from '../../cloudfunctions/matters/records';
import type { VisitRecord, VisitStatsRecord } from '../../cloudfunctions/visits/records';
import { runVisitTimers } from '../../cloudfunctions/visits/timers';
import { DAY, JPEG, hh, visitsWorld, who, type CheckInOut, type Tally, type VisitsWorld } from '../helpers/visits';

/**
 * 联户走访 on a real store: a check-in with photos, consent and needs; its errors; replays; the
 * period a late sync counts for; reminders and overdue notices; the household's page; one visit.
 * The clock starts at Monday 2026-11-23 08:00 in Beijing (week 48; November ends on Monday 30th).
 */
let w: VisitsWorld;
let party: string;
const mine = [3, 9, 15, 21, 27, 33, 39, 45].map(hh);
beforeAll(async () => {
  w = await visitsWorld();
  party = await w.personOf('demo-taoyuan-party');
  await w.generate();
  await w.assign(mine, party);
});
afterAll(() => w.cleanup());

const outboxOf = (personId: string) =>
  w.ctx.store.find<OutboxRecord>('outbox', { personId }, { sort: [['at', 'asc']], limit: 100 });

describe('visits.checkIn', () => {
  test('a visit with photos, location at start, a refusal at the end, the people met and two needs', async () => {
    const start = w.upload(JPEG);
    const end = w.upload(JPEG);
    const people = await w.api.ok<{ household: { people: Array<{ personId: string; name: string }> } }>(
      who.party,
      'visits.household',
      { householdId: hh(3) },
    );
    const met = people.household.people.slice(0, 1);
    const r = await w.checkIn(who.party, hh(3), {
      start: {
        at: w.ctx.clock.now() - 30 * 60_000,
        location: { consent: 'granted', latitude: 31.17, longitude: 115.02, accuracy: 12 },
        photos: [start],
      },
      end: { at: w.ctx.clock.now() - 5 * 60_000, location: { consent: 'refused' }, photos: [end] },
      metPersonIds: met.map((p) => p.personId),
      metOthers: '邻居王大妈',
      notes: '老人身体还好，屋顶有点漏雨',
      needs: [
        { category: 'housing', urgency: 'urgent', text: '屋顶漏雨要修' },
        { category: 'health', text: '想办慢性病卡', ownerId: 'p-taoyuan-0001' },
      ],
    });
    expect(r.replayed).toBe(false);
    expect(r.visit).toMatchObject({
      householdId: hh(3),
      start: { location: { consent: 'granted', latitude: 31.17, longitude: 115.02, accuracy: 12 }, photos: [start] },
      end: { location: { consent: 'refused' }, photos: [end] },
      met,
      notes: '老人身体还好，屋顶有点漏雨',
    });
    expect(r.visit.needs.map((n) => [n.level, n.state, n.ownerId])).toEqual([
      ['village', 'open', party],
      ['village', 'open', 'p-taoyuan-0001'],
    ]);
    expect(r.task).toMatchObject({ householdId: hh(3), periodKey: '2026-11', status: 'done', visitId: r.visit.id });
    const list = await w.myTasks();
    expect(list.tally).toEqual({ total: 8, done: 1, due: 7, overdue: 0 });
    expect((await w.memberBoard()).tally).toEqual(list.tally);
    // Done tasks sink to the bottom of the one-hand list.
    expect(list.items[list.items.length - 1].householdId).toBe(hh(3));
  });

  test('location is optional, and "no fix" is recorded too', async () => {
    const r = await w.checkIn(who.party, hh(9), {
      start: { at: w.ctx.clock.now() - 60_000, location: { consent: 'unavailable' } },
    });
    expect(r.visit.start.location).toEqual({ consent: 'unavailable' });
    expect(r.visit.end.location).toBeNull();
  });

  test('a replay (same client id) returns the stored visit and changes nothing', async () => {
    const payload = w.visitPayload(hh(15), { needs: [{ category: 'other', text: '要一袋米' }] });
    const first = await w.api.ok<CheckInOut>(who.party, 'visits.checkIn', payload);
    const before = await w.ctx.store.count('visits', {});
    const again = await w.api.ok<CheckInOut>(who.party, 'visits.checkIn', payload);
    expect(again.replayed).toBe(true);
    expect(again.visit).toEqual(first.visit);
    expect(await w.ctx.store.count('visits', {})).toBe(before);
    expect(await w.ctx.store.count('visitNeeds', { householdId: hh(15) })).toBe(1);
    // The same client id on another household is not a replay: it is refused, not merged.
    expect(await w.api.code(who.party, 'visits.checkIn', { ...payload, householdId: hh(21) })).toBe('CLIENT_ID_REUSED');
    // Another member may use the same client id: ids are per visitor.
    const grid = await w.api.ok<CheckInOut>(who.grid, 'visits.checkIn', payload);
    expect(grid.replayed).toBe(false);
    expect(grid.visit.id).not.toBe(first.visit.id);
  });

  test('errors: times, people, photos, roles, villages', async () => {
    const now = w.ctx.clock.now();
    const code = (payload: Record<string, unknown>) => w.api.code(who.party, 'visits.checkIn', payload);
    expect(await code(w.visitPayload(hh(21), {}, now + 3_600_000))).toBe('INVALID_INPUT');
    expect(await code(w.visitPayload(hh(21), {}, now - 46 * DAY))).toBe('INVALID_INPUT');
    expect(await code({ ...w.visitPayload(hh(21)), end: { at: now - 3_600_000 } })).toBe('INVALID_INPUT');
    expect(await code(w.visitPayload(hh(21), { metPersonIds: ['p-taoyuan-0001'] }))).toBe('INVALID_INPUT');
    expect(await code(w.visitPayload(hh(21), { clientId: 'short' }))).toBe('INVALID_INPUT');
    expect(await code(w.visitPayload(hh(21), { start: { at: now, location: { consent: 'granted' } } }))).toBe(
      'INVALID_INPUT',
    );
    const someoneElses = w.upload(JPEG, 'demo-taoyuan-grid');
    expect(await code(w.visitPayload(hh(21), { start: { at: now - 60_000, photos: [someoneElses] } }))).toBe(
      'NOT_FOUND',
    );
    const text = w.upload(Buffer.from('not a photo'));
    expect(await code(w.visitPayload(hh(21), { start: { at: now - 60_000, photos: [text] } }))).toBe('FILE_TYPE');
    const big = w.upload(Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]));
    expect(await code(w.visitPayload(hh(21), { end: { at: now, photos: [big] } }))).toBe('FILE_TOO_LARGE');
    expect(
      await code(w.visitPayload(hh(21), { needs: [{ category: 'other', text: '找人', ownerId: 'p-shiqiao-0001' }] })),
    ).toBe('NOT_FOUND');
    expect(await code(w.visitPayload('h-nowhere'))).toBe('NOT_FOUND');
    expect(await code(w.visitPayload('h-shiqiao-001'))).toBe('FORBIDDEN');
    expect(await w.api.code(who.villager, 'visits.checkIn', w.visitPayload(hh(21)))).toBe('FORBIDDEN');
    expect(await w.api.code(local('demo-taoyuan-delegate'), 'visits.checkIn', w.visitPayload(hh(21)))).toBe(
      'FORBIDDEN',
    );
    // Nothing of the refused ones was written.
    expect(await w.ctx.store.count('visits', { householdId: hh(21) })).toBe(0);
  });

  test('a party member may stand in: the household’s task is done, the visit says who went', async () => {
    const r = await w.checkIn(who.grid, hh(21));
    expect(r.task).toMatchObject({ status: 'done', memberId: party });
    expect((await w.myTasks()).items.find((t) => t.householdId === hh(21))?.status).toBe('done');
  });

  test('a gap household (nobody assigned) can be visited too, and counts in the grid', async () => {
    const r = await w.checkIn(who.party, hh(51));
    expect(r.task).toMatchObject({ status: 'done', memberId: null });
  });
});

describe('periods, late syncs, reminders and overdue', () => {
  test('reminders go to the member before the end; the week’s last day is the weekly reminder', async () => {
    // Sunday 29 November 09:00: weekly tasks of week 48 are in their last day; monthly ones in their last 3.
    w.ctx.clock.set(Date.parse('2026-11-29T09:00:00+08:00'));
    const r = await runVisitTimers(w.ctx.store, w.ctx.clock.now());
    expect(r.reminded).toBeGreaterThan(0);
    const notes = (await outboxOf(party)).filter((o) => o.kind === 'VisitReminder');
    expect(notes).toHaveLength(1);
    expect(notes[0].text).toContain('TY-');
    const list = await w.myTasks();
    expect(list.items.filter((t) => t.status === 'due').every((t) => t.dueSoon)).toBe(true);
    // A second run the same day sends nothing new.
    await runVisitTimers(w.ctx.store, w.ctx.clock.now());
    expect((await outboxOf(party)).filter((o) => o.kind === 'VisitReminder')).toHaveLength(1);
  });

  test('a visit made on Sunday and synced on Tuesday completes week 48, not week 49', async () => {
    const sunday = Date.parse('2026-11-29T16:00:00+08:00');
    w.ctx.clock.set(Date.parse('2026-12-01T10:00:00+08:00'));
    const r = await w.checkIn(who.party, hh(27), {}, sunday);
    expect(r.task).toMatchObject({ periodKey: '2026-W48', status: 'done' });
  });

  test('week 48 and November are over: undone tasks are overdue, by one definition everywhere', async () => {
    const now = w.ctx.clock.now();
    const nov = await w.myTasks(who.party, '2026-11');
    // 8 monthly/weekly tasks of November (week 49 started on 30 Nov, also November's): which are overdue?
    const overdue = nov.items.filter((t) => t.status === 'overdue').map((t) => t.householdId);
    expect(overdue).toEqual(expect.arrayContaining([hh(33), hh(39), hh(45)]));
    expect(nov.tally.overdue).toBe(overdue.length);
    expect((await w.memberBoard(who.party, '2026-11')).tally).toEqual(nov.tally);
    const grid = await w.api.ok<{ grid: { tally: Tally }; overdue: Array<{ householdId: string }> }>(
      who.grid,
      'visits.gridBoard',
      { month: '2026-11' },
    );
    expect(grid.overdue.map((t) => t.householdId)).toEqual(expect.arrayContaining(overdue));
    // The timer tells the grid leader (p-taoyuan-0010 leads 三组, where these households are), once a day.
    const r = await runVisitTimers(w.ctx.store, now);
    expect(r.overdueNotified).toBeGreaterThan(0);
    const leader = await w.personOf('demo-taoyuan-grid');
    const notes = (await outboxOf(leader)).filter((o) => o.kind === 'VisitOverdue');
    expect(notes).toHaveLength(1);
    expect(notes[0].text).toContain('到期没走访');
    await runVisitTimers(w.ctx.store, now);
    expect((await outboxOf(leader)).filter((o) => o.kind === 'VisitOverdue')).toHaveLength(1);
  });

  test('an overdue task is not undone by a visit in the next period; December counts it', async () => {
    const r = await w.checkIn(who.party, hh(33));
    expect(r.task.periodKey).toBe('2026-W49');
    const dec = await w.myTasks(who.party, '2026-12');
    expect(dec.tally).toEqual((await w.memberBoard(who.party, '2026-12')).tally);
    const nov = await w.myTasks(who.party, '2026-11');
    expect(nov.items.find((t) => t.householdId === hh(33) && t.periodKey === '2026-W48')?.status).toBe('overdue');
  });
});

describe('visits.household / visits.visit', () => {
  test('a household’s page: who looks after it, what is due, visits and open needs', async () => {
    const page = await w.api.ok<{
      household: { cadence: string; tags: string[] };
      member: { id: string } | null;
      due: Array<{ status: string }>;
      visits: Array<{ needCount: number }>;
      needs: Array<{ text: string }>;
    }>(who.committee, 'visits.household', { householdId: hh(3) });
    expect(page.household.cadence).toBe('month');
    expect(page.member?.id).toBe(party);
    expect(page.visits[0].needCount).toBe(2);
    expect(page.needs.map((n) => n.text)).toEqual(expect.arrayContaining(['屋顶漏雨要修', '想办慢性病卡']));
    // December's task is due; November's was done.
    expect(page.due.map((t) => t.status)).toEqual(['due']);
    expect(await w.api.code(who.villager, 'visits.household', { householdId: hh(3) })).toBe('FORBIDDEN');
    expect(await w.api.code(who.party, 'visits.household', { householdId: 'h-shiqiao-002' })).toBe('FORBIDDEN');
  });

  test('one visit: the visitor, leaders and the township see it; another member does not', async () => {
    const v = (await w.ctx.store.find<VisitRecord>('visits', { householdId: hh(3) }, { limit: 1 }))[0];
    expect((await w.api.ok<{ id: string }>(who.party, 'visits.visit', { visitId: v._id })).id).toBe(v._id);
    expect((await w.api.ok<{ id: string }>(who.committee, 'visits.visit', { visitId: v._id })).id).toBe(v._id);
    expect((await w.api.ok<{ id: string }>(who.township, 'visits.visit', { visitId: v._id })).id).toBe(v._id);
    expect(await w.api.code(local('demo-taoyuan-committee-not'), 'visits.visit', { visitId: v._id })).toBe(
      'UNAUTHENTICATED',
    );
    expect(await w.api.code(who.shiqiaoParty, 'visits.visit', { visitId: v._id })).toBe('FORBIDDEN');
    expect(await w.api.code(who.party, 'visits.visit', { visitId: 'vi_nothing' })).toBe('NOT_FOUND');
  });
});

describe('counters agree with the records they count', () => {
  test('visits, done tasks and needs raised add up', async () => {
    const stats = await w.ctx.store.find<VisitStatsRecord>('visitStats', { kind: 'gridPeriod' }, { limit: 1000 });
    const sum = (pred: (f: string) => boolean) =>
      stats.reduce(
        (s, d) => s + Object.entries(d).reduce((t, [f, v]) => t + (pred(f) && typeof v === 'number' ? v : 0), 0),
        0,
      );
    expect(sum((f) => f === 'visits')).toBe(await w.ctx.store.count('visits', {}));
    expect(sum((f) => f.startsWith('d_'))).toBe(await w.ctx.store.count('visitTasks', { stage: 'done' }));
    expect(sum((f) => f.startsWith('t_'))).toBe(await w.ctx.store.count('visitTasks', {}));
  });
});

function local(accountId: string) {
  return { kind: 'local' as const, accountId };
}
