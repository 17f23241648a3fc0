import { loadChain } from '../../cloudfunctions/shared/audit';
import type { CommentRecord, OutboxRecord } from '../../cloudfunctions/matters/records';
import { DAY, JPEG, mattersWorld, who, type MatterOut, type MattersWorld } from '../helpers/matters';

/** 民议: comments with a stance, replies, reports, hiding with a reason, and consultation meetings. */
let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

interface Comment {
  id: string;
  parentId: string | null;
  depth: number;
  stance: string;
  text: string | null;
  hidden: boolean;
  hiddenReason: string | null;
  mine: boolean;
  authorName: string;
}
interface Comments {
  items: Comment[];
  nextCursor: string | null;
}

const say = (
  as: Parameters<MattersWorld['api']['ok']>[0],
  matterId: string,
  stance: string,
  text: string,
  parentId?: string,
) => w.api.ok<Comment>(as, 'matters.comment', { matterId, stance, text, ...(parentId ? { parentId } : {}) });

describe('matters.comment and matters.comments', () => {
  test('threads read in order with replies under their comment, two levels deep at most', async () => {
    const m = await w.raise();
    const a = await say(who.villager2, m.id, 'for', '赞成');
    w.ctx.clock.advance(1000);
    const b = await say(who.villager3, m.id, 'against', '反对');
    w.ctx.clock.advance(1000);
    const a1 = await say(who.villager1, m.id, 'neutral', '回复赞成的', a.id);
    w.ctx.clock.advance(1000);
    const a11 = await say(who.villager2, m.id, 'neutral', '再回复', a1.id);
    w.ctx.clock.advance(1000);
    const a2 = await say(who.villager3, m.id, 'against', '也回复赞成的', a.id);
    expect([a.depth, a1.depth, a11.depth]).toEqual([0, 1, 2]);
    expect(
      await w.api.code(who.villager1, 'matters.comment', {
        matterId: m.id,
        stance: 'for',
        text: '太深',
        parentId: a11.id,
      }),
    ).toBe('REPLY_TOO_DEEP');
    const all = await w.api.ok<Comments>(who.villager1, 'matters.comments', { matterId: m.id });
    expect(all.items.map((c) => c.id)).toEqual([a.id, a1.id, a11.id, a2.id, b.id]);
    expect(all.items.find((c) => c.id === a1.id)?.mine).toBe(true);
    const p1 = await w.api.ok<Comments>(who.villager1, 'matters.comments', { matterId: m.id, limit: 3 });
    const p2 = await w.api.ok<Comments>(who.villager1, 'matters.comments', {
      matterId: m.id,
      limit: 3,
      cursor: p1.nextCursor,
    });
    expect([...p1.items, ...p2.items].map((c) => c.id)).toEqual(all.items.map((c) => c.id));
    expect(p2.nextCursor).toBeNull();

    // One voice each, by the latest top-level comment; replies do not count toward the stance.
    const page = await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: m.id });
    expect(page).toMatchObject({ commentCount: 5, stances: { for: 1, against: 1, neutral: 0 } });
    w.ctx.clock.advance(1000);
    await say(who.villager2, m.id, 'against', '想了想还是反对');
    const changed = await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: m.id });
    expect(changed).toMatchObject({ commentCount: 6, stances: { for: 0, against: 2, neutral: 0 } });
  });

  test('a comment sent again, or twice at once, is one comment, counted once', async () => {
    const m = await w.raise();
    const payload = { matterId: m.id, stance: 'for', text: '赞成，早该修了', clientId: 'comment-0001-abcdefg' };
    const first = await w.api.ok<Comment>(who.villager2, 'matters.comment', payload);
    expect((await w.api.ok<Comment>(who.villager2, 'matters.comment', payload)).id).toBe(first.id);
    const both = await Promise.all(
      [1, 2].map(() =>
        w.api.ok<Comment>(who.villager3, 'matters.comment', { ...payload, clientId: 'comment-0002-abcdefg' }),
      ),
    );
    expect(both[0].id).toBe(both[1].id);
    const list = await w.api.ok<Comments>(who.villager1, 'matters.comments', { matterId: m.id });
    expect(list.items).toHaveLength(2);
    const page = await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: m.id });
    expect(page).toMatchObject({ commentCount: 2, stances: { for: 2, against: 0, neutral: 0 } });
  });

  test('a reply to another matter’s comment, to nothing, or on a finished matter is refused', async () => {
    const m = await w.raise();
    const other = await w.raise(who.villager2);
    const there = await say(who.villager3, other.id, 'for', '那边的留言');
    expect(
      await w.api.code(who.villager1, 'matters.comment', {
        matterId: m.id,
        stance: 'for',
        text: '回',
        parentId: there.id,
      }),
    ).toBe('NOT_FOUND');
    expect(
      await w.api.code(who.villager1, 'matters.comment', {
        matterId: m.id,
        stance: 'for',
        text: '回',
        parentId: 'c_none',
      }),
    ).toBe('NOT_FOUND');
    expect(await w.api.code(who.villager1, 'matters.comment', { matterId: 'm_none', stance: 'for', text: '回' })).toBe(
      'NOT_FOUND',
    );
    await w.api.ok(who.villager1, 'matters.withdraw', { matterId: m.id });
    expect(await w.api.code(who.villager2, 'matters.comment', { matterId: m.id, stance: 'for', text: '晚了' })).toBe(
      'COMMENTS_CLOSED',
    );
    expect(await w.api.code(who.villager2, 'matters.comment', { matterId: m.id, stance: 'for', text: '   ' })).toBe(
      'INVALID_INPUT',
    );
    expect(
      await w.api.code(who.shiqiaoVillager, 'matters.comment', { matterId: other.id, stance: 'for', text: '越村' }),
    ).toBe('FORBIDDEN');
    expect(await w.api.code(who.township, 'matters.comment', { matterId: other.id, stance: 'for', text: '乡里' })).toBe(
      'FORBIDDEN',
    );
    expect(await w.api.code(who.villager1, 'matters.comments', { matterId: 'm_none' })).toBe('NOT_FOUND');
    expect(await w.api.code(who.shiqiaoVillager, 'matters.comments', { matterId: other.id })).toBe('FORBIDDEN');
  });
});

describe('reports and hiding', () => {
  test('a report counts once per person and tells the committee once', async () => {
    const m = await w.raise();
    const c = await say(who.villager2, m.id, 'against', '说了难听的话');
    expect(await w.api.ok(who.villager3, 'matters.reportComment', { commentId: c.id, reason: '骂人' })).toEqual({
      reported: true,
    });
    expect(await w.api.ok(who.villager3, 'matters.reportComment', { commentId: c.id })).toEqual({ reported: true });
    await w.api.ok(who.villager1, 'matters.reportComment', { commentId: c.id });
    expect((await w.ctx.store.get<CommentRecord>('comments', c.id))?.reportCount).toBe(2);
    expect(await w.ctx.store.count('commentReports', { commentId: c.id })).toBe(2);
    const told = await w.ctx.store.find<OutboxRecord>(
      'outbox',
      { personId: await w.personOf('demo-taoyuan-committee'), kind: 'CommentReported' },
      { limit: 10 },
    );
    expect(told.filter((o) => o.matterId === m.id)).toHaveLength(1);
    expect(await w.api.code(who.villager1, 'matters.reportComment', { commentId: 'c_none' })).toBe('NOT_FOUND');
    expect(await w.api.code(who.shiqiaoVillager, 'matters.reportComment', { commentId: c.id })).toBe('FORBIDDEN');
  });

  test('hiding keeps the place, publishes the reason, keeps the words in the audit log, and moves the stance', async () => {
    const m = await w.raise();
    const earlier = await say(who.villager2, m.id, 'for', '我赞成');
    w.ctx.clock.advance(1000);
    const rude = await say(who.villager2, m.id, 'against', '难听的话');
    const reply = await say(who.villager3, m.id, 'neutral', '别这样说', rude.id);
    expect((await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: m.id })).stances).toEqual({
      for: 0,
      against: 1,
      neutral: 0,
    });

    expect(await w.api.code(who.villager1, 'matters.hideComment', { commentId: rude.id, reason: '我也想藏' })).toBe(
      'FORBIDDEN',
    );
    expect(await w.api.code(who.committee, 'matters.hideComment', { commentId: rude.id, reason: '  ' })).toBe(
      'INVALID_INPUT',
    );
    expect(await w.api.code(who.shiqiaoCommittee, 'matters.hideComment', { commentId: rude.id, reason: '越村' })).toBe(
      'FORBIDDEN',
    );
    const hidden = await w.api.ok<Comment>(who.committee, 'matters.hideComment', {
      commentId: rude.id,
      reason: '有骂人的话',
    });
    expect(hidden).toMatchObject({ id: rude.id, hidden: true, text: null, hiddenReason: '有骂人的话' });
    // Hiding twice changes nothing and logs nothing more.
    await w.api.ok(who.committee, 'matters.hideComment', { commentId: rude.id, reason: '再藏一次' });

    const thread = await w.api.ok<Comments>(who.villager1, 'matters.comments', { matterId: m.id });
    expect(thread.items.map((c) => [c.id, c.hidden])).toEqual([
      [earlier.id, false],
      [rude.id, true],
      [reply.id, false],
    ]);
    expect(thread.items[1]).toMatchObject({ text: null, hiddenReason: '有骂人的话', authorName: rude.authorName });
    // The person's earlier visible say speaks for them again.
    expect((await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: m.id })).stances).toEqual({
      for: 1,
      against: 0,
      neutral: 0,
    });
    // The words are nowhere in the comment any more, and intact in the audit log.
    expect(JSON.stringify(await w.ctx.store.get('comments', rude.id))).not.toContain('难听的话');
    const entries = (await loadChain(w.ctx.store, 'vil-taoyuan')).filter((e) => e.action === 'matters.hideComment');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ before: { text: '难听的话', stance: 'against' }, reason: '有骂人的话' });
    const line = await w.api.ok<{ items: Array<{ kind: string; text: string | null }> }>(
      who.villager1,
      'matters.timeline',
      {
        matterId: m.id,
      },
    );
    expect(line.items.map((e) => [e.kind, e.text])).toContainEqual(['CommentHidden', '有骂人的话']);
    expect(await w.api.code(who.committee, 'matters.hideComment', { commentId: 'c_none', reason: 'x' })).toBe(
      'NOT_FOUND',
    );

    // Hiding someone's only comment takes their voice off the count.
    await w.api.ok(who.committee, 'matters.hideComment', { commentId: earlier.id, reason: '广告' });
    expect((await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: m.id })).stances).toEqual({
      for: 0,
      against: 0,
      neutral: 0,
    });
  });
});

describe('consultation meetings', () => {
  test('recorded in deliberation only, with photos, dated today or before', async () => {
    const m = await w.raise();
    const base = {
      matterId: m.id,
      heldAt: w.ctx.clock.now(),
      place: '村委会',
      attendees: 20,
      minutes: '会议记录',
      outcome: '同意修',
    };
    expect(await w.api.code(who.committee, 'matters.recordMeeting', base)).toBe('INVALID_TRANSITION');
    await w.accept(m.id);
    expect(
      await w.api.code(who.committee, 'matters.recordMeeting', { ...base, heldAt: w.ctx.clock.now() + 2 * DAY }),
    ).toBe('INVALID_INPUT');
    const text = w.upload(Buffer.from('plain text'), 'demo-taoyuan-committee');
    expect(await w.api.code(who.committee, 'matters.recordMeeting', { ...base, photos: [text] })).toBe('FILE_TYPE');
    const huge = w.upload(Buffer.concat([JPEG, Buffer.alloc(6 * 1024 * 1024)]), 'demo-taoyuan-committee');
    expect(await w.api.code(who.committee, 'matters.recordMeeting', { ...base, photos: [huge] })).toBe(
      'FILE_TOO_LARGE',
    );
    expect(await w.api.code(who.committee, 'matters.recordMeeting', { ...base, matterId: 'm_none' })).toBe('NOT_FOUND');
    expect(await w.api.code(who.villager2, 'matters.recordMeeting', base)).toBe('FORBIDDEN');
    expect(await w.api.code(who.shiqiaoCommittee, 'matters.recordMeeting', base)).toBe('FORBIDDEN');

    const photo = w.upload(JPEG, 'demo-taoyuan-committee');
    const rec = await w.api.ok<{ id: string; recordedByName: string; photos: string[] }>(
      who.committee,
      'matters.recordMeeting',
      { ...base, heldAt: w.ctx.clock.now() - DAY, photos: [photo] },
    );
    expect(rec.photos).toEqual([photo]);
    const list = await w.api.ok<Array<{ id: string; outcome: string }>>(who.villager2, 'matters.meetings', {
      matterId: m.id,
    });
    expect(list).toEqual([expect.objectContaining({ id: rec.id, outcome: '同意修' })]);
    expect((await w.api.ok<MatterOut>(who.villager2, 'matters.get', { matterId: m.id })).meetingCount).toBe(1);
    expect(await w.api.code(who.villager2, 'matters.meetings', { matterId: 'm_none' })).toBe('NOT_FOUND');
    expect(await w.api.code(who.shiqiaoVillager, 'matters.meetings', { matterId: m.id })).toBe('FORBIDDEN');
  });

  test('a meeting recorded again after a dropped answer, or twice at once, is one meeting, counted once', async () => {
    const m = await w.raise();
    await w.accept(m.id);
    const payload = {
      matterId: m.id,
      heldAt: w.ctx.clock.now(),
      place: '村委会会议室',
      attendees: 12,
      minutes: '大家说了各自的想法',
      outcome: '先去量一量',
      clientId: 'meeting-0001-abcd',
    };
    const first = await w.api.ok<{ id: string }>(who.committee, 'matters.recordMeeting', payload);
    expect((await w.api.ok<{ id: string }>(who.committee, 'matters.recordMeeting', payload)).id).toBe(first.id);
    const both = await Promise.all(
      [1, 2].map(() =>
        w.api.ok<{ id: string }>(who.committee, 'matters.recordMeeting', { ...payload, clientId: 'meeting-0002-abcd' }),
      ),
    );
    expect(both[0].id).toBe(both[1].id);
    const page = await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: m.id });
    expect(page.meetingCount).toBe(2);
    expect(await w.api.ok<unknown[]>(who.villager1, 'matters.meetings', { matterId: m.id })).toHaveLength(2);
  });
});
