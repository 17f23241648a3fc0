import type { TeamRecord } from '../../cloudfunctions/matters/records';
import type { MotionRecord } from '../../cloudfunctions/votes/records';
import { DAY, mattersWorld, who, type MatterOut, type MattersWorld } from '../helpers/matters';

/**
 * What the pages read besides a matter itself: the village's groups (for the raise form and the
 * list's group filter, any member), its work teams (for naming an owner, the committee), the list's
 * 已结束 filter, whether the viewer may report a comment (举报), and 马上开始 by the server's clock.
 */
let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

describe('matters.groups', () => {
  test('every member reads the village’s groups; township staff name a village of theirs', async () => {
    const mine = await w.api.ok<Array<{ id: string; name: string }>>(who.villager1, 'matters.groups');
    expect(mine.length).toBeGreaterThan(1);
    expect(mine[0]).toEqual({ id: 'taoyuan-g1', name: expect.any(String) });
    for (const as of [who.party, who.committee, who.delegate]) {
      expect(await w.api.ok(as, 'matters.groups')).toEqual(mine);
    }
    expect(await w.api.ok(who.township, 'matters.groups', { villageId: 'vil-taoyuan' })).toEqual(mine);
    const theirs = await w.api.ok<Array<{ id: string }>>(who.shiqiaoVillager, 'matters.groups');
    expect(theirs.every((g) => g.id.startsWith('shiqiao-'))).toBe(true);
  });

  test('another village’s groups are refused, and a raised matter keeps the group picked from them', async () => {
    expect(await w.api.code(who.villager1, 'matters.groups', { villageId: 'vil-shiqiao' })).toBe('FORBIDDEN');
    const [, second] = await w.api.ok<Array<{ id: string }>>(who.villager1, 'matters.groups');
    const m = await w.raise(who.villager1, { groupId: second.id });
    expect(m.groupId).toBe(second.id);
    const listed = await w.api.ok<{ items: MatterOut[] }>(who.villager2, 'matters.list', { groupId: second.id });
    expect(listed.items.map((x) => x.id)).toContain(m.id);
  });
});

describe('matters.teams', () => {
  test('the committee reads its own village’s work teams, by name; nobody else may', async () => {
    expect(await w.api.ok(who.committee, 'matters.teams')).toEqual([]);
    const team = (id: string, villageId: string, name: string, memberIds: string[]): TeamRecord => ({
      _id: id,
      villageId,
      name,
      memberIds,
    });
    await w.ctx.store.insert('teams', team('t-road', 'vil-taoyuan', '修路队', ['p-taoyuan-0003', 'p-taoyuan-0004']));
    await w.ctx.store.insert('teams', team('t-clean', 'vil-taoyuan', '保洁队', ['p-taoyuan-0005']));
    await w.ctx.store.insert('teams', team('t-bridge', 'vil-shiqiao', '护桥队', []));
    const teams = await w.api.ok<Array<{ id: string; name: string; memberCount: number }>>(
      who.committee,
      'matters.teams',
    );
    expect(teams).toEqual([
      { id: 't-clean', name: '保洁队', memberCount: 1 },
      { id: 't-road', name: '修路队', memberCount: 2 },
    ]);
    expect(await w.api.code(who.villager1, 'matters.teams')).toBe('FORBIDDEN');
    expect(await w.api.ok(who.shiqiaoCommittee, 'matters.teams')).toEqual([
      { id: 't-bridge', name: '护桥队', memberCount: 0 },
    ]);

    // A team picked from the list is a matter's owner.
    const id = await w.passed();
    const m = await w.api.ok<MatterOut>(who.committee, 'matters.assignOwner', {
      matterId: id,
      owner: { kind: 'team', teamId: teams[1].id },
    });
    expect(m.owner).toEqual({ kind: 'team', id: 't-road', name: '修路队' });
  });
});

describe('the list’s 已结束 filter', () => {
  test('shows exactly the matters nothing more can happen to, newest first, a page at a time', async () => {
    const ended: string[] = [];
    const live: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      w.ctx.clock.advance(60_000);
      const m = await w.raise(who.villager2, { title: `要撤回的事${i}` });
      await w.api.ok(who.villager2, 'matters.withdraw', { matterId: m.id });
      ended.push(m.id);
      live.push((await w.raise(who.villager2, { title: `还在办的事${i}` })).id);
    }
    w.ctx.clock.advance(60_000);
    const declined = await w.raise(who.villager3, { title: '不受理的事' });
    await w.api.ok(who.committee, 'matters.screen', {
      matterId: declined.id,
      decision: 'decline',
      reason: '不归村里管',
    });
    ended.push(declined.id);
    const seen: MatterOut[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: MatterOut[]; nextCursor: string | null } = await w.api.ok(who.villager1, 'matters.list', {
        ended: true,
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(
      seen.map((m) => m.state).every((s) => ['withdrawn', 'declined', 'closed', 'rejected', 'merged'].includes(s)),
    ).toBe(true);
    expect(seen.slice(0, 6).map((m) => m.id)).toEqual([...ended].reverse());
    for (const id of live) expect(seen.map((m) => m.id)).not.toContain(id);
    // 已结束 with 只看我提的: the two filters together.
    const mine = await w.api.ok<{ items: MatterOut[] }>(who.villager3, 'matters.list', { ended: true, mine: true });
    expect(mine.items.map((m) => m.id)).toEqual([declined.id]);
  });
});

describe('canReport (举报) on the matter’s page', () => {
  test('villagers of the village may report; township staff, who read but do not speak, may not', async () => {
    const m = await w.raise(who.villager1, { title: '看谁能举报留言' });
    const as = async (identity: (typeof who)[keyof typeof who]) =>
      (await w.api.ok<MatterOut>(identity, 'matters.get', { matterId: m.id })).canReport;
    expect(await as(who.villager2)).toBe(true);
    expect(await as(who.villager1)).toBe(true);
    expect(await as(who.committee)).toBe(true);
    expect(await as(who.township)).toBe(false);
    // And the server agrees with the flag.
    await w.accept(m.id);
    const c = await w.api.ok<{ id: string }>(who.villager2, 'matters.comment', {
      matterId: m.id,
      stance: 'for',
      text: '赞成',
    });
    expect(await w.api.code(who.township, 'matters.reportComment', { commentId: c.id })).toBe('FORBIDDEN');
    expect(await w.api.ok(who.villager1, 'matters.reportComment', { commentId: c.id })).toEqual({ reported: true });
  });
});

describe('马上开始 by the server’s clock', () => {
  test('without an opening time the vote opens now by the server, for the days asked', async () => {
    const id = await w.deliberated();
    const now = w.ctx.clock.now();
    const res = await w.api.ok<{ motionId: string; matter: MatterOut }>(who.committee, 'matters.moveToVote', {
      matterId: id,
      body: 'adults',
      mode: 'secret',
      days: 3,
      urgent: true,
      urgentReason: '汛期前要定下来',
    });
    expect(res.matter.state).toBe('voting');
    const motion = await w.ctx.store.get<MotionRecord>('motions', res.motionId);
    expect([motion?.opensAt, motion?.closesAt]).toEqual([now, now + 3 * DAY]);
  });

  test('still refused without the urgent reason, and with no end at all', async () => {
    const id = await w.deliberated();
    expect(
      await w.api.code(who.committee, 'matters.moveToVote', { matterId: id, body: 'adults', mode: 'open', days: 1 }),
    ).toBe('NOTICE_TOO_SHORT');
    expect(
      await w.api.code(who.committee, 'matters.moveToVote', {
        matterId: id,
        body: 'adults',
        mode: 'open',
        urgent: true,
        urgentReason: '急',
      }),
    ).toBe('INVALID_INPUT');
    const m = await w.api.ok<MatterOut>(who.committee, 'matters.get', { matterId: id });
    expect(m.state).toBe('deliberating');
  });
});
