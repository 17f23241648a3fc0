import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../../server/app';
import { seededStore } from '../helpers/seeded';

/** The gateway over HTTP (fastify's inject), on a real seeded on-disk store. */
const SECRET = 'test-secret-0123456789';

describe('local gateway', () => {
  let ctx: Awaited<ReturnType<typeof seededStore>>;
  let app: FastifyInstance;
  let prod: FastifyInstance;

  beforeAll(async () => {
    ctx = await seededStore();
    app = await buildGateway({
      store: ctx.store,
      clock: ctx.clock,
      tokenSecret: SECRET,
      devRoutes: true,
      bodyLimit: 64 * 1024,
    });
    prod = await buildGateway({ store: ctx.store, clock: ctx.clock, tokenSecret: SECRET, devRoutes: false });
  });
  afterAll(async () => {
    await app.close();
    await prod.close();
    await ctx.cleanup();
  });

  async function login(userId: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/dev/login', payload: { userId } });
    return (res.json() as { data: { token: string } }).data.token;
  }

  const post = (instance: FastifyInstance, fn: string, payload: unknown, token?: string) =>
    instance.inject({
      method: 'POST',
      url: `/api/${fn}`,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  test('lists the demo users with their roles in plain words', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/dev/users' });
    const users = (res.json() as { data: Array<{ accountId: string; roleLabels: string[]; villageName: string }> })
      .data;
    expect(users).toHaveLength(16);
    expect(users.find((u) => u.accountId === 'demo-township-staff')).toMatchObject({
      roleLabels: ['乡镇干部'],
      villageName: '乡镇',
    });
    expect(
      users
        .filter((u) => u.roleLabels.includes('村两委'))
        .map((u) => u.villageName)
        .sort(),
    ).toEqual(['桃源村', '石桥村'].sort());
  });

  test('signs in a demo user and answers whoami with the token', async () => {
    const token = await login('demo-shiqiao-party');
    const res = await post(app, 'account', { action: 'account.whoami' }, token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      data: { accountId: 'demo-shiqiao-party', village: { name: '石桥村' } },
    });
    expect((res.json() as { data: { roles: string[] } }).data.roles).toContain('partyMember');
  });

  test('refuses to sign in as anyone who is not a demo user', async () => {
    for (const payload of [
      { userId: 'nobody' },
      { userId: '' },
      {},
      { userId: 5 },
      { userId: 'demo-taoyuan-villager1', role: 'committee' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/dev/login', payload });
      expect(res.json()).toMatchObject({ ok: false });
    }
  });

  test('forged, tampered and missing tokens are UNAUTHENTICATED', async () => {
    const token = await login('demo-taoyuan-villager1');
    const [payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sub: 'demo-taoyuan-committee' })).toString('base64url')}.${sig}`;
    for (const t of [undefined, 'x', forged, `${token}x`, `${token}.extra`]) {
      const res = await post(app, 'account', { action: 'account.whoami' }, t);
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  test('an expired token is refused', async () => {
    const token = await login('demo-taoyuan-villager1');
    ctx.clock.advance(31 * 24 * 3600 * 1000);
    const res = await post(app, 'account', { action: 'account.whoami' }, token);
    ctx.clock.advance(-31 * 24 * 3600 * 1000);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('bad transport input still answers in the contract, never a stack trace', async () => {
    const token = await login('demo-taoyuan-villager1');
    const cases: Array<[string, string, string]> = [
      ['account', '{not json', 'INVALID_INPUT'],
      ['account', '"a string"', 'INVALID_INPUT'],
      ['account', 'null', 'INVALID_INPUT'],
      ['account', JSON.stringify({ action: 'account.whoami', pad: 'x'.repeat(70 * 1024) }), 'PAYLOAD_TOO_LARGE'],
      ['nosuchfunction', JSON.stringify({ action: 'x.y' }), 'UNKNOWN_ACTION'],
      ['__proto__', JSON.stringify({ action: 'x.y' }), 'UNKNOWN_ACTION'],
    ];
    for (const [fn, body, code] of cases) {
      const res = await post(app, fn, body, token);
      const json = res.json() as { ok: boolean; error: { code: string; message: string } };
      expect(json.ok).toBe(false);
      expect(json.error.code).toBe(code);
      expect(json.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/account',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(wrongType.json()).toMatchObject({ ok: false });
  });

  test('without dev routes (production, or CloudBase), demo sign-in does not exist', async () => {
    for (const [method, url] of [
      ['GET', '/api/dev/users'],
      ['POST', '/api/dev/login'],
    ] as const) {
      const res = await prod.inject({
        method,
        url,
        payload: method === 'POST' ? { userId: 'demo-taoyuan-villager1' } : undefined,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    }
    // A token minted elsewhere with the same secret still works: the functions themselves are there.
    const token = await login('demo-taoyuan-villager1');
    expect((await post(prod, 'account', { action: 'account.whoami' }, token)).json()).toMatchObject({ ok: true });
  });
});
