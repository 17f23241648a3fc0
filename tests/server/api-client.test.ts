import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { signLocalToken } from '../../cloudfunctions/shared/identity';
import { buildGateway } from '../../server/app';
import { ApiError, call, describeProblems } from '../../src/services/api';
import { seededStore } from '../helpers/seeded';

/**
 * The app's one API client (src/services/api.ts), as the H5 build runs it, against the real
 * gateway on loopback: what a form learns when the server refuses its input.
 */
const SECRET = 'test-secret-api-client';
// jest.mock is hoisted above the imports; what its factories use must be named mock*.
let mockToken: string | null = null;
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));
jest.mock('../../src/services/session', () => ({ getToken: () => mockToken }));

describe('the API client against the gateway', () => {
  let ctx: Awaited<ReturnType<typeof seededStore>>;
  let app: FastifyInstance;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    ctx = await seededStore();
    app = await buildGateway({ store: ctx.store, clock: ctx.clock, tokenSecret: SECRET, devRoutes: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    globalThis.fetch = ((url: string, init?: RequestInit) => realFetch(`${base}${url}`, init)) as typeof fetch;
    mockToken = signLocalToken(SECRET, 'demo-taoyuan-committee', ctx.clock.now());
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await app.close();
    await ctx.cleanup();
  });

  it('names the field the server refused, in the message and in the details', async () => {
    const now = ctx.clock.now();
    const refused = await call('votes.open', {
      question: '修',
      kind: 'yesNo',
      body: 'adults',
      category: 'publicWelfare',
      opensAt: now + 11 * 86_400_000,
      closesAt: now + 12 * 86_400_000,
      mode: 'secret',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    const e = refused as ApiError;
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details.map((d) => d.path)).toEqual(['question']);
    expect(e.problemWith('question')).toEqual(expect.any(String));
    expect(e.problemWith('closesAt')).toBeNull();
    expect(e.message).toMatch(/^填写的内容有误.*（表决的问题：.+）$/);
  });

  it('passes a refusal without details through unchanged', async () => {
    const refused = await call('votes.get', { motionId: 'no-such-motion' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('NOT_FOUND');
    expect((refused as ApiError).details).toEqual([]);
    expect((refused as ApiError).message).toBe('没有这项表决');
  });

  it.each([
    ['a known field', [{ path: 'title', message: '太短' }], '有误（标题：太短）'],
    ['a nested path', [{ path: 'options.1', message: '太长' }], '有误（选项：太长）'],
    ['an unknown field', [{ path: 'zzz', message: '不对' }], '有误（不对）'],
    ['no details', [], '有误'],
  ])('describes %s', (_name, details, expected) => {
    expect(describeProblems('有误', details)).toBe(expected);
  });
});
