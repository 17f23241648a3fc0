import { runVisitTimers } from '../../cloudfunctions/visits/timers';
import type { VisitTaskRecord } from '../../cloudfunctions/visits/records';
import { hh, visitsWorld, who, type TaskOut, type VisitsWorld } from '../helpers/visits';

/**
 * Setting up the contact work on a real store: the village's settings, generating tasks (idempotent,
 * by hand and by the timer), assigning households to party members with history, and the gaps.
 */
let w: VisitsWorld;
let party: string;
let grid: string;
beforeAll(async () => {
  w = await visitsWorld();
  party = await w.personOf('demo-taoyuan-party');
  grid = await w.personOf('demo-taoyuan-grid');
});
afterAll(() => w.cleanup());

describe('visits.settings / visits.setSettings', () => {
  test('defaults: 5–10 households, monthly, weekly for 独居 and 留守老人', async () => {
    expect(await w.api.ok(who.party, 'visits.settings')).toEqual({
      villageId: 'vil-taoyuan',
      minPerMember: 5,
      maxPerMember: 10,
      defaultCadence: 'month',
      tagCadence: { 独居: 'week', 留守老人: 'week' },
      remindDays: { week: 1, month: 3 },
      needDays: { normal: { village: 7, township: 15, county: 30 }, urgent: { village: 2, township: 5, county: 10 } },
    });
  });

  test('the committee changes only what it names; a range upside down is refused', async () => {
    const s = await w.api.ok<{ minPerMember: number; maxPerMember: number; remindDays: unknown }>(
      who.committee,
      'visits.setSettings',
      { remindDays: { month: 5 } },
    );
    expect(s).toMatchObject({ minPerMember: 5, maxPerMember: 10, remindDays: { week: 1, month: 5 } });
    expect(await w.api.code(who.committee, 'visits.setSettings', { minPerMember: 12 })).toBe('INVALID_INPUT');
    expect(await w.api.code(who.committee, 'visits.setSettings', {})).toBe('INVALID_INPUT');
    expect(await w.api.code(who.party, 'visits.setSettings', { minPerMember: 3 })).toBe('FORBIDDEN');
    expect(await w.api.code(who.villager, 'visits.settings')).toBe('FORBIDDEN');
    await w.api.ok(who.committee, 'visits.setSettings', { remindDays: { month: 3 } });
  });

  test('township staff read a village of theirs', async () => {
    expect(await w.api.ok(who.township, 'visits.settings', { villageId: 'vil-shiqiao' })).toMatchObject({
      villageId: 'vil-shiqiao',
    });
    expect(await w.api.code(who.township, 'visits.settings')).toBe('NOT_FOUND');
  });
});

describe('visits.generate', () => {
  test('one task per household for the period of its cadence; again, nothing new', async () => {
    const first = await w.generate();
    expect(first).toEqual({ villageId: 'vil-taoyuan', periods: ['2026-11', '2026-W48'], created: 120, existing: 0 });
    expect(await w.generate()).toMatchObject({ created: 0, existing: 120 });
    const weekly = await w.ctx.store.count('visitTasks', { villageId: 'vil-taoyuan', periodKind: 'week' });
    expect(weekly).toBe(27);
    expect(await w.api.code(who.party, 'visits.generate')).toBe('FORBIDDEN');
  });

  test('the timer generates every village once per period, and runs again only for a new one', async () => {
    const r = await runVisitTimers(w.ctx.store, w.ctx.clock.now());
    expect(r.generation).toEqual({ villages: 2, created: 118, complete: true });
    expect((await runVisitTimers(w.ctx.store, w.ctx.clock.now())).generation).toEqual({
      villages: 0,
      created: 0,
      complete: true,
    });
    expect(await w.ctx.store.count('visitTasks', {})).toBe(238);
  });

  test('an exhausted time budget stops between villages; the next run carries on', async () => {
    const next = w.ctx.clock.now() + 7 * 86_400_000;
    const cut = await runVisitTimers(w.ctx.store, next, -1);
    expect(cut.generation).toEqual({ villages: 0, created: 0, complete: false });
    const rest = await runVisitTimers(w.ctx.store, next);
    // Week 49: only the weekly households get a new task; the month's tasks exist already.
    expect(rest.generation.complete).toBe(true);
    expect(rest.generation.villages).toBe(2);
    expect(await w.ctx.store.count('visitTasks', { periodKey: '2026-W49' })).toBeGreaterThan(40);
  });
});

describe('visits.assign / unassign / assignments / history', () => {
  const g3 = [3, 9, 15, 21, 27, 33, 39, 45].map(hh);

  test('the committee assigns a grid’s households to a party member; the range is a warning', async () => {
    const r = await w.assign(g3, party);
    expect(r).toMatchObject({ households: 8, changed: 8, unchanged: 0, warning: null });
    expect(await w.assign(g3.slice(0, 2), party)).toMatchObject({ households: 8, changed: 0, unchanged: 2 });
    const more = await w.assign([51, 57, 63].map(hh), party);
    expect(more).toMatchObject({ households: 11, warning: '联系11户，多于村里定的5—10户' });
    await w.api.ok(who.committee, 'visits.unassign', { householdIds: [51, 57, 63].map(hh) });
  });

  test('the member’s current tasks move with the households', async () => {
    const mine = await w.myTasks();
    expect(mine.items.map((t: TaskOut) => t.householdId).sort()).toEqual([...g3].sort());
    expect(mine.items.every((t) => t.memberId === party && t.status === 'due')).toBe(true);
    // 15, 27 and 33 are 留守老人: weekly. The rest monthly.
    expect(mine.items.filter((t) => t.periodKind === 'week').map((t) => t.householdId)).toEqual([
      hh(15),
      hh(27),
      hh(33),
    ]);
    expect(mine.tally).toEqual({ total: 8, done: 0, due: 8, overdue: 0 });
    expect((await w.memberBoard()).tally).toEqual(mine.tally);
  });

  test('errors: not a party member, unknown household, another village, not the committee, repeats', async () => {
    const villager = await w.personOf('demo-taoyuan-villager1');
    expect(await w.api.code(who.committee, 'visits.assign', { householdIds: [hh(2)], memberId: villager })).toBe(
      'NOT_PARTY_MEMBER',
    );
    expect(
      await w.api.code(who.committee, 'visits.assign', {
        householdIds: [hh(2)],
        memberId: await w.personOf('demo-shiqiao-party'),
      }),
    ).toBe('NOT_PARTY_MEMBER');
    expect(await w.api.code(who.committee, 'visits.assign', { householdIds: ['h-nowhere'], memberId: party })).toBe(
      'NOT_FOUND',
    );
    expect(await w.api.code(who.committee, 'visits.assign', { householdIds: ['h-shiqiao-001'], memberId: party })).toBe(
      'FORBIDDEN',
    );
    expect(await w.api.code(who.party, 'visits.assign', { householdIds: [hh(2)], memberId: party })).toBe('FORBIDDEN');
    expect(await w.api.code(who.committee, 'visits.assign', { householdIds: [hh(2), hh(2)], memberId: party })).toBe(
      'INVALID_INPUT',
    );
    expect(await w.api.code(who.committee, 'visits.unassign', { householdIds: ['h-shiqiao-001'] })).toBe('FORBIDDEN');
  });

  test('re-assignment keeps the history, and the open task goes to the new member', async () => {
    await w.ctx.clock.advance(60_000);
    await w.api.ok(who.committee, 'visits.assign', { householdIds: [hh(9)], memberId: grid, reason: '就近联系' });
    const hist = await w.api.ok<Array<Record<string, unknown>>>(who.committee, 'visits.history', {
      householdId: hh(9),
    });
    expect(hist).toHaveLength(2);
    expect(hist[0]).toMatchObject({ memberId: grid, to: null, reason: '就近联系' });
    expect(hist[1]).toMatchObject({ memberId: party, to: w.ctx.clock.now(), endedByName: expect.any(String) });
    const task = await w.ctx.store.get<VisitTaskRecord>('visitTasks', `vt:${hh(9)}:2026-11`);
    expect(task?.memberId).toBe(grid);
    expect((await w.myTasks()).tally.total).toBe(7);
    expect((await w.memberBoard()).tally.total).toBe(7);
    expect((await w.myTasks(who.grid)).tally.total).toBe(1);
    expect((await w.memberBoard(who.grid)).tally.total).toBe(1);
    expect(await w.api.code(who.party, 'visits.history', { householdId: hh(9) })).toBe('FORBIDDEN');
  });

  test('assignments: members with their households (warned when below range) and the gaps', async () => {
    const a = await w.api.ok<{
      range: { min: number; max: number };
      members: Array<{ memberId: string; count: number; warning: string | null }>;
      gaps: Array<{ id: string }>;
    }>(who.committee, 'visits.assignments');
    expect(a.range).toEqual({ min: 5, max: 10 });
    expect(a.members.find((m) => m.memberId === party)).toMatchObject({ count: 7, warning: null });
    expect(a.members.find((m) => m.memberId === grid)).toMatchObject({
      count: 1,
      warning: '联系1户，少于村里定的5—10户',
    });
    // The committee member is a party member with no households yet: listed, warned.
    expect(a.members.find((m) => m.memberId === 'p-taoyuan-0001')).toMatchObject({ count: 0 });
    expect(a.gaps).toHaveLength(120 - 8);
    const g3only = await w.api.ok<{ members: unknown[]; gaps: unknown[] }>(who.grid, 'visits.assignments', {
      groupId: 'taoyuan-g3',
    });
    expect(g3only.members).toHaveLength(2);
    expect(g3only.gaps).toHaveLength(20 - 8);
  });

  test('unassigning makes a gap and closes the spell; the village board counts it', async () => {
    await w.api.ok(who.committee, 'visits.unassign', { householdIds: [hh(45)], reason: '党员外出务工' });
    const hist = await w.api.ok<Array<{ to: number | null }>>(who.committee, 'visits.history', { householdId: hh(45) });
    expect(hist[0].to).toBe(w.ctx.clock.now());
    const board = await w.api.ok<{ village: { households: number; assigned: number; gaps: number } }>(
      who.committee,
      'visits.villageBoard',
    );
    expect(board.village).toMatchObject({ households: 120, assigned: 7, gaps: 113 });
    expect((await w.memberBoard()).households).toBe(6);
  });
});
