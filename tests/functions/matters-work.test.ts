import { deliver } from '../../cloudfunctions/matters/outbox';
import type { MatterEventRecord, OutboxRecord, StoredMatter, TeamRecord } from '../../cloudfunctions/matters/records';
import { closeEvaluations, deliverPending } from '../../cloudfunctions/matters/timers';
import { DAY, JPEG, mattersWorld, who, type MatterOut, type MattersWorld } from '../helpers/matters';

/** 民办 and 民评: owners, milestones, progress, completion, ratings, the closing timer, and the timeline. */
let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

describe('matters.assignOwner and matters.startWork', () => {
  test('a person or a team of the village; work starts only once somebody owns it', async () => {
    const raised = await w.raise();
    const person = await w.personOf('demo-taoyuan-villager3');
    expect(
      await w.api.code(who.committee, 'matters.assignOwner', {
        matterId: raised.id,
        owner: { kind: 'person', personId: person },
      }),
    ).toBe('INVALID_TRANSITION');
    const id = await w.passed();
    expect(await w.api.code(who.committee, 'matters.startWork', { matterId: id })).toBe('OWNER_REQUIRED');
    expect(
      await w.api.code(who.committee, 'matters.assignOwner', {
        matterId: id,
        owner: { kind: 'person', personId: await w.personOf('demo-shiqiao-villager1') },
      }),
    ).toBe('NOT_FOUND');
    expect(
      await w.api.code(who.committee, 'matters.assignOwner', {
        matterId: id,
        owner: { kind: 'team', teamId: 't_none' },
      }),
    ).toBe('NOT_FOUND');
    expect(
      await w.api.code(who.villager1, 'matters.assignOwner', {
        matterId: id,
        owner: { kind: 'person', personId: person },
      }),
    ).toBe('FORBIDDEN');
    expect(
      await w.api.code(who.committee, 'matters.assignOwner', {
        matterId: 'm_none',
        owner: { kind: 'person', personId: person },
      }),
    ).toBe('NOT_FOUND');

    await w.ctx.store.insert<TeamRecord>('teams', {
      _id: 't_road',
      villageId: 'vil-taoyuan',
      name: '修路互助队',
      memberIds: [await w.personOf('demo-taoyuan-villager2')],
    });
    const owned = await w.api.ok<MatterOut>(who.committee, 'matters.assignOwner', {
      matterId: id,
      owner: { kind: 'team', teamId: 't_road' },
    });
    expect(owned.owner).toEqual({ kind: 'team', id: 't_road', name: '修路互助队' });
    expect(await w.api.code(who.villager1, 'matters.startWork', { matterId: id })).toBe('FORBIDDEN');
    expect(await w.api.code(who.committee, 'matters.startWork', { matterId: 'm_none' })).toBe('NOT_FOUND');
    const started = await w.api.ok<MatterOut>(who.committee, 'matters.startWork', { matterId: id });
    expect(started.state).toBe('implementing');
    expect(await w.api.code(who.committee, 'matters.startWork', { matterId: id })).toBe('INVALID_TRANSITION');

    // A member of the owning team may report; someone else may not.
    const progress = await w.api.ok<{ byName: string }>(who.villager2, 'matters.postProgress', {
      matterId: id,
      text: '队里出了五个人',
      percent: 10,
      happenedAt: w.ctx.clock.now(),
    });
    expect(progress.byName).toBeTruthy();
    expect(
      await w.api.code(who.villager1, 'matters.postProgress', {
        matterId: id,
        text: '我也来报',
        percent: 20,
        happenedAt: w.ctx.clock.now(),
      }),
    ).toBe('FORBIDDEN');
  });
});

describe('milestones and progress', () => {
  test('the owner plans and reports with photos; others, wrong states, future dates and stray milestones are refused', async () => {
    const passedId = await w.passed();
    const other = await w.raise();
    expect(await w.api.code(who.committee, 'matters.addMilestone', { matterId: other.id, title: '买材料' })).toBe(
      'INVALID_TRANSITION',
    );
    // Milestones may be planned as soon as it passed; progress only once work is under way.
    await w.api.ok(who.committee, 'matters.addMilestone', { matterId: passedId, title: '先量尺寸' });
    expect(
      await w.api.code(who.committee, 'matters.postProgress', {
        matterId: passedId,
        text: '还没开工',
        percent: 0,
        happenedAt: w.ctx.clock.now(),
      }),
    ).toBe('INVALID_TRANSITION');

    const id = await w.implementing();
    expect(await w.api.code(who.villager1, 'matters.addMilestone', { matterId: id, title: '我来定' })).toBe(
      'FORBIDDEN',
    );
    expect(await w.api.code(who.township, 'matters.addMilestone', { matterId: id, title: '乡里定' })).toBe('FORBIDDEN');
    expect(await w.api.code(who.villager3, 'matters.addMilestone', { matterId: 'm_none', title: '定' })).toBe(
      'NOT_FOUND',
    );
    const ms = await w.api.ok<{ id: string }>(who.villager3, 'matters.addMilestone', { matterId: id, title: '挖沟' });
    const stray = await w.api.ok<{ id: string }>(who.committee, 'matters.addMilestone', {
      matterId: passedId,
      title: '别的事的节点',
    });
    const post = (extra: Record<string, unknown>, as = who.villager3) =>
      w.api.code(as, 'matters.postProgress', {
        matterId: id,
        text: '干了一天',
        percent: 30,
        happenedAt: w.ctx.clock.now(),
        ...extra,
      });
    expect(await post({ milestoneId: stray.id })).toBe('NOT_FOUND');
    expect(await post({ happenedAt: w.ctx.clock.now() + 2 * DAY })).toBe('INVALID_INPUT');
    expect(await post({ photos: [w.upload(Buffer.from('text'), 'demo-taoyuan-villager3')] })).toBe('FILE_TYPE');
    expect(
      await post({
        photos: [w.upload(Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024 + 1)]), 'demo-taoyuan-villager3')],
      }),
    ).toBe('FILE_TOO_LARGE');
    expect(await post({ photos: [w.upload(JPEG, 'demo-taoyuan-villager1')] })).toBe('NOT_FOUND');
    expect(await post({ percent: 101 })).toBe('INVALID_INPUT');
    expect(await post({}, who.villager1)).toBe('FORBIDDEN');
    expect(await post({ matterId: 'm_none' })).toBe('NOT_FOUND');

    for (let i = 1; i <= 3; i += 1) {
      w.ctx.clock.advance(1000);
      await w.api.ok(who.villager3, 'matters.postProgress', {
        matterId: id,
        text: `第${i}天`,
        percent: i * 25,
        happenedAt: w.ctx.clock.now(),
        ...(i === 2 ? { milestoneId: ms.id, photos: [w.upload(JPEG, 'demo-taoyuan-villager3')] } : {}),
      });
    }
    const p1 = await w.api.ok<{ items: Array<{ text: string }>; nextCursor: string | null }>(
      who.villager1,
      'matters.progress',
      { matterId: id, limit: 2 },
    );
    const p2 = await w.api.ok<{ items: Array<{ text: string }>; nextCursor: string | null }>(
      who.villager1,
      'matters.progress',
      { matterId: id, limit: 2, cursor: p1.nextCursor },
    );
    expect([...p1.items, ...p2.items].map((p) => p.text)).toEqual(['第3天', '第2天', '第1天']);
    expect(p2.nextCursor).toBeNull();
    expect(await w.api.code(who.villager1, 'matters.progress', { matterId: 'm_none' })).toBe('NOT_FOUND');
    expect(await w.api.code(who.shiqiaoVillager, 'matters.progress', { matterId: id })).toBe('FORBIDDEN');
    const page = await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: id });
    expect(page.progressPercent).toBe(75);
    expect(page.milestones).toEqual([expect.objectContaining({ id: ms.id, title: '挖沟' })]);
    expect((page.milestones as Array<{ doneAt: number | null }>)[0].doneAt).not.toBeNull();
  });

  test('a milestone added again after a dropped answer, or twice at once, is one milestone', async () => {
    const id = await w.implementing();
    const payload = { matterId: id, title: '买水泥', clientId: 'milestone-0001-abc' };
    const first = await w.api.ok<{ id: string }>(who.committee, 'matters.addMilestone', payload);
    expect((await w.api.ok<{ id: string }>(who.committee, 'matters.addMilestone', payload)).id).toBe(first.id);
    const both = await Promise.all(
      [1, 2].map(() =>
        w.api.ok<{ id: string }>(who.committee, 'matters.addMilestone', {
          ...payload,
          title: '浇路面',
          clientId: 'milestone-0002-abc',
        }),
      ),
    );
    expect(both[0].id).toBe(both[1].id);
    const page = await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: id });
    expect((page.milestones as Array<{ title: string }>).map((m) => m.title).sort()).toEqual(['买水泥', '浇路面']);
  });

  test('投工投劳 adds up report by report; a report sent again, or twice at once, counts once', async () => {
    const id = await w.implementing();
    const report = (extra: Record<string, unknown>) => ({
      matterId: id,
      text: '全组出工修水渠',
      percent: 40,
      happenedAt: w.ctx.clock.now(),
      ...extra,
    });
    const first = await w.api.ok<{ id: string; laborDays: number | null }>(
      who.villager3,
      'matters.postProgress',
      report({ laborDays: 12.5, clientId: 'report-0001-abcdefgh' }),
    );
    expect(first.laborDays).toBe(12.5);
    // The network dropped after the report arrived: the phone sends it again, with the same id.
    const again = await w.api.ok<{ id: string }>(
      who.villager3,
      'matters.postProgress',
      report({ laborDays: 12.5, clientId: 'report-0001-abcdefgh' }),
    );
    expect(again.id).toBe(first.id);
    w.ctx.clock.advance(1000);
    // Two taps on a slow phone: both sends arrive together.
    const both = await Promise.all(
      [1, 2].map(() =>
        w.api.call(
          who.villager3,
          'matters.postProgress',
          report({ percent: 60, laborDays: 3, clientId: 'report-0002-abcdefgh' }),
        ),
      ),
    );
    expect(both.map((r) => r.ok)).toEqual([true, true]);
    expect(new Set(both.map((r) => (r.ok ? (r.data as { id: string }).id : ''))).size).toBe(1);
    w.ctx.clock.advance(1000);
    // A report without labour counts none; one from the committee adds to the same total.
    await w.api.ok(who.villager3, 'matters.postProgress', report({ percent: 70 }));
    w.ctx.clock.advance(1000);
    await w.api.ok(who.committee, 'matters.postProgress', report({ percent: 80, laborDays: 0.5 }));

    const list = await w.api.ok<{ items: Array<{ laborDays: number | null }> }>(who.villager1, 'matters.progress', {
      matterId: id,
    });
    expect(list.items.map((p) => p.laborDays)).toEqual([0.5, null, 3, 12.5]);
    const page = await w.api.ok<MatterOut & { laborDays: number }>(who.villager1, 'matters.get', { matterId: id });
    expect(page.laborDays).toBe(16);
    expect(page.progressPercent).toBe(80);
    const timeline = await w.api.ok<{ items: Array<{ kind: string; text: string | null }> }>(
      who.villager1,
      'matters.timeline',
      { matterId: id },
    );
    expect(timeline.items.filter((t) => t.kind === 'ProgressPosted').map((t) => t.text)).toEqual([
      '完成40%，投工投劳12.5人·天：全组出工修水渠',
      '完成60%，投工投劳3人·天：全组出工修水渠',
      '完成70%：全组出工修水渠',
      '完成80%，投工投劳0.5人·天：全组出工修水渠',
    ]);

    // Someone else's report with the same id is theirs, not a resend of this one.
    const theirs = await w.api.ok<{ id: string }>(
      who.committee,
      'matters.postProgress',
      report({ laborDays: 1, clientId: 'report-0001-abcdefgh' }),
    );
    expect(theirs.id).not.toBe(first.id);
    for (const bad of [
      { laborDays: -1 },
      { laborDays: 0.3 },
      { laborDays: 10_001 },
      { laborDays: '3' },
      { clientId: 'x' },
    ]) {
      expect(await w.api.code(who.villager3, 'matters.postProgress', report(bad))).toBe('INVALID_INPUT');
    }
    expect(
      (await w.api.ok<MatterOut & { laborDays: number }>(who.villager1, 'matters.get', { matterId: id })).laborDays,
    ).toBe(17);
  });
});

describe('complete, rate and close', () => {
  test('only work under way can be completed; rating once, inside the window, by villagers', async () => {
    const passedId = await w.passed();
    expect(await w.api.code(who.committee, 'matters.complete', { matterId: passedId, summary: '办完了' })).toBe(
      'INVALID_TRANSITION',
    );
    expect(await w.api.code(who.committee, 'matters.complete', { matterId: 'm_none', summary: '办完了' })).toBe(
      'NOT_FOUND',
    );
    expect(await w.api.code(who.villager1, 'matters.rate', { matterId: passedId, stars: 5 })).toBe(
      'INVALID_TRANSITION',
    );
    const id = await w.evaluating();
    expect(await w.api.code(who.villager1, 'matters.rate', { matterId: id, stars: 0 })).toBe('INVALID_INPUT');
    expect(await w.api.code(who.villager1, 'matters.rate', { matterId: id, stars: 6 })).toBe('INVALID_INPUT');
    expect(await w.api.code(who.township, 'matters.rate', { matterId: id, stars: 3 })).toBe('FORBIDDEN');
    expect(await w.api.code(who.shiqiaoVillager, 'matters.rate', { matterId: id, stars: 3 })).toBe('FORBIDDEN');
    expect(await w.api.code(who.villager1, 'matters.rate', { matterId: 'm_none', stars: 3 })).toBe('NOT_FOUND');

    // Ten taps at once: one rating.
    const taps = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.api.call(who.villager1, 'matters.rate', { matterId: id, stars: (i % 5) + 1 }),
      ),
    );
    expect(taps.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(taps.flatMap((r) => (r.ok ? [] : [r.error.code])))).toEqual(new Set(['ALREADY_RATED']));
    expect(await w.ctx.store.count('ratings', { matterId: id })).toBe(1);
    const m = await w.ctx.store.get<StoredMatter>('matters', id);
    expect([m?.rated1, m?.rated2, m?.rated3, m?.rated4, m?.rated5].reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(1);

    // Many people at once: each counted.
    const crowd = await w.moreVillagers(12, 'rater');
    const results = await Promise.all(
      crowd.map((v, i) => w.api.call(v, 'matters.rate', { matterId: id, stars: i % 2 ? 5 : 4 })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const page = await w.api.ok<MatterOut>(who.villager2, 'matters.get', { matterId: id });
    expect(page.evaluation?.summary.count).toBe(13);

    const endsAt = page.evaluation?.endsAt ?? 0;
    w.ctx.clock.set(endsAt);
    expect(await w.api.code(who.villager2, 'matters.rate', { matterId: id, stars: 3 })).toBe('EVALUATION_CLOSED');
    expect(await closeEvaluations(w.ctx.store, w.ctx.clock.now())).toContain(id);
    expect(await w.api.code(who.villager2, 'matters.rate', { matterId: id, stars: 3 })).toBe('EVALUATION_CLOSED');
    const closed = await w.api.ok<MatterOut>(who.villager2, 'matters.get', { matterId: id });
    expect(closed).toMatchObject({ state: 'closed', evaluation: { open: false, summary: { count: 13 } } });
  });

  test('the closing timer takes many at once, leaves open windows alone, and repeats harmlessly', async () => {
    const ids = [await w.evaluating(), await w.evaluating(), await w.evaluating()];
    w.ctx.clock.advance(DAY);
    const later = await w.evaluating();
    const endsAt = (await w.ctx.store.get<StoredMatter>('matters', ids[0]))?.evaluationEndsAt ?? 0;
    w.ctx.clock.set(endsAt);
    const closed = await closeEvaluations(w.ctx.store, w.ctx.clock.now());
    expect(closed.sort()).toEqual([...ids].sort());
    expect(await closeEvaluations(w.ctx.store, w.ctx.clock.now())).toEqual([]);
    expect((await w.ctx.store.get<StoredMatter>('matters', later))?.state).toBe('evaluating');
    const line = await w.api.ok<{ items: Array<{ kind: string; text: string | null }> }>(
      who.villager1,
      'matters.timeline',
      {
        matterId: ids[0],
      },
    );
    expect(line.items[line.items.length - 1]).toMatchObject({ kind: 'MatterClosed', text: '评价期满，没有人打分' });
  });
});

describe('the timeline and the outbox', () => {
  test('the timeline pages by number, oldest first; a made-up cursor is refused', async () => {
    const id = await w.implementing();
    const all = await w.api.ok<{ items: Array<{ id: string }>; nextCursor: string | null }>(
      who.villager1,
      'matters.timeline',
      { matterId: id },
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { items: Array<{ id: string }>; nextCursor: string | null } = await w.api.ok(
        who.villager1,
        'matters.timeline',
        { matterId: id, limit: 2, ...(cursor ? { cursor } : {}) },
      );
      seen.push(...p.items.map((e) => e.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
    expect(all.items.length).toBeGreaterThanOrEqual(7);
    expect(await w.api.code(who.villager1, 'matters.timeline', { matterId: id, cursor: 'abc' })).toBe('INVALID_INPUT');
    expect(await w.api.code(who.villager1, 'matters.timeline', { matterId: 'm_none' })).toBe('NOT_FOUND');
    expect(await w.api.code(who.shiqiaoVillager, 'matters.timeline', { matterId: id })).toBe('FORBIDDEN');
    // Township staff see it, for oversight.
    await w.api.ok(who.township, 'matters.timeline', { matterId: id });
  });

  test('notifications are written once per person per step, even when delivery runs again', async () => {
    const m = await w.raise(who.villager1, { title: '通知测试的事情' });
    await w.api.ok(who.villager2, 'matters.cosign', { matterId: m.id });
    await w.accept(m.id);
    const events = await w.ctx.store.find<MatterEventRecord>('matterEvents', { matterId: m.id }, { limit: 10 });
    const accepted = events.find((e) => e.kind === 'MatterAccepted');
    expect(accepted?.fanout).toBe('done');
    const count = () => w.ctx.store.count('outbox', { eventId: accepted?._id ?? '' });
    expect(await count()).toBe(2);
    // Replays: the event marked pending again (as if the request had died before marking it), twice.
    await w.ctx.store.update<MatterEventRecord>('matterEvents', accepted?._id ?? '', { fanout: 'pending' });
    expect(await deliver(w.ctx.store, accepted?._id ?? '')).toBe(0);
    await w.ctx.store.update<MatterEventRecord>('matterEvents', accepted?._id ?? '', { fanout: 'pending' });
    w.ctx.clock.advance(120_000);
    expect(await deliverPending(w.ctx.store, w.ctx.clock.now())).toBe(0);
    expect(await count()).toBe(2);
    expect((await w.ctx.store.get<MatterEventRecord>('matterEvents', accepted?._id ?? ''))?.fanout).toBe('done');
    const mine = await w.ctx.store.find<OutboxRecord>(
      'outbox',
      { personId: await w.personOf('demo-taoyuan-villager2'), matterId: m.id },
      { limit: 10 },
    );
    expect(mine.map((o) => [o.kind, o.title, o.text])).toEqual([['MatterAccepted', '通知测试的事情', '大家商量中']]);
    // The committee member who accepted it is not told of their own step.
    expect(
      await w.ctx.store.count('outbox', { personId: await w.personOf('demo-taoyuan-committee'), matterId: m.id }),
    ).toBe(0);
  });
});
