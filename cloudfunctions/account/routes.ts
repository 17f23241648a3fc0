import { setPrefs, whoami } from '../../core/account/actions';
import type { OutputOf } from '../../core/action';
import type { AccountRecord, HouseholdRecord, PersonRecord, TownshipRecord, VillageRecord } from '../../core/records';
import { callerOf, route, routes } from '../shared/handler';
import { joinRoutes } from './join';
import type { Store } from '../shared/store/port';

async function villageOf(store: Store, villageId: string | null): Promise<OutputOf<typeof whoami>['village']> {
  if (!villageId) return null;
  const village = await store.get<VillageRecord>('villages', villageId);
  if (!village) return null;
  const township = await store.get<TownshipRecord>('townships', village.townshipId);
  return {
    id: village._id,
    name: village.name,
    townshipName: township?.name ?? '',
    householdCount: village.householdCount,
    residentCount: village.residentCount,
  };
}

async function householdOf(store: Store, personId: string | null): Promise<OutputOf<typeof whoami>['household']> {
  if (!personId) return null;
  const person = await store.get<PersonRecord>('persons', personId);
  if (!person) return null;
  const household = await store.get<HouseholdRecord>('households', person.householdId);
  if (!household) return null;
  const village = await store.get<VillageRecord>('villages', household.villageId);
  const group = village?.groups.find((g) => g.id === household.groupId);
  return { code: household.code, groupName: group?.name ?? '', memberCount: household.memberCount };
}

async function townshipOf(
  store: Store,
  townshipId: string | null,
  scope: readonly string[],
): Promise<OutputOf<typeof whoami>['township']> {
  if (!townshipId || scope.length === 0) return null;
  const township = await store.get<TownshipRecord>('townships', townshipId);
  if (!township) return null;
  const villages = await store.find<VillageRecord>(
    'villages',
    { townshipId },
    { sort: [['name', 'asc']], limit: 1000 },
  );
  return { id: township._id, name: township.name, villages: villages.map((v) => ({ id: v._id, name: v.name })) };
}

export const accountRoutes = routes(
  route(whoami, async (ctx) => {
    const caller = callerOf(ctx);
    const account = await ctx.store.get<AccountRecord>('accounts', caller.accountId);
    const [village, household, township] = await Promise.all([
      villageOf(ctx.store, caller.villageId),
      householdOf(ctx.store, caller.personId),
      townshipOf(ctx.store, caller.townshipId, caller.scopeVillageIds),
    ]);
    return {
      accountId: caller.accountId,
      name: caller.name,
      roles: [...caller.roles],
      joined: caller.villageId !== null,
      village,
      township,
      household,
      prefs: { elderMode: account?.prefs.elderMode ?? null },
    };
  }),
  route(setPrefs, async (ctx) => {
    const caller = callerOf(ctx);
    const account = await ctx.store.get<AccountRecord>('accounts', caller.accountId);
    const prefs = { elderMode: ctx.input.elderMode };
    if (account) {
      await ctx.store.update<AccountRecord>('accounts', caller.accountId, { prefs: { ...account.prefs, ...prefs } });
    } else {
      // A WeChat user who has not joined yet still keeps the setting with the account.
      const fresh: AccountRecord = {
        _id: caller.accountId,
        name: caller.name,
        personId: null,
        villageId: null,
        townshipId: null,
        roles: [],
        prefs,
        createdAt: ctx.clock.now(),
      };
      await ctx.store.set<AccountRecord>('accounts', fresh);
    }
    return prefs;
  }),
  ...joinRoutes,
);
