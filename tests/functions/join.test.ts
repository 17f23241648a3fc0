import type { AccountRecord, BindingRecord, HouseholdRecord, PersonRecord } from '../../core/records';
import { accountIdForOpenid } from '../../cloudfunctions/shared/identity';
import { caller, local, wechat } from '../helpers/call';
import { seededStore } from '../helpers/seeded';

/** Joining a village as a roster person, approval, rejection and re-binding to a new phone. */
let ctx: Awaited<ReturnType<typeof seededStore>>;
let api: ReturnType<typeof caller>;
let target: { person: PersonRecord; household: HouseholdRecord };
const committee = local('demo-taoyuan-committee');
const otherCommittee = local('demo-shiqiao-committee');

beforeAll(async () => {
  ctx = await seededStore();
  api = caller(ctx);
  // A roster person with no account yet: someone in a household of 桃源村 who is not a demo user.
  const bound = new Set((await ctx.store.find<AccountRecord>('accounts', {}, { limit: 100 })).map((a) => a.personId));
  const persons = await ctx.store.find<PersonRecord>(
    'persons',
    { villageId: 'vil-taoyuan', isHouseholdRep: false },
    { limit: 500 },
  );
  const person = persons.find((p) => !bound.has(p._id) && 2026 - p.birthYear > 20);
  if (!person) throw new Error('no unbound adult');
  const household = await ctx.store.get<HouseholdRecord>('households', person.householdId);
  if (!household) throw new Error('no household');
  target = { person, household };
});
afterAll(() => ctx.cleanup());

test('a wrong name or household code is NO_MATCH, and says nothing about who lives where', async () => {
  const me = wechat('o-stranger');
  expect(
    await api.code(me, 'account.requestJoin', {
      villageId: 'vil-taoyuan',
      name: target.person.name,
      householdCode: 'TY-9-999',
    }),
  ).toBe('NO_MATCH');
  expect(
    await api.code(me, 'account.requestJoin', {
      villageId: 'vil-taoyuan',
      name: '不存在',
      householdCode: target.household.code,
    }),
  ).toBe('NO_MATCH');
  expect(await api.code(me, 'account.requestJoin', { villageId: 'vil-nowhere', name: '王', householdCode: 'X' })).toBe(
    'NOT_FOUND',
  );
  expect(await api.ok(me, 'account.myJoinRequest')).toBeNull();
});

test('until approved, a new user is signed in but sees nothing of the village', async () => {
  const me = wechat('o-newcomer');
  const req = await api.ok<{ status: string; id: string }>(me, 'account.requestJoin', {
    villageId: 'vil-taoyuan',
    name: ` ${target.person.name} `,
    householdCode: target.household.code.toLowerCase(),
  });
  expect(req.status).toBe('pending');
  // Two taps: the same request, not two.
  const again = await api.ok<{ id: string }>(me, 'account.requestJoin', {
    villageId: 'vil-taoyuan',
    name: target.person.name,
    householdCode: target.household.code,
  });
  expect(again.id).toBe(req.id);
  expect(await ctx.store.count('joinRequests', { villageId: 'vil-taoyuan', status: 'pending' })).toBe(1);
  expect(await api.code(me, 'roster.myHousehold')).toBe('NOT_JOINED');
  expect(await api.code(me, 'members.pendingJoins')).toBe('NOT_JOINED');
});

test('the committee of another village cannot see or decide the request', async () => {
  const pendingB = await api.ok<unknown[]>(otherCommittee, 'members.pendingJoins');
  expect(pendingB).toHaveLength(0);
  const [req] = await api.ok<Array<{ id: string }>>(committee, 'members.pendingJoins');
  expect(await api.code(otherCommittee, 'members.decideJoin', { requestId: req.id, approve: true })).toBe('FORBIDDEN');
  expect(
    await api.code(local('demo-taoyuan-villager1'), 'members.decideJoin', { requestId: req.id, approve: true }),
  ).toBe('FORBIDDEN');
});

test('approval binds the person, gives the roles, logs it, and happens once even if tapped twice at once', async () => {
  const [req] = await api.ok<Array<{ id: string; person: { name: string } }>>(committee, 'members.pendingJoins');
  expect(req.person.name).toBe(target.person.name);
  const results = await Promise.all([
    api.call(committee, 'members.decideJoin', { requestId: req.id, approve: true }),
    api.call(committee, 'members.decideJoin', { requestId: req.id, approve: true }),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const failed = results.find((r) => !r.ok);
  expect(failed && !failed.ok && failed.error.code).toBe('ALREADY_DECIDED');

  const me = wechat('o-newcomer');
  const who = await api.ok<{ joined: boolean; roles: string[]; household: { code: string } }>(me, 'account.whoami');
  expect(who.joined).toBe(true);
  expect(who.roles).toEqual(['villager']);
  expect(who.household.code).toBe(target.household.code);
  const home = await api.ok<{ members: Array<{ name: string }> }>(me, 'roster.myHousehold');
  expect(home.members.map((m) => m.name)).toContain(target.person.name);
  const binding = await ctx.store.get<BindingRecord>('bindings', target.person._id);
  expect(binding?.accountId).toBe(accountIdForOpenid('o-newcomer'));
  const log = await api.ok<{ items: Array<{ action: string }>; intact: boolean }>(committee, 'members.auditLog');
  expect(log.items[0].action).toBe('members.approveJoin');
  expect(log).toMatchObject({ intact: true, problems: [] });
  expect(
    await api.code(me, 'account.requestJoin', {
      villageId: 'vil-taoyuan',
      name: target.person.name,
      householdCode: target.household.code,
    }),
  ).toBe('ALREADY_JOINED');
});

test('a new phone must be approved again, and the old one lets go of the person and its roles', async () => {
  await api.ok(committee, 'members.grantRole', { accountId: accountIdForOpenid('o-newcomer'), role: 'partyMember' });
  const phone2 = wechat('o-newphone');
  const req = await api.ok<{ rebind: boolean; id: string }>(phone2, 'account.requestJoin', {
    villageId: 'vil-taoyuan',
    name: target.person.name,
    householdCode: target.household.code,
  });
  expect(req.rebind).toBe(true);
  // Still bound to the old phone until the committee says so.
  expect((await api.ok<{ joined: boolean }>(wechat('o-newcomer'), 'account.whoami')).joined).toBe(true);
  await api.ok(committee, 'members.decideJoin', { requestId: req.id, approve: true });
  const old = await ctx.store.get<AccountRecord>('accounts', accountIdForOpenid('o-newcomer'));
  expect(old).toMatchObject({ personId: null, villageId: null, roles: [] });
  const fresh = await api.ok<{ roles: string[]; joined: boolean }>(phone2, 'account.whoami');
  expect(fresh.joined).toBe(true);
  expect(fresh.roles.sort()).toEqual(['partyMember', 'villager']);
  expect((await ctx.store.get<BindingRecord>('bindings', target.person._id))?.accountId).toBe(
    accountIdForOpenid('o-newphone'),
  );
});

test('a rejection needs a reason, and the requester sees it', async () => {
  const me = wechat('o-someone');
  const persons = await ctx.store.find<PersonRecord>(
    'persons',
    { villageId: 'vil-taoyuan', isHouseholdRep: true },
    { limit: 200 },
  );
  const bound = new Set((await ctx.store.find<BindingRecord>('bindings', {}, { limit: 100 })).map((b) => b._id));
  const p = persons.find((x) => !bound.has(x._id) && x.name !== target.person.name);
  if (!p) throw new Error('no person');
  const h = await ctx.store.get<HouseholdRecord>('households', p.householdId);
  const req = await api.ok<{ id: string }>(me, 'account.requestJoin', {
    villageId: 'vil-taoyuan',
    name: p.name,
    householdCode: h?.code ?? '',
  });
  expect(await api.code(committee, 'members.decideJoin', { requestId: req.id, approve: false })).toBe('INVALID_INPUT');
  expect(await api.code(committee, 'members.decideJoin', { requestId: req.id, approve: false, reason: ' ' })).toBe(
    'INVALID_INPUT',
  );
  await api.ok(committee, 'members.decideJoin', {
    requestId: req.id,
    approve: false,
    reason: '户号对不上本人，请来村委会核对',
  });
  expect(await api.ok(me, 'account.myJoinRequest')).toMatchObject({
    status: 'rejected',
    reason: '户号对不上本人，请来村委会核对',
  });
  expect((await api.ok<{ joined: boolean }>(me, 'account.whoami')).joined).toBe(false);
  expect(await api.code(committee, 'members.decideJoin', { requestId: req.id, approve: true })).toBe('ALREADY_DECIDED');
});
