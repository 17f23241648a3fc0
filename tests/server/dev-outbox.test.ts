import type { FastifyInstance } from 'fastify';
import { signLocalToken } from '../../cloudfunctions/shared/identity';
import { buildGateway } from '../../server/app';
import { seededStore } from '../helpers/seeded';

/** GET /api/dev/outbox: what would have been sent to a demo user, offered only with the dev routes. */
const SECRET = 'outbox-secret';
let ctx: Awaited<ReturnType<typeof seededStore>>;
let dev: FastifyInstance;
let prod: FastifyInstance;

beforeAll(async () => {
  ctx = await seededStore();
  dev = await buildGateway({ store: ctx.store, clock: ctx.clock, tokenSecret: SECRET, devRoutes: true });
  prod = await buildGateway({ store: ctx.store, clock: ctx.clock, tokenSecret: SECRET, devRoutes: false });
});
afterAll(async () => {
  await dev.close();
  await prod.close();
  await ctx.cleanup();
});

const call = async (accountId: string, payload: Record<string, unknown>) => {
  const res = await dev.inject({
    method: 'POST',
    url: '/api/matters',
    headers: { authorization: `Bearer ${signLocalToken(SECRET, accountId, ctx.clock.now())}` },
    payload,
  });
  return res.json() as { ok: boolean; data: { id: string } };
};

test('the author of a matter finds its acceptance in their outbox', async () => {
  const raised = await call('demo-taoyuan-villager1', {
    action: 'matters.raise',
    title: '修一修村口的桥',
    category: 'general',
  });
  await call('demo-taoyuan-committee', { action: 'matters.screen', matterId: raised.data.id, decision: 'accept' });
  const res = await dev.inject({ method: 'GET', url: '/api/dev/outbox?accountId=demo-taoyuan-villager1' });
  const body = res.json() as { ok: boolean; data: Array<{ kind: string; matterId: string; title: string }> };
  expect(body.ok).toBe(true);
  expect(body.data).toEqual([
    expect.objectContaining({ kind: 'MatterAccepted', matterId: raised.data.id, title: '修一修村口的桥' }),
  ]);
  expect((await dev.inject({ method: 'GET', url: '/api/dev/outbox?accountId=nobody' })).json()).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect((await dev.inject({ method: 'GET', url: '/api/dev/outbox' })).json()).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT' },
  });
  expect(
    (await prod.inject({ method: 'GET', url: '/api/dev/outbox?accountId=demo-taoyuan-villager1' })).json(),
  ).toMatchObject({
    ok: false,
    error: { code: 'UNKNOWN_ACTION' },
  });
});
