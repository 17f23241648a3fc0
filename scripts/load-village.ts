import type { AccountRecord, HouseholdRecord, PersonRecord, VillageRecord } from '../core/records';
import type { Store } from '../cloudfunctions/shared/store/port';

/**
 * A synthetic village of `size` adult villagers, one per household, each with an account, for load
 * tests and benchmarks (never seeded by npm start). Its committee member is `<id>-committee`.
 */
export async function loadVillage(
  store: Store,
  id: string,
  size: number,
  now: number,
): Promise<{ villagerIds: string[]; committeeId: string }> {
  const village: VillageRecord = {
    _id: id,
    townshipId: 'tw-qinghe',
    name: `压力测试村${id}`,
    groups: [{ id: `${id}-g1`, name: '一组' }],
    householdCount: size,
    residentCount: size,
  };
  const villagerIds: string[] = [];
  await store.transaction(async (tx) => {
    await tx.insert<VillageRecord>('villages', village);
    for (let i = 0; i < size; i += 1) {
      const n = String(i).padStart(5, '0');
      const household: HouseholdRecord = {
        _id: `${id}-h${n}`,
        villageId: id,
        code: `L-${n}`,
        groupId: `${id}-g1`,
        tags: [],
        memberCount: 1,
      };
      const person: PersonRecord = {
        _id: `${id}-p${n}`,
        villageId: id,
        householdId: household._id,
        name: `村民${n}`,
        gender: 'm',
        birthYear: 1970,
        isHouseholdRep: true,
      };
      const account: AccountRecord = {
        _id: `${id}-a${n}`,
        name: person.name,
        personId: person._id,
        villageId: id,
        townshipId: 'tw-qinghe',
        roles: i === 0 ? ['villager', 'householdRep', 'committee'] : ['villager', 'householdRep'],
        prefs: { elderMode: null },
        createdAt: now,
      };
      await tx.insert<HouseholdRecord>('households', household);
      await tx.insert<PersonRecord>('persons', person);
      await tx.insert<AccountRecord>('accounts', account);
      villagerIds.push(account._id);
    }
  });
  return { villagerIds, committeeId: villagerIds[0] };
}

/** Runs `jobs` with at most `limit` in flight; returns each job's result and latency in ms. */
export async function pool<T>(
  jobs: ReadonlyArray<() => Promise<T>>,
  limit: number,
): Promise<Array<{ value: T; ms: number }>> {
  const out: Array<{ value: T; ms: number }> = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next;
      next += 1;
      const t0 = performance.now();
      const value = await jobs[i]();
      out[i] = { value, ms: performance.now() - t0 };
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return out;
}
