import fc from 'fast-check';
import { ALL_ACTIONS } from '../../core';
import { ERROR_CODES } from '../../core/errors';
import { FUNCTION_ROUTES } from '../../cloudfunctions/registry';
import { dispatch } from '../../cloudfunctions/shared/handler';
import type { Identity } from '../../cloudfunctions/shared/identity';
import { COLLECTION_NAMES } from '../../cloudfunctions/shared/store/collections';
import { functionOf } from '../../core/action';
import { seededStore } from '../helpers/seeded';

/**
 * Throws at least 1,000 malformed payloads at every action that exists. Each gets a typed error
 * with a Chinese message, nothing throws, and the store is byte-for-byte what it was.
 */
jest.setTimeout(120_000);

const RUNS = 1000;

let ctx: Awaited<ReturnType<typeof seededStore>>;
beforeAll(async () => {
  ctx = await seededStore();
});
afterAll(() => ctx.cleanup());

async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const c of COLLECTION_NAMES) parts.push(c, JSON.stringify(await ctx.store.find(c, {}, { limit: 10_000 })));
  return parts.join('\n');
}

// Callers with the most reach: a committee member, township staff, and someone not signed in.
const identities: Array<Identity | null> = [
  { kind: 'local', accountId: 'demo-taoyuan-committee' },
  { kind: 'local', accountId: 'demo-township-staff' },
  { kind: 'wechat', openid: 'o-fuzz' },
  null,
];

const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('userId', 'openid', 'villageId', 'role', 'roles', '__proto__', 'constructor', 'elderMode', 'action'),
);
const value = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    undefined,
    '',
    'true',
    1,
    -1,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    [],
    {},
    'x'.repeat(5000),
    '<script>',
    '\u0000',
  ),
);

describe.each(ALL_ACTIONS.map((d) => [d.name, d] as const))('%s under malformed input', (name, def) => {
  test(`${RUNS} malformed payloads each get a typed error and change nothing`, async () => {
    const before = await snapshot();
    const table = FUNCTION_ROUTES[functionOf(name) as keyof typeof FUNCTION_ROUTES];
    const payloads = fc
      .tuple(fc.dictionary(key, value, { maxKeys: 5 }), fc.nat(identities.length - 1))
      .map(([extra, who]) => ({ event: { ...extra, action: name } as Record<string, unknown>, who }))
      .filter(({ event }) => {
        const { action: _a, ...payload } = event;
        return !def.input.safeParse(payload).success;
      });
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(payloads, async ({ event, who }) => {
        seen += 1;
        const res = await dispatch(table, event, { store: ctx.store, clock: ctx.clock, identity: identities[who] });
        expect(res.ok).toBe(false);
        if (res.ok) return;
        expect(ERROR_CODES).toContain(res.error.code);
        expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
        expect(res.error.code).not.toBe('INTERNAL');
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    expect(seen).toBeGreaterThanOrEqual(RUNS);
    expect(await snapshot()).toBe(before);
  });
});

test(`${RUNS} events that are not even objects get INVALID_INPUT`, async () => {
  const table = FUNCTION_ROUTES.account;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.anything({ maxDepth: 2 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
        fc.record({ action: fc.anything({ maxDepth: 1 }).filter((v) => typeof v !== 'string') }),
      ),
      async (event) => {
        const res = await dispatch(table, event, { store: ctx.store, clock: ctx.clock, identity: identities[0] });
        expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      },
    ),
    { numRuns: RUNS, seed: 7 },
  );
});
