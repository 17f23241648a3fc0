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
let NOTICE_B = '';
let INQUIRY_B = '';
let VISIT_B = '';
let NEED_B = '';
let TEAM_B = '';

/** Actions that name a village or a village's record, with B's in the payload. */
const attempts = (): Record<string, Record<string, unknown>> => ({
  'roster.search': { villageId: 'vil-shiqiao' },
  'roster.electorate': { villageId: 'vil-shiqiao' },
  'members.list': { villageId: 'vil-shiqiao' },
  'members.auditLog': { villageId: 'vil-shiqiao' },
  'members.teams': { villageId: 'vil-shiqiao' },
  'members.saveTeam': { teamId: TEAM_B, name: '越村改队名', memberIds: ['p-taoyuan-0003'] },
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
  'matters.groups': { villageId: 'vil-shiqiao' },
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
  // A notice of 石桥村 seen by its own village only, and a question on it.
  'board.get': { noticeId: NOTICE_B },
  'board.revision': { noticeId: NOTICE_B, n: 1 },
  'board.draft': { noticeId: NOTICE_B, kind: 'general', title: '越村改稿', body: '越村' },
  'board.publish': { noticeId: NOTICE_B },
  'board.correct': { noticeId: NOTICE_B, body: '越村更正', reason: '越村操作试试' },
  'board.retract': { noticeId: NOTICE_B, reason: '越村操作试试' },
  'board.arrange': { noticeId: NOTICE_B, pinned: true },
  'board.ask': { noticeId: NOTICE_B, text: '越村提问' },
  'board.answer': { inquiryId: INQUIRY_B, text: '越村答复' },
  'board.inquiries': { noticeId: NOTICE_B },
  'board.duties': { villageId: 'vil-shiqiao' },
  'board.configure': { villageId: 'vil-shiqiao', inquiryDays: 3 },
  'board.export': { villageId: 'vil-shiqiao', what: 'votes', format: 'csv', from: '2026-01-01', to: '2026-12-31' },
  'board.print': { noticeId: NOTICE_B },
  // A visit of 石桥村's party member to one of its households, with a need found there.
  'visits.settings': { villageId: 'vil-shiqiao' },
  'visits.assign': { householdIds: ['h-shiqiao-003'], memberId: 'p-shiqiao-0003' },
  'visits.unassign': { householdIds: ['h-shiqiao-002'] },
  'visits.assignments': { villageId: 'vil-shiqiao' },
  'visits.history': { householdId: 'h-shiqiao-002' },
  'visits.generate': { villageId: 'vil-shiqiao' },
  'visits.checkIn': {
    clientId: 'cross-village-0001',
    householdId: 'h-shiqiao-002',
    start: { at: ctx.clock.now() - 600_000 },
    end: { at: ctx.clock.now() },
  },
  'visits.visit': { visitId: VISIT_B },
  'visits.household': { householdId: 'h-shiqiao-002' },
  'visits.needs': { villageId: 'vil-shiqiao' },
  'visits.updateNeed': { needId: NEED_B, text: '越村改诉求' },
  'visits.escalateNeed': { needId: NEED_B, reason: '越村操作试试' },
  'visits.closeOutNeed': { needId: NEED_B, text: '越村销号' },
  'visits.needToMatter': { needId: NEED_B },
  'visits.gridBoard': { villageId: 'vil-shiqiao', groupId: 'shiqiao-g2' },
  'visits.villageBoard': { villageId: 'vil-shiqiao' },
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
  'matters.teams': "the caller's own village's work teams",
  'board.list': "another village's board shows only what its committee made public",
  'board.drafts': "the caller's own village's drafts",
  'board.township': "the caller's own township's villages",
  'board.importAccounts': "always the caller's own village",
  'board.accountsTemplate': 'no village data',
  'visits.setSettings': "always the caller's own village",
  'visits.myTasks': "the caller's own tasks",
  'visits.memberBoard': "the caller's own counters",
  'visits.townshipBoard': "the caller's own township's villages",
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
  // A notice of 石桥村 for its own people, published by its committee, with a question on it.
  const drafted = await api.ok<{ notice: { id: string } }>(local('demo-shiqiao-committee'), 'board.draft', {
    kind: 'general',
    title: '石桥村三季度村务公开',
    body: '石桥村的公告',
  });
  NOTICE_B = drafted.notice.id;
  await api.ok(local('demo-shiqiao-committee'), 'board.publish', { noticeId: NOTICE_B });
  INQUIRY_B = (
    await api.ok<{ id: string }>(local('demo-shiqiao-villager1'), 'board.ask', {
      noticeId: NOTICE_B,
      text: '钱花在哪了？',
    })
  ).id;
  const visited = await api.ok<{ visit: { id: string; needs: Array<{ id: string }> } }>(
    local('demo-shiqiao-party'),
    'visits.checkIn',
    {
      clientId: 'shiqiao-visit-0001',
      householdId: 'h-shiqiao-002',
      start: { at: now - 1_800_000 },
      end: { at: now - 600_000 },
      needs: [{ category: 'housing', text: '石桥村的屋顶漏雨' }],
    },
  );
  VISIT_B = visited.visit.id;
  NEED_B = visited.visit.needs[0].id;
  TEAM_B = (
    await api.ok<{ id: string }>(local('demo-shiqiao-committee'), 'members.saveTeam', {
      name: '石桥护桥队',
      memberIds: ['p-shiqiao-0002'],
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
      'teams',
      'motions',
      'ballotPresence',
      ...['matters', 'cosigns', 'comments', 'stances', 'commentReports', 'meetings', 'milestones', 'progress'],
      ...['ratings', 'matterEvents', 'outbox'],
      ...['notices', 'noticeRevisions', 'noticeReads', 'inquiries', 'boardSettings'],
      ...['visitHouseholds', 'contactAssignments', 'visitMembers', 'visitTasks', 'visits', 'visitNeeds', 'visitStats'],
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
