import type { AccountRecord, HouseholdRecord, PersonRecord } from '../../core/records';
import { demoData } from '../../scripts/demo-village';
import { fixedClock } from '../../cloudfunctions/shared/clock';
import { seedDemo, seedDemoVisits } from '../../scripts/seed-demo';
import { caller, local } from '../helpers/call';
import { T0 } from '../helpers/seeded';
import { tempStore } from '../helpers/store';

describe('demo township seed', () => {
  test('has two villages of about 120 households, every age, and bound demo accounts', () => {
    const d = demoData(T0);
    expect(d.villages.map((v) => v.name)).toEqual(['桃源村', '石桥村']);
    for (const v of d.villages) {
      const hh = d.households.filter((h) => h.villageId === v._id);
      expect(hh.length).toBeGreaterThanOrEqual(110);
      expect(hh.length).toBeLessThanOrEqual(130);
      expect(v.householdCount).toBe(hh.length);
      expect(v.residentCount).toBe(d.persons.filter((p) => p.villageId === v._id).length);
      // One representative per household, and every member belongs to a household of the village.
      for (const h of hh) expect(d.persons.filter((p) => p.householdId === h._id && p.isHouseholdRep)).toHaveLength(1);
    }
    const ages = d.persons.map((p) => 2026 - p.birthYear);
    expect(Math.min(...ages)).toBeLessThan(18);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(80);
    expect(d.households.some((h) => h.tags.includes('独居'))).toBe(true);
    for (const a of d.accounts.filter((x) => x.personId)) {
      const p = d.persons.find((x) => x._id === a.personId);
      expect(p?.name).toBe(a.name);
      expect(p?.villageId).toBe(a.villageId);
    }
    expect(new Set(d.households.map((h) => `${h.villageId}/${h.code}`)).size).toBe(d.households.length);
  });

  test('is deterministic, lands whole, and a second or concurrent run changes nothing', async () => {
    expect(demoData(T0)).toEqual(demoData(T0));
    const t = await tempStore();
    try {
      const results = await Promise.all([seedDemo(t.store, T0), seedDemo(t.store, T0), seedDemo(t.store, T0)]);
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      const again = await seedDemo(t.store, T0 + 1000);
      expect(again.seeded).toBe(false);
      const d = demoData(T0);
      expect(await t.store.count('households', {})).toBe(d.households.length);
      expect(await t.store.count('persons', {})).toBe(d.persons.length);
      expect(await t.store.count('accounts', { demo: true })).toBe(d.accounts.length);
      const h = await t.store.get<HouseholdRecord>('households', d.households[0]._id);
      expect(h?.code).toBe(d.households[0].code);
      const p = await t.store.find<PersonRecord>('persons', { householdId: d.households[0]._id }, { limit: 20 });
      expect(p).toHaveLength(d.households[0].memberCount);
      const staff = await t.store.get<AccountRecord>('accounts', 'demo-township-staff');
      expect(staff?.roles).toEqual(['townshipStaff']);
    } finally {
      await t.cleanup();
    }
  });

  test("gives the demo party member and grid leader households in one grid, with this month's tasks, once", async () => {
    const t = await tempStore();
    try {
      await seedDemo(t.store, T0);
      expect(await seedDemoVisits(t.store, T0)).toEqual({ seeded: true, assigned: 22 });
      const api = caller({ store: t.store, clock: fixedClock(T0) });
      type Tasks = { tally: { total: number; done: number; due: number }; items: Array<{ householdId: string }> };
      const party = await api.ok<Tasks>(local('demo-taoyuan-party'), 'visits.myTasks');
      const grid = await api.ok<Tasks>(local('demo-taoyuan-grid'), 'visits.myTasks');
      expect(party.items).toHaveLength(6);
      expect(grid.items).toHaveLength(5);
      expect(party.tally).toMatchObject({ total: 6, done: 0, due: 6 });
      // The grid leader sees the party member's progress in their own grid.
      const board = await api.ok<{ members: Array<{ name: string; households: number }> }>(
        local('demo-taoyuan-grid'),
        'visits.gridBoard',
      );
      const partyName = (await t.store.get<AccountRecord>('accounts', 'demo-taoyuan-party'))?.name;
      expect(board.members).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: partyName, households: 6 })]),
      );
      const village = await api.ok<{ village: { assigned: number; gaps: number; households: number } }>(
        local('demo-taoyuan-committee'),
        'visits.villageBoard',
      );
      expect(village.village.assigned).toBe(11);
      expect(village.village.gaps).toBe(village.village.households - 11);
      // A second run (a restart) changes nothing, even after the committee moved a household.
      await api.ok(local('demo-taoyuan-committee'), 'visits.unassign', { householdIds: [party.items[0].householdId] });
      expect(await seedDemoVisits(t.store, T0 + 1000)).toEqual({ seeded: false, assigned: 0 });
      expect((await api.ok<Tasks>(local('demo-taoyuan-party'), 'visits.myTasks')).items).toHaveLength(5);
      expect((await api.ok<Tasks>(local('demo-shiqiao-party'), 'visits.myTasks')).items).toHaveLength(6);
    } finally {
      await t.cleanup();
    }
  });
});
