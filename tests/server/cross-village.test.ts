import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedFileStore } from '../../cloudfunctions/shared/files/embedded';
import { signLocalToken } from '../../cloudfunctions/shared/identity';
import { ALL_ACTIONS } from '../../core';
import type { JoinRequestRecord } from '../../core/records';
import { buildGateway } from '../../server/app';
import { seededStore } from '../helpers/seeded';

/**
 * Through the gateway, as a client would: people of 桃源村 (village A) try every action on
 * 石桥村's (village B) records and get FORBIDDEN, and B's records are unchanged.
 */
const SECRET = 'cross-village-secret';
let ctx: Awaited<ReturnType<typeof seededStore>>;
let app: FastifyInstance;
let filesDir: string;

/** Actions that name a village or a village's record, with B's in the payload. */
const ATTEMPTS: Record<string, Record<string, unknown>> = {
  'roster.search': { villageId: 'vil-shiqiao' },
  'roster.electorate': { villageId: 'vil-shiqiao' },
  'members.list': { villageId: 'vil-shiqiao' },
  'members.auditLog': { villageId: 'vil-shiqiao' },
  'members.grantRole': { accountId: 'demo-shiqiao-villager1', role: 'partyMember' },
  'members.revokeRole': { accountId: 'demo-shiqiao-grid', role: 'gridLeader', reason: '越村操作试试' },
  'members.decideJoin': { requestId: 'join_wx_b', approve: true },
};

/** Actions that take no village from the caller: they act on the caller's own village or on nothing. */
const OWN_ONLY: Record<string, string> = {
  'account.whoami': 'the caller only',
  'account.setPrefs': 'the caller only',
  'account.listVillages': 'public list of village names',
  'account.requestJoin': 'a request to join; refused once joined (ALREADY_JOINED)',
  'account.myJoinRequest': 'the caller only',
  'roster.import': "always the caller's own village",
  'roster.template': 'no village data',
  'roster.myHousehold': "the caller's own household",
  'members.pendingJoins': "the caller's own village",
};

beforeAll(async () => {
  ctx = await seededStore();
  filesDir = mkdtempSync(join(tmpdir(), 'xz-files-'));
  app = await buildGateway({
    store: ctx.store,
    clock: ctx.clock,
    tokenSecret: SECRET,
    devRoutes: false,
    files: new EmbeddedFileStore(filesDir),
  });
  const request: JoinRequestRecord = {
    _id: 'join_wx_b',
    accountId: 'wx_b',
    accountName: '微信用户',
    villageId: 'vil-shiqiao',
    personId: 'p-shiqiao-0001',
    name: 'x',
    householdCode: 'SQ-1-001',
    status: 'pending',
    rebind: false,
    reason: null,
    createdAt: 0,
    decidedAt: null,
    decidedBy: null,
  };
  await ctx.store.insert('joinRequests', request);
});
afterAll(async () => {
  await app.close();
  await ctx.cleanup();
  rmSync(filesDir, { recursive: true, force: true });
});

test('every action is either tried across villages here or acts only on the caller’s own', () => {
  for (const def of ALL_ACTIONS)
    expect([def.name, def.name in ATTEMPTS || def.name in OWN_ONLY]).toEqual([def.name, true]);
});

async function snapshotB(): Promise<string> {
  const parts = await Promise.all(
    ['accounts', 'joinRequests', 'persons', 'households', 'auditLog'].map((c) =>
      ctx.store.find(c, { villageId: 'vil-shiqiao' }, { limit: 10_000 }),
    ),
  );
  return JSON.stringify(parts);
}

test.each(['demo-taoyuan-committee', 'demo-taoyuan-villager1', 'demo-taoyuan-grid'])(
  '%s gets FORBIDDEN on every action against 石桥村',
  async (who) => {
    const token = signLocalToken(SECRET, who, ctx.clock.now());
    const before = await snapshotB();
    for (const [action, payload] of Object.entries(ATTEMPTS)) {
      const fn = action.slice(0, action.indexOf('.'));
      const res = await app.inject({
        method: 'POST',
        url: `/api/${fn}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { action, ...payload },
      });
      expect([action, (res.json() as { error?: { code: string } }).error?.code]).toEqual([action, 'FORBIDDEN']);
    }
    expect(await snapshotB()).toBe(before);
  },
);

test('township staff reach both villages of their township', async () => {
  const token = signLocalToken(SECRET, 'demo-township-staff', ctx.clock.now());
  for (const villageId of ['vil-taoyuan', 'vil-shiqiao']) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/roster',
      headers: { authorization: `Bearer ${token}` },
      payload: { action: 'roster.search', villageId, q: '' },
    });
    expect((res.json() as { ok: boolean }).ok).toBe(true);
  }
});
