import { FUNCTION_ROUTES } from '../../cloudfunctions/registry';
import { dispatch, type Envelope } from '../../cloudfunctions/shared/handler';
import { accountIdForOpenid, type Identity } from '../../cloudfunctions/shared/identity';
import type { AccountRecord } from '../../core/records';
import { seededStore } from '../helpers/seeded';

describe('account function on a real on-disk store', () => {
  let ctx: Awaited<ReturnType<typeof seededStore>>;
  beforeAll(async () => {
    ctx = await seededStore();
  });
  afterAll(() => ctx.cleanup());

  const call = (event: unknown, identity: Identity | null): Promise<Envelope> =>
    dispatch(FUNCTION_ROUTES.account, event, { store: ctx.store, clock: ctx.clock, identity });
  const local = (accountId: string): Identity => ({ kind: 'local', accountId });

  test('whoami tells a villager who they are, their village and their household', async () => {
    const res = await call({ action: 'account.whoami' }, local('demo-taoyuan-villager1'));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const me = res.data as {
      name: string;
      village: { name: string; householdCount: number };
      household: { code: string };
      roles: string[];
    };
    expect(me.village.name).toBe('桃源村');
    expect(me.village.householdCount).toBe(120);
    expect(me.household.code).toMatch(/^TY-\d-\d{3}$/);
    expect(me.roles).toContain('villager');
    const stored = await ctx.store.get<AccountRecord>('accounts', 'demo-taoyuan-villager1');
    expect(me.name).toBe(stored?.name);
  });

  test('township staff see the villages of their township and no household', async () => {
    const res = await call({ action: 'account.whoami' }, local('demo-township-staff'));
    if (!res.ok) throw new Error(res.error.code);
    const me = res.data as { township: { villages: Array<{ name: string }> }; household: unknown; joined: boolean };
    expect(me.township.villages.map((v) => v.name).sort()).toEqual(['桃源村', '石桥村'].sort());
    expect(me.household).toBeNull();
    expect(me.joined).toBe(false);
  });

  test('a WeChat user with no account yet is signed in but not joined', async () => {
    const res = await call({ action: 'account.whoami' }, { kind: 'wechat', openid: 'o-new-user' });
    if (!res.ok) throw new Error(res.error.code);
    expect(res.data).toMatchObject({
      accountId: accountIdForOpenid('o-new-user'),
      joined: false,
      village: null,
      roles: [],
    });
  });

  test('no identity: UNAUTHENTICATED; a token for a vanished account: UNAUTHENTICATED', async () => {
    expect(await call({ action: 'account.whoami' }, null)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录' },
    });
    const gone = await call({ action: 'account.whoami' }, local('demo-nobody'));
    expect(gone.ok === false && gone.error.code).toBe('UNAUTHENTICATED');
  });

  test('identity in the body is refused, never trusted', async () => {
    const res = await call(
      { action: 'account.whoami', userId: 'demo-taoyuan-committee' },
      local('demo-taoyuan-villager1'),
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('INVALID_INPUT');
    expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('unknown actions and malformed envelopes get typed errors', async () => {
    const who = local('demo-taoyuan-villager1');
    expect(await call({ action: 'account.nope' }, who)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(await call({ action: 'toString' }, who)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(await call('whoami', who)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(null, who)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call([], who)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('setPrefs keeps elder mode with the account, and a bad value changes nothing', async () => {
    const who = local('demo-taoyuan-villager2');
    const bad = await call({ action: 'account.setPrefs', elderMode: 'yes' }, who);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await ctx.store.get<AccountRecord>('accounts', 'demo-taoyuan-villager2'))?.prefs.elderMode).toBeNull();

    expect(await call({ action: 'account.setPrefs', elderMode: true }, who)).toEqual({
      ok: true,
      data: { elderMode: true },
    });
    const me = await call({ action: 'account.whoami' }, who);
    expect(me.ok && (me.data as { prefs: unknown }).prefs).toEqual({ elderMode: true });
  });

  test('a WeChat user who has not joined can still keep elder mode', async () => {
    const who: Identity = { kind: 'wechat', openid: 'o-elder' };
    expect(await call({ action: 'account.setPrefs', elderMode: true }, who)).toEqual({
      ok: true,
      data: { elderMode: true },
    });
    const me = await call({ action: 'account.whoami' }, who);
    expect(me.ok && (me.data as { prefs: unknown; joined: boolean })).toMatchObject({
      prefs: { elderMode: true },
      joined: false,
    });
  });
});
