import { voteNoticeId, matterNoticeId } from '../../cloudfunctions/board/ids';
import type { NoticeRecord } from '../../cloudfunctions/board/records';
import { loadChain } from '../../cloudfunctions/shared/audit';
import { resolveCaller } from '../../cloudfunctions/shared/identity';
import type { DocOps, Store } from '../../cloudfunctions/shared/store/port';
import { runTimers } from '../../cloudfunctions/timers/run';
import { closeMotion } from '../../cloudfunctions/votes/close';
import { onMotionClosed } from '../../cloudfunctions/votes/on-closed';
import { openMotion } from '../../cloudfunctions/votes/open';
import type { MotionRecord } from '../../cloudfunctions/votes/records';
import type { NoticeOut } from '../helpers/board';
import { DAY, mattersWorld, who, type MattersWorld } from '../helpers/matters';

/**
 * The notices nobody types, from real closes and real steps: a vote's result when its count is
 * stored (by the timer or by the committee), and a matter's decline, decision, pass, completion and
 * rating. Publishing again changes nothing, and a board that cannot write never fails the close.
 */
jest.setTimeout(60_000);

let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

const MIN = 60_000;

async function noticesAbout(sourceId: string): Promise<NoticeRecord[]> {
  return w.ctx.store.find<NoticeRecord>('notices', { sourceId }, { limit: 100 });
}

async function boardAudits(noticeId: string): Promise<number> {
  return (await loadChain(w.ctx.store, 'vil-taoyuan')).filter((e) => e.target.id === noticeId).length;
}

test('a vote closed by the timer puts its result on the board, with turnout, rules, counts, outcome and the recount link', async () => {
  const committee = await resolveCaller(w.ctx.store, who.committee);
  if (!committee) throw new Error('no committee');
  const now = w.ctx.clock.now();
  const motion = await openMotion(w.ctx.store, committee, now, {
    question: '村里的路要不要今年修？',
    kind: 'yesNo',
    body: 'adults',
    category: 'publicWelfare',
    opensAt: now + MIN,
    closesAt: now + DAY,
    mode: 'secret',
    urgent: true,
    urgentReason: '汛期前必须定下来',
  });
  w.ctx.clock.advance(2 * MIN);
  for (const v of [who.villager1, who.villager2, who.villager3]) {
    await w.api.ok(v, 'votes.cast', { motionId: motion._id, choices: ['yes'] });
  }
  await w.api.ok(who.party, 'votes.cast', { motionId: motion._id, choices: ['no'] });
  expect(await noticesAbout(motion._id)).toEqual([]);

  w.ctx.clock.advance(DAY);
  const report = await runTimers(w.ctx.store, w.ctx.clock.now());
  expect(report.closed).toContain(motion._id);

  const id = voteNoticeId(motion._id);
  const n = await w.api.ok<NoticeOut>(who.villager1, 'board.get', { noticeId: id });
  expect(n.notice).toMatchObject({ kind: 'voteResult', state: 'published', revision: 1, source: 'motion' });
  expect(n.revisions[0].authorName).toBe('系统自动发布');
  expect(n.content.title).toBe('表决结果：村里的路要不要今年修？');
  expect(n.content.body).toContain(`应参加 ${motion.electorateSize} 人，实际参加 4 人`);
  expect(n.content.body).toContain('超过一半的选民参加才算数');
  expect(n.content.body).toContain('同意 3 票，反对 1 票，弃权 0 票');
  expect(n.content.body).toContain('结果：参加的人不够，表决无效');
  expect(n.content.link).toBe(`/pkg-vote/result/index?id=${motion._id}`);
  const stored = await w.ctx.store.get<MotionRecord>('motions', motion._id);
  expect(n.content.facts).toMatchObject({
    type: 'voteResult',
    motionId: motion._id,
    turnout: 4,
    electorateSize: motion.electorateSize,
    quorumMet: false,
    result: 'noQuorum',
    chainHead: stored?.sealedHead,
    recountPath: `/pkg-vote/result/index?id=${motion._id}`,
  });
  expect(n.content.body).toContain(stored?.sealedHead ?? '?');
  expect(n.intact).toBe(true);

  // Again, by the timer and by a retried hook: nothing new on the board or in the log.
  await runTimers(w.ctx.store, w.ctx.clock.now() + MIN);
  if (stored?.tally) await onMotionClosed(w.ctx.store, w.ctx.clock.now(), stored, stored.tally);
  expect(await noticesAbout(motion._id)).toHaveLength(1);
  expect(await boardAudits(id)).toBe(1);
  // Nobody types over a count: no correction, no retraction.
  expect(
    await w.api.code(who.committee, 'board.correct', { noticeId: id, body: '同意 30 票', reason: '改一下票数' }),
  ).toBe('INVALID_TRANSITION');
  expect(await w.api.code(who.committee, 'board.retract', { noticeId: id, reason: '不想公开' })).toBe(
    'INVALID_TRANSITION',
  );
});

test('a matter’s vote closed by the committee publishes the result and the pass; work, completion and rating follow', async () => {
  const matterId = await w.deliberated({ title: '村口路灯坏了要修', category: 'general' });
  const motionId = await w.toVote(matterId, 'delegates');
  // The delegate assembly of 桃源村: its committee and its delegate.
  for (const v of [who.committee, who.delegate]) await w.api.ok(v, 'votes.cast', { motionId, choices: ['yes'] });
  // Everyone on the roll has voted: the committee may close early.
  const tally = await w.api.ok<{ result: string }>(who.committee, 'votes.close', { motionId });
  expect(tally.result).toBe('passed');

  const result = await w.api.ok<NoticeOut>(who.villager2, 'board.get', { noticeId: voteNoticeId(motionId) });
  expect(result.content.body).toContain('结果：通过');
  expect(result.content.facts).toMatchObject({ matterId, turnout: 2, electorateSize: 2, quorumMet: true });
  const passed = await w.api.ok<NoticeOut>(who.villager2, 'board.get', {
    noticeId: matterNoticeId(matterId, 'votePassed'),
  });
  expect(passed.notice.kind).toBe('decision');
  expect(passed.content.title).toBe('表决通过：村口路灯坏了要修');
  expect(passed.content.body).toContain('应参加 2，实际参加 2');
  expect(passed.content.link).toBe(`/pkg-vote/result/index?id=${motionId}`);

  await w.api.ok(who.committee, 'matters.assignOwner', {
    matterId,
    owner: { kind: 'person', personId: await w.personOf('demo-taoyuan-villager3') },
  });
  await w.api.ok(who.committee, 'matters.startWork', { matterId });
  // Starting work is on the matter's timeline, not the board.
  expect(await noticesAbout(matterId)).toHaveLength(1);
  await w.api.ok(who.committee, 'matters.complete', { matterId, summary: '换了三盏灯，花了600元' });
  const done = await w.api.ok<NoticeOut>(who.villager1, 'board.get', {
    noticeId: matterNoticeId(matterId, 'complete'),
  });
  expect(done.notice.kind).toBe('progress');
  expect(done.content.body).toContain('办理情况：换了三盏灯，花了600元');
  expect(done.content.body).toMatch(/请大家在 \d{4}年\d{1,2}月\d{1,2}日 之前/);

  for (const [v, stars] of [
    [who.villager1, 5],
    [who.villager2, 4],
    [who.party, 4],
  ] as const) {
    await w.api.ok(v, 'matters.rate', { matterId, stars });
  }
  w.ctx.clock.advance(15 * DAY);
  const timers = await runTimers(w.ctx.store, w.ctx.clock.now());
  expect(timers.evaluationsClosed).toContain(matterId);
  const rated = await w.api.ok<NoticeOut>(who.villager1, 'board.get', {
    noticeId: matterNoticeId(matterId, 'closeEvaluation'),
  });
  expect(rated.content.title).toBe('评价结果：村口路灯坏了要修');
  expect(rated.content.body).toContain('3 人打分，平均 4.3 分');
  expect(rated.content.facts).toMatchObject({ type: 'matter', step: 'closeEvaluation', evaluation: { count: 3 } });
  await runTimers(w.ctx.store, w.ctx.clock.now() + MIN);
  expect((await noticesAbout(matterId)).map((n) => n.title).sort()).toEqual(
    ['表决通过：村口路灯坏了要修', '已经办完：村口路灯坏了要修', '评价结果：村口路灯坏了要修'].sort(),
  );
});

test('declined with its reason, and decided by the committee, each go on the board once', async () => {
  const declined = await w.raise(who.villager1, { title: '想在村里建个游泳池', category: 'general' });
  await w.api.ok(who.committee, 'matters.screen', {
    matterId: declined.id,
    decision: 'decline',
    reason: '村里没有这笔钱，也没有合适的地方',
  });
  const d = await w.api.ok<NoticeOut>(who.villager2, 'board.get', {
    noticeId: matterNoticeId(declined.id, 'decline'),
  });
  expect(d.notice.kind).toBe('decision');
  expect(d.content.title).toBe('不予受理：想在村里建个游泳池');
  expect(d.content.body).toContain('理由：村里没有这笔钱，也没有合适的地方');

  const decidedId = await w.deliberated({ title: '祠堂前的排水沟要清', category: 'general' });
  await w.api.ok(who.committee, 'matters.assignOwner', {
    matterId: decidedId,
    owner: { kind: 'person', personId: await w.personOf('demo-taoyuan-villager3') },
  });
  await w.api.ok(who.committee, 'matters.decide', { matterId: decidedId, reason: '小事，村里出工清理' });
  const c = await w.api.ok<NoticeOut>(who.villager2, 'board.get', {
    noticeId: matterNoticeId(decidedId, 'decideByCommittee'),
  });
  expect(c.content.body).toContain('理由：小事，村里出工清理');
  // Accepting and meeting are the matter's timeline, not the board.
  expect(await noticesAbout(decidedId)).toHaveLength(1);
});

/** A store whose transactions fail when they touch the board: the board is down, the rest is not. */
function boardDown(inner: Store): Store {
  const guard = (tx: DocOps): DocOps => ({
    ...tx,
    get: (c, id) => tx.get(c, id),
    insert: async (c, doc) => {
      if (c === 'notices' || c === 'noticeRevisions') throw new Error('board store unavailable');
      return tx.insert(c, doc);
    },
    set: (c, doc) => tx.set(c, doc),
    update: (c, id, p, o) => tx.update(c, id, p, o),
    inc: (c, id, d) => tx.inc(c, id, d),
    remove: (c, id) => tx.remove(c, id),
  });
  return {
    ...inner,
    get: (c, id) => inner.get(c, id),
    find: (c, f, o) => inner.find(c, f, o),
    count: (c, f) => inner.count(c, f),
    insert: (c, d) => inner.insert(c, d),
    set: (c, d) => inner.set(c, d),
    update: (c, id, p, o) => inner.update(c, id, p, o),
    inc: (c, id, d) => inner.inc(c, id, d),
    remove: (c, id) => inner.remove(c, id),
    transaction: (fn) => inner.transaction((tx) => fn(guard(tx))),
    ensureSchema: () => inner.ensureSchema(),
    close: () => inner.close(),
  };
}

test('a board that cannot write never fails the close; publishing later fills the gap, once', async () => {
  const committee = await resolveCaller(w.ctx.store, who.committee);
  if (!committee) throw new Error('no committee');
  const now = w.ctx.clock.now();
  const motion = await openMotion(w.ctx.store, committee, now, {
    question: '代表会议：要不要办村晚？',
    kind: 'yesNo',
    body: 'delegates',
    category: 'general',
    opensAt: now,
    closesAt: now + DAY,
    mode: 'open',
    urgent: true,
    urgentReason: '年前要定',
  });
  for (const v of [who.committee, who.delegate])
    await w.api.ok(v, 'votes.cast', { motionId: motion._id, choices: ['no'] });
  const logged = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const closed = await closeMotion(boardDown(w.ctx.store), now + MIN, motion._id, committee, onMotionClosed);
    expect(closed.result).toBe('rejected');
    expect(logged.mock.calls.some(([line]) => String(line).includes('publish-failed'))).toBe(true);
  } finally {
    logged.mockRestore();
  }
  expect(await noticesAbout(motion._id)).toEqual([]);
  const stored = await w.ctx.store.get<MotionRecord>('motions', motion._id);
  if (!stored?.tally) throw new Error('not closed');
  await onMotionClosed(w.ctx.store, now + 2 * MIN, stored, stored.tally);
  await onMotionClosed(w.ctx.store, now + 3 * MIN, stored, stored.tally);
  const [n] = await noticesAbout(motion._id);
  expect(n).toMatchObject({ kind: 'voteResult', revision: 1 });
  expect(n.body).toContain('结果：没有通过');
  expect(await boardAudits(n._id)).toBe(1);
});
