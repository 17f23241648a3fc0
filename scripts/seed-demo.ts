import { AppError } from '../core/errors';
import type { AccountRecord, HouseholdRecord, PersonRecord } from '../core/records';
import { dispatch } from '../cloudfunctions/shared/handler';
import type { Doc, Store } from '../cloudfunctions/shared/store/port';
import { visitsRoutes } from '../cloudfunctions/visits/routes';
import { demoData } from './demo-village';
import { isMain } from './is-main';

const SEED_ID = 'demo-seed';

interface SeedMarker extends Doc {
  readonly at: number;
  readonly counts: Record<string, number>;
}

/**
 * Seeds the demo township once, in one transaction: a store either has all of it or none. Running
 * it again (a restart, two gateways at once) changes nothing: the marker document's id is fixed,
 * so the second writer gets DUPLICATE and its transaction rolls back.
 */
export async function seedDemo(
  store: Store,
  now: number,
): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  const data = demoData(now);
  const counts = {
    townships: data.townships.length,
    villages: data.villages.length,
    households: data.households.length,
    persons: data.persons.length,
    accounts: data.accounts.length,
  };
  if (await store.get('meta', SEED_ID)) return { seeded: false, counts };
  try {
    await store.transaction(async (tx) => {
      await tx.insert<SeedMarker>('meta', { _id: SEED_ID, at: now, counts });
      for (const [collection, docs] of Object.entries(data) as Array<[string, Doc[]]>) {
        for (const doc of docs) await tx.insert(collection, doc);
      }
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'DUPLICATE') return { seeded: false, counts };
    throw e;
  }
  return { seeded: true, counts };
}

const VISITS_SEED_ID = 'demo-seed-visits';

/** The demo's contact work in each village: households per member, taken from the grid leader's grid. */
const DEMO_CONTACTS = [
  { village: 'taoyuan', party: 6, grid: 5 },
  { village: 'shiqiao', party: 6, grid: 5 },
] as const;

/**
 * Gives the demo's party member and grid leader of each village their households (联系户), through
 * the visits function itself as the village's committee would, and generates this period's tasks,
 * so a new user opens 我的联系户 and the dashboards on real data. Once per store (a marker); what the
 * committee changes afterwards is never undone by a restart. Kept apart from `seedDemo`, whose
 * township the function tests start from with nobody assigned.
 */
export async function seedDemoVisits(store: Store, now: number): Promise<{ seeded: boolean; assigned: number }> {
  if (await store.get('meta', VISITS_SEED_ID)) return { seeded: false, assigned: 0 };
  const clock = { now: () => now };
  const run = async (accountId: string, action: string, payload: Record<string, unknown>) => {
    const res = await dispatch(
      visitsRoutes,
      { ...payload, action },
      { store, clock, identity: { kind: 'local', accountId } },
    );
    if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
    return res.data;
  };
  let assigned = 0;
  for (const plan of DEMO_CONTACTS) {
    const committee = `demo-${plan.village}-committee`;
    const personOf = async (slug: string) => {
      const a = await store.get<AccountRecord>('accounts', `demo-${plan.village}-${slug}`);
      const p = a?.personId ? await store.get<PersonRecord>('persons', a.personId) : null;
      if (!p) throw new Error(`demo account ${slug} of ${plan.village} has no person`);
      return p;
    };
    const party = await personOf('party');
    const grid = await personOf('grid');
    const home = await store.get<HouseholdRecord>('households', grid.householdId);
    if (!home) throw new Error(`the grid leader of ${plan.village} has no household`);
    // The grid leader leads the grid their household is in: both members look after households there.
    const inGrid = (
      await store.find<HouseholdRecord>(
        'households',
        { villageId: home.villageId, groupId: home.groupId },
        { limit: 100 },
      )
    )
      .map((h) => h._id)
      .sort();
    await run(committee, 'visits.generate', {});
    await run(committee, 'visits.assign', { householdIds: inGrid.slice(0, plan.party), memberId: party._id });
    await run(committee, 'visits.assign', {
      householdIds: inGrid.slice(plan.party, plan.party + plan.grid),
      memberId: grid._id,
    });
    assigned += plan.party + plan.grid;
  }
  try {
    await store.insert<SeedMarker>('meta', { _id: VISITS_SEED_ID, at: now, counts: { assigned } });
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'DUPLICATE')) throw e;
  }
  return { seeded: true, assigned };
}

async function main(): Promise<void> {
  const { openStoreFromEnv } = await import('../server/config');
  const store = await openStoreFromEnv();
  const result = await seedDemo(store, Date.now());
  const visits = await seedDemoVisits(store, Date.now());
  await store.close();
  console.log(JSON.stringify({ ...result, visits }));
}

if (isMain(__filename)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
