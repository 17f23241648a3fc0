import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedFileStore } from '../../cloudfunctions/shared/files/embedded';
import { resolveCaller, signLocalToken } from '../../cloudfunctions/shared/identity';
import { openMotion } from '../../cloudfunctions/votes/open';
import { ALL_ACTIONS } from '../../core';
import type { JoinRequestRecord } from '../../core/records';
import { buildGateway } from '../../server/app';
import { caller, local } from '../helpers/call';
import { seededStore } from '../helpers/seeded';

/**
 * Through the gateway, as a client would: people of 桃源村 (village A) try every action on
 * 石桥村's (village B) records and get FORBIDDEN, and B's records are unchanged.
 */
const SECRET = 'cross-village-secret';
let ctx: Awaited<ReturnType<typeof seededStore>>;
let app: FastifyInstance;
let filesDir: string;

let MOTION_B = '';
let MATTER_B = '';
let COMMENT_B = '';

/** Actions that name a village or a village's record, with B's in the payload. */
const attempts = (): Record<string, Record<string, unknown>> => ({
  'roster.search': { villageId: 'vil-shiqiao' },
  'roster.electorate': { villageId: 'vil-shiqiao' },
  'members.list': { villageId: 'vil-shiqiao' },
  'members.auditLog': { villageId: 'vil-shiqiao' },
  'members.grantRole': { accountId: 'demo-shiqiao-villager1', role: 'partyMember' },
  'members.revokeRole': { accountId: 'demo-shiqiao-grid', role: 'gridLeader', reason: '越村操作试试' },
  'members.decideJoin': { requestId: 'join_wx_b', approve: true },
  'votes.get': { motionId: MOTION_B },
  'votes.cast': { motionId: MOTION_B, choices: ['yes'] },
  'votes.castAssisted': { motionId: MOTION_B, electorId: 'p-shiqiao-0001', choices: ['yes'] },
  'votes.recordHandCount': { motionId: MOTION_B, heldAt: 1, attendance: 1, counts: { yes: 1, no: 0 } },
  'votes.close': { motionId: MOTION_B },
  'votes.result': { motionId: MOTION_B },
  'votes.myReceipt': { motionId: MOTION_B },
  'votes.checkReceipt': { motionId: MOTION_B, receipt: '2222-2222' },
  'matters.list': { villageId: 'vil-shiqiao' },
  'matters.get': { matterId: MATTER_B },
  'matters.cosign': { matterId: MATTER_B },
  'matters.withdraw': { matterId: MATTER_B },
  'matters.screen': { matterId: MATTER_B, decision: 'decline', reason: '越村操作试试' },
  'matters.comment': { matterId: MATTER_B, stance: 'for', text: '越村留言' },
  'matters.comments': { matterId: MATTER_B },
  'matters.reportComment': { commentId: COMMENT_B },
  'matters.hideComment': { commentId: COMMENT_B, reason: '越村操作试试' },
  'matters.recordMeeting': {
    matterId: MATTER_B,
    heldAt: 1,
    place: '村委会',
    attendees: 3,
    minutes: '记录',
    outcome: '结果',
  },
  'matters.meetings': { matterId: MATTER_B },
  'matters.returnToRaised': { matterId: MATTER_B, reason: '越村操作试试' },
  'matters.moveToVote': {
    matterId: MATTER_B,
    body: 'adults',
    mode: 'open',
    opensAt: 1,
    closesAt: 2,
    urgent: true,
    urgentReason: '越村',
  },
  'matters.decide': { matterId: MATTER_B, reason: '越村操作试试' },
  'matters.reopen': { matterId: MATTER_B, reason: '越村操作试试' },
  'matters.assignOwner': { matterId: MATTER_B, owner: { kind: 'person', personId: 'p-shiqiao-0001' } },
  'matters.startWork': { matterId: MATTER_B },
  'matters.addMilestone': { matterId: MATTER_B, title: '越村节点' },
  'matters.postProgress': { matterId: MATTER_B, text: '越村进度', percent: 50, happenedAt: 1 },
  'matters.progress': { matterId: MATTER_B },
  'matters.complete': { matterId: MATTER_B, summary: '越村办完' },
  'matters.rate': { matterId: MATTER_B, stars: 1 },
  'matters.timeline': { matterId: MATTER_B },
});

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
  'votes.open': "always in the caller's own village",
  'votes.list': "the caller's own village",
  'matters.raise': "always in the caller's own village",
  'matters.saveDraft': "the caller's own draft",
  'matters.drafts': "the caller's own drafts",
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
  const shiqiaoCommittee = await resolveCaller(ctx.store, { kind: 'local', accountId: 'demo-shiqiao-committee' });
  if (!shiqiaoCommittee) throw new Error('no committee');
  const now = ctx.clock.now();
  MOTION_B = (
    await openMotion(ctx.store, shiqiaoCommittee, now, {
      question: '石桥村的事',
      kind: 'yesNo',
      body: 'adults',
      category: 'general',
      opensAt: now,
      closesAt: now + 86_400_000,
      mode: 'secret',
      urgent: true,
      urgentReason: '测试',
    })
  )._id;
  // A matter of 石桥村 with a comment on it, raised and accepted by 石桥村's own people.
  const api = caller(ctx);
  MATTER_B = (
    await api.ok<{ id: string }>(local('demo-shiqiao-villager1'), 'matters.raise', {
      title: '石桥村的路要修',
      category: 'general',
    })
  ).id;
  await api.ok(local('demo-shiqiao-committee'), 'matters.screen', { matterId: MATTER_B, decision: 'accept' });
  COMMENT_B = (
    await api.ok<{ id: string }>(local('demo-shiqiao-villager2'), 'matters.comment', {
      matterId: MATTER_B,
      stance: 'for',
      text: '赞成',
    })
  ).id;
});
afterAll(async () => {
  await app.close();
  await ctx.cleanup();
  rmSync(filesDir, { recursive: true, force: true });
});

test('every action is either tried across villages here or acts only on the caller’s own', () => {
  for (const def of ALL_ACTIONS)
    expect([def.name, def.name in attempts() || def.name in OWN_ONLY]).toEqual([def.name, true]);
});

async function snapshotB(): Promise<string> {
  const parts = await Promise.all(
    [
      'accounts',
      'joinRequests',
      'persons',
      'households',
      'auditLog',
      'motions',
      'ballotPresence',
      ...['matters', 'cosigns', 'comments', 'stances', 'commentReports', 'meetings', 'milestones', 'progress'],
      ...['ratings', 'matterEvents', 'outbox'],
    ].map((c) => ctx.store.find(c, { villageId: 'vil-shiqiao' }, { limit: 10_000 })),
  );
  return JSON.stringify(parts);
}

test.each(['demo-taoyuan-committee', 'demo-taoyuan-villager1', 'demo-taoyuan-grid'])(
  '%s gets FORBIDDEN on every action against 石桥村',
  async (who) => {
    const token = signLocalToken(SECRET, who, ctx.clock.now());
    const before = await snapshotB();
    for (const [action, payload] of Object.entries(attempts())) {
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
