import type { OutputOf } from '../../core/action';
import { AppError } from '../../core/errors';
import { listVillages, myJoinRequest, requestJoin } from '../../core/membership/actions';
import type {
  AccountRecord,
  BindingRecord,
  HouseholdRecord,
  JoinRequestRecord,
  PersonRecord,
  TownshipRecord,
  VillageRecord,
} from '../../core/records';
import { callerOf, route } from '../shared/handler';
import type { Store } from '../shared/store/port';

type JoinView = OutputOf<typeof requestJoin>;

/** One open request per account: re-asking replaces it, two taps give the same request. */
export function joinRequestId(accountId: string): string {
  return `join_${accountId}`;
}

function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[\s\u3000]/g, '');
  return norm(a) === norm(b);
}

export async function joinView(store: Store, r: JoinRequestRecord): Promise<JoinView> {
  const village = await store.get<VillageRecord>('villages', r.villageId);
  return {
    id: r._id,
    villageId: r.villageId,
    villageName: village?.name ?? '',
    name: r.name,
    householdCode: r.householdCode,
    status: r.status,
    reason: r.reason,
    rebind: r.rebind,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
  };
}

export const joinRoutes = [
  route(listVillages, async (ctx) => {
    const villages = await ctx.store.find<VillageRecord>('villages', {}, { sort: [['name', 'asc']], limit: 1000 });
    const townships = new Map<string, string>();
    for (const t of await ctx.store.find<TownshipRecord>('townships', {}, { limit: 1000 }))
      townships.set(t._id, t.name);
    return villages.map((v) => ({ id: v._id, name: v.name, townshipName: townships.get(v.townshipId) ?? '' }));
  }),

  route(requestJoin, async (ctx) => {
    const caller = callerOf(ctx);
    if (caller.villageId) throw new AppError('ALREADY_JOINED');
    const { villageId, name, householdCode } = ctx.input;
    const village = await ctx.store.get<VillageRecord>('villages', villageId);
    if (!village) throw new AppError('NOT_FOUND', '没有这个村');
    const [household] = await ctx.store.find<HouseholdRecord>(
      'households',
      { villageId, code: householdCode.toUpperCase() },
      { limit: 1 },
    );
    const members = household
      ? await ctx.store.find<PersonRecord>('persons', { villageId, householdId: household._id }, { limit: 50 })
      : [];
    // One message for a wrong code and a wrong name: the form must not confirm who lives where.
    const person = members.find((p) => sameName(p.name, name));
    if (!household || !person) throw new AppError('NO_MATCH');

    const id = joinRequestId(caller.accountId);
    const existing = await ctx.store.get<JoinRequestRecord>('joinRequests', id);
    if (existing && existing.status === 'pending' && existing.personId === person._id)
      return joinView(ctx.store, existing);
    const binding = await ctx.store.get<BindingRecord>('bindings', person._id);
    const record: JoinRequestRecord = {
      _id: id,
      accountId: caller.accountId,
      accountName: caller.name,
      villageId,
      personId: person._id,
      name: person.name,
      householdCode: household.code,
      status: 'pending',
      rebind: binding !== null && binding.accountId !== caller.accountId,
      reason: null,
      createdAt: ctx.clock.now(),
      decidedAt: null,
      decidedBy: null,
    };
    await ctx.store.set<JoinRequestRecord>('joinRequests', record);
    return joinView(ctx.store, record);
  }),

  route(myJoinRequest, async (ctx) => {
    const caller = callerOf(ctx);
    const r = await ctx.store.get<JoinRequestRecord>('joinRequests', joinRequestId(caller.accountId));
    return r ? joinView(ctx.store, r) : null;
  }),
];

/** A fresh account for a person the committee just approved. */
export function newAccount(id: string, person: PersonRecord, village: VillageRecord, at: number): AccountRecord {
  return {
    _id: id,
    name: person.name,
    personId: person._id,
    villageId: village._id,
    townshipId: village.townshipId,
    roles: person.isHouseholdRep ? ['villager', 'householdRep'] : ['villager'],
    prefs: { elderMode: null },
    createdAt: at,
  };
}
