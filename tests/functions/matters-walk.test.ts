import { loadChain, sha256, type AuditHead } from '../../cloudfunctions/shared/audit';
import { verifyChain } from '../../core/audit/chain';
import { closeEvaluations } from '../../cloudfunctions/matters/timers';
import { applyVoteResult } from '../../cloudfunctions/matters/vote-result';
import type { OutboxRecord } from '../../cloudfunctions/matters/records';
import { DAY, JPEG, mattersWorld, who, type MatterOut, type MattersWorld } from '../helpers/matters';

/**
 * One matter the whole way, as the village would walk it: raised with a photo, co-signed, accepted,
 * talked over, met about, put to the villagers' vote, passed, given an owner, carried out with
 * progress and photos, completed, rated, and closed by the timer, with the timeline showing each step.
 */
let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

interface Timeline {
  items: Array<{
    id: string;
    at: number;
    kind: string;
    byName: string | null;
    state: string | null;
    text: string | null;
  }>;
  nextCursor: string | null;
}

test('raise → cosign → accept → comment → meeting → vote → passed → owner → progress → complete → rate → closed', async () => {
  const { api, ctx } = w;
  const hour = 3_600_000;

  // 民提
  const photo = w.upload(JPEG, 'demo-taoyuan-villager1');
  const raised = await w.raise(who.villager1, {
    title: '三组到村口的路灯坏了三盏',
    description: '晚上老人出门看不清路，去年有人摔过',
    groupId: 'taoyuan-g3',
    photos: [photo],
  });
  expect(raised).toMatchObject({ state: 'raised', mine: true, photos: [photo], groupId: 'taoyuan-g3' });
  expect(raised.screening).toMatchObject({ overdue: false, daysLeft: 8 });

  ctx.clock.advance(hour);
  const cosigned = await api.ok<{ count: number; cosignedByMe: boolean }>(who.villager2, 'matters.cosign', {
    matterId: raised.id,
  });
  expect(cosigned).toMatchObject({ count: 1, cosignedByMe: true });

  ctx.clock.advance(hour);
  const accepted = await api.ok<MatterOut>(who.committee, 'matters.screen', {
    matterId: raised.id,
    decision: 'accept',
    note: '村里出钱修',
  });
  expect(accepted.state).toBe('deliberating');

  // 民议
  ctx.clock.advance(hour);
  const c1 = await api.ok<{ id: string; depth: number }>(who.villager3, 'matters.comment', {
    matterId: raised.id,
    stance: 'for',
    text: '早该修了',
  });
  await api.ok(who.villager2, 'matters.comment', { matterId: raised.id, stance: 'against', text: '先修桥' });
  const reply = await api.ok<{ depth: number; parentId: string }>(who.villager1, 'matters.comment', {
    matterId: raised.id,
    stance: 'neutral',
    text: '桥也要修，分开说',
    parentId: c1.id,
  });
  expect(reply).toMatchObject({ depth: 1, parentId: c1.id });

  ctx.clock.advance(hour);
  await w.meeting(raised.id);
  const talked = await api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: raised.id });
  expect(talked).toMatchObject({ commentCount: 3, stances: { for: 1, against: 1, neutral: 0 }, meetingCount: 1 });

  // 民决
  ctx.clock.advance(hour);
  const opensAt = ctx.clock.now() + 10 * DAY;
  const moved = await api.ok<{ matter: MatterOut; motionId: string }>(who.committee, 'matters.moveToVote', {
    matterId: raised.id,
    body: 'adults',
    mode: 'secret',
    opensAt,
    closesAt: opensAt + DAY,
    note: '按村民会议表决',
  });
  expect(moved.matter).toMatchObject({ state: 'voting', motionId: moved.motionId });
  const motion = await ctx.store.get<{ _id: string; matterId: string; question: string }>('motions', moved.motionId);
  expect(motion).toMatchObject({ matterId: raised.id, question: '三组到村口的路灯坏了三盏' });

  ctx.clock.set(opensAt + DAY);
  const closed = { id: moved.motionId, villageId: 'vil-taoyuan', matterId: raised.id };
  await applyVoteResult(ctx.store, ctx.clock.now(), closed, 'passed', { turnout: 180, electorateSize: 300 });
  const lineBefore = (await api.ok<Timeline>(who.villager1, 'matters.timeline', { matterId: raised.id })).items;
  // Closing twice changes nothing.
  await applyVoteResult(ctx.store, ctx.clock.now(), closed, 'passed', { turnout: 180, electorateSize: 300 });
  await applyVoteResult(ctx.store, ctx.clock.now(), closed, 'rejected', { turnout: 180, electorateSize: 300 });
  const passed = await api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: raised.id });
  expect(passed).toMatchObject({ state: 'passed', decidedBy: 'vote' });
  expect((await api.ok<Timeline>(who.villager1, 'matters.timeline', { matterId: raised.id })).items).toEqual(
    lineBefore,
  );

  // 民办
  ctx.clock.advance(hour);
  const ownerPerson = await w.personOf('demo-taoyuan-villager3');
  const owned = await api.ok<MatterOut>(who.committee, 'matters.assignOwner', {
    matterId: raised.id,
    owner: { kind: 'person', personId: ownerPerson },
  });
  expect(owned.owner).toMatchObject({ kind: 'person', id: ownerPerson });
  const started = await api.ok<MatterOut>(who.committee, 'matters.startWork', { matterId: raised.id });
  expect(started.state).toBe('implementing');

  ctx.clock.advance(hour);
  const milestone = await api.ok<{ id: string; doneAt: number | null }>(who.villager3, 'matters.addMilestone', {
    matterId: raised.id,
    title: '买灯泡和电线',
    dueAt: ctx.clock.now() + 3 * DAY,
  });
  const sitePhoto = w.upload(JPEG, 'demo-taoyuan-villager3');
  await api.ok(who.villager3, 'matters.postProgress', {
    matterId: raised.id,
    text: '灯泡买回来了',
    percent: 40,
    happenedAt: ctx.clock.now(),
    photos: [sitePhoto],
    milestoneId: milestone.id,
  });
  ctx.clock.advance(DAY);
  await api.ok(who.committee, 'matters.postProgress', {
    matterId: raised.id,
    text: '三盏都装好了，晚上亮了',
    percent: 100,
    happenedAt: ctx.clock.now(),
  });
  const feed = await api.ok<{ items: Array<{ percent: number; photos: string[] }> }>(
    who.villager1,
    'matters.progress',
    { matterId: raised.id },
  );
  expect(feed.items.map((p) => p.percent)).toEqual([100, 40]);
  expect(feed.items[1].photos).toEqual([sitePhoto]);
  const working = await api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: raised.id });
  expect(working).toMatchObject({ progressPercent: 100 });
  expect((working.milestones as Array<{ doneAt: number | null }>)[0].doneAt).not.toBeNull();

  const done = await api.ok<MatterOut>(who.committee, 'matters.complete', {
    matterId: raised.id,
    summary: '三盏路灯都换好了，花了600元',
  });
  expect(done.state).toBe('evaluating');
  expect(done.evaluation).toMatchObject({ open: true, summary: { count: 0 } });

  // 民评
  ctx.clock.advance(hour);
  await api.ok(who.villager1, 'matters.rate', { matterId: raised.id, stars: 5 });
  const score = await api.ok<{ count: number; average: string }>(who.villager2, 'matters.rate', {
    matterId: raised.id,
    stars: 4,
    comment: '亮了就好',
  });
  expect(score).toMatchObject({ count: 2, average: '4.5', averageTenths: 45 });
  const rated = await api.ok<MatterOut>(who.villager2, 'matters.get', { matterId: raised.id });
  expect(rated).toMatchObject({ canRate: false, evaluation: { myStars: 4 } });

  // Not before the window ends; then once, and only once.
  expect(await closeEvaluations(ctx.store, ctx.clock.now())).toEqual([]);
  const endsAt = done.evaluation?.endsAt ?? 0;
  ctx.clock.set(endsAt);
  expect(await closeEvaluations(ctx.store, ctx.clock.now())).toEqual([raised.id]);
  expect(await closeEvaluations(ctx.store, ctx.clock.now())).toEqual([]);
  const final = await api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: raised.id });
  expect(final).toMatchObject({ state: 'closed', canRate: false, canComment: false });
  expect((final.strip as Array<{ status: string }>).map((s) => s.status)).toEqual([
    'done',
    'done',
    'done',
    'done',
    'done',
  ]);

  // The timeline has every step, in order, with who and why.
  const line = await api.ok<Timeline>(who.villager2, 'matters.timeline', { matterId: raised.id });
  expect(line.items.map((e) => e.kind)).toEqual([
    'MatterRaised',
    'MatterAccepted',
    'MeetingRecorded',
    'MatterPutToVote',
    'MatterPassed',
    'OwnerAssigned',
    'WorkStarted',
    'MilestoneAdded',
    'ProgressPosted',
    'ProgressPosted',
    'MatterCompleted',
    'MatterClosed',
  ]);
  const byKind = new Map(line.items.map((e) => [e.kind, e]));
  expect(byKind.get('MatterAccepted')).toMatchObject({ state: 'deliberating', text: '村里出钱修' });
  expect(byKind.get('MatterPassed')).toMatchObject({ byName: null, state: 'passed', text: '180人参加表决，共300人' });
  expect(byKind.get('MatterCompleted')?.text).toBe('三盏路灯都换好了，花了600元');
  expect(byKind.get('MatterClosed')).toMatchObject({ byName: null, state: 'closed' });
  expect(byKind.get('MatterClosed')?.text).toContain('平均4.5分');
  expect(line.items.every((e, i) => i === 0 || e.at >= line.items[i - 1].at)).toBe(true);

  // The author and the co-signer heard of every step; the committee's own steps are in the audit log.
  const heard = async (accountId: string) =>
    (
      await ctx.store.find<OutboxRecord>(
        'outbox',
        { personId: await w.personOf(accountId) },
        { sort: [['at', 'asc']], limit: 100 },
      )
    ).map((o) => o.kind);
  // Both are adults on the roll, so the vote's opening reaches them as electors too.
  const steps = [
    'MatterAccepted',
    'MatterPutToVote',
    'VoteOpened',
    'MatterPassed',
    'WorkStarted',
    'MatterCompleted',
    'MatterClosed',
  ];
  expect(await heard('demo-taoyuan-villager1')).toEqual(steps);
  expect(await heard('demo-taoyuan-villager2')).toEqual(steps);
  const chain = await loadChain(ctx.store, 'vil-taoyuan');
  expect(chain.map((e) => e.action)).toEqual(
    expect.arrayContaining([
      'matters.screen',
      'matters.recordMeeting',
      'votes.open',
      'matters.moveToVote',
      'matters.assignOwner',
      'matters.startWork',
      'matters.postProgress',
      'matters.complete',
    ]),
  );
  expect(verifyChain(chain, await ctx.store.get<AuditHead>('auditHeads', 'vil-taoyuan'), sha256)).toEqual([]);
});
