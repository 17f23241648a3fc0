import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { signLocalToken } from '../../cloudfunctions/shared/identity';
import { runTimers } from '../../cloudfunctions/timers/run';
import { buildGateway } from '../../server/app';
import { loadVillage, pool } from '../../scripts/load-village';
import { verifyTally } from '../../scripts/verify-tally';
import { seededStore } from '../helpers/seeded';

/**
 * 2,000 electors each fire 5 ballots at once through the gateway over loopback HTTP: exactly 2,000
 * ballots are stored, every other attempt is ALREADY_VOTED, and the tally equals the ballots.
 */
jest.setTimeout(180_000);

const SECRET = 'concurrency-secret';
const ELECTORS = 2000;
const TRIES = 5;

let ctx: Awaited<ReturnType<typeof seededStore>>;
let app: FastifyInstance;
let url = '';

beforeAll(async () => {
  ctx = await seededStore();
  app = await buildGateway({ store: ctx.store, clock: ctx.clock, tokenSecret: SECRET, devRoutes: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await ctx.cleanup();
});

async function post(
  token: string,
  body: Record<string, unknown>,
): Promise<{ ok: boolean; data?: { id?: string }; error?: { code: string } }> {
  const res = await fetch(`${url}/api/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; data?: { id?: string }; error?: { code: string } };
}

test(`${ELECTORS} electors × ${TRIES} simultaneous ballots give exactly ${ELECTORS} ballots`, async () => {
  const now = ctx.clock.now();
  const { villagerIds, committeeId } = await loadVillage(ctx.store, 'vil-load', ELECTORS, now);
  const token = (id: string) => signLocalToken(SECRET, id, now);
  const opened = await post(token(committeeId), {
    action: 'votes.open',
    question: '要不要一起出钱修水渠？',
    kind: 'yesNo',
    body: 'adults',
    category: 'publicWelfare',
    opensAt: now,
    closesAt: now + 3600_000,
    mode: 'secret',
    urgent: true,
    urgentReason: '压力测试',
  });
  const motionId = opened.data?.id ?? '';
  expect(motionId).toMatch(/^mo_/);

  const jobs = villagerIds.flatMap((id, i) =>
    Array.from(
      { length: TRIES },
      (_, k) => () => post(token(id), { action: 'votes.cast', motionId, choices: [(i + k) % 3 === 0 ? 'no' : 'yes'] }),
    ),
  );
  // Interleave so each elector's five tries are in flight together with everyone else's.
  const shuffled = jobs
    .map((job, i) => ({ job, key: (i * 7919) % jobs.length }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.job);
  const results = await pool(shuffled, 200);
  const codes = new Map<string, number>();
  for (const r of results) {
    const code = r.value.ok ? 'OK' : (r.value.error?.code ?? '?');
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  expect(Object.fromEntries(codes)).toEqual({ OK: ELECTORS, ALREADY_VOTED: ELECTORS * (TRIES - 1) });
  expect(await ctx.store.count('ballotPresence', { motionId })).toBe(ELECTORS);
  expect(await ctx.store.count('ballotContents', { motionId })).toBe(ELECTORS);

  ctx.clock.advance(3600_000);
  await runTimers(ctx.store, ctx.clock.now());
  const res = (await (
    await fetch(`${url}/api/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token(villagerIds[1])}` },
      body: JSON.stringify({ action: 'votes.result', motionId }),
    })
  ).json()) as { data: { tally: { turnout: number; counts: Record<string, number> }; receipts: string[] } };
  expect(res.data.tally.turnout).toBe(ELECTORS);
  expect(Object.values(res.data.tally.counts).reduce((a, b) => a + b, 0)).toBe(ELECTORS);
  expect(new Set(res.data.receipts).size).toBe(ELECTORS);
  expect(await verifyTally(ctx.store, motionId)).toMatchObject({ ok: true, ballots: ELECTORS });
});
