import { mattersRoutesWith } from '../../cloudfunctions/matters/routes';
import type { StoredMatter } from '../../cloudfunctions/matters/records';
import type { OpenMotion } from '../../cloudfunctions/matters/vote';
import { applyVoteResult } from '../../cloudfunctions/matters/vote-result';
import { dispatch } from '../../cloudfunctions/shared/handler';
import { resolveCaller, type Identity } from '../../cloudfunctions/shared/identity';
import { openMotion } from '../../cloudfunctions/votes/open';
import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import { DAY, mattersWorld, who, type MatterOut, type MattersWorld } from '../helpers/matters';

/** 民决: the hand-off to the votes module, the committee deciding small matters alone, and the result coming back. */
let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

const vote = (matterId: string, extra: Record<string, unknown> = {}) => {
  const now = w.ctx.clock.now();
  return {
    matterId,
    body: 'adults',
    mode: 'secret',
    opensAt: now + 10 * DAY,
    closesAt: now + 11 * DAY,
    ...extra,
  };
};

interface Timeline {
  items: Array<{ kind: string; text: string | null }>;
}

describe('matters.moveToVote', () => {
  test('refuses what the lifecycle, the bodies and the notice rule refuse, before opening anything', async () => {
    const raised = await w.raise();
    expect(await w.api.code(who.committee, 'matters.moveToVote', vote(raised.id))).toBe('INVALID_TRANSITION');
    await w.accept(raised.id);
    expect(await w.api.code(who.committee, 'matters.moveToVote', vote(raised.id))).toBe('MEETING_REQUIRED');
    await w.meeting(raised.id);
    const now = w.ctx.clock.now();
    expect(
      await w.api.code(
        who.committee,
        'matters.moveToVote',
        vote(raised.id, { opensAt: now + DAY, closesAt: now + 2 * DAY }),
      ),
    ).toBe('NOTICE_TOO_SHORT');
    expect(
      await w.api.code(
        who.committee,
        'matters.moveToVote',
        vote(raised.id, { opensAt: now + DAY, closesAt: now + 2 * DAY, urgent: true }),
      ),
    ).toBe('INVALID_INPUT');
    expect(await w.api.code(who.committee, 'matters.moveToVote', vote(raised.id, { closesAt: now + 10 * DAY }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      await w.api.code(
        who.committee,
        'matters.moveToVote',
        vote(raised.id, { opensAt: now - DAY, closesAt: now + DAY, urgent: true, urgentReason: '急' }),
      ),
    ).toBe('INVALID_INPUT');
    expect(await w.api.code(who.villager1, 'matters.moveToVote', vote(raised.id))).toBe('FORBIDDEN');
    expect(await w.api.code(who.shiqiaoCommittee, 'matters.moveToVote', vote(raised.id))).toBe('FORBIDDEN');
    expect(await w.api.code(who.committee, 'matters.moveToVote', vote('m_none'))).toBe('NOT_FOUND');

    const charter = await w.deliberated({ title: '改村规民约', category: 'charter' });
    expect(await w.api.code(who.committee, 'matters.moveToVote', vote(charter, { body: 'delegates' }))).toBe(
      'BODY_NOT_ALLOWED',
    );
    const homestead = await w.deliberated({ title: '宅基地分配方案', category: 'homestead' });
    expect(await w.api.code(who.committee, 'matters.moveToVote', vote(homestead, { body: 'delegates' }))).toBe(
      'BODY_NOT_ALLOWED',
    );
    expect(await w.ctx.store.count('motions', {})).toBe(0);
    const stillHere = await w.api.ok<MatterOut>(who.committee, 'matters.get', { matterId: raised.id });
    expect(stillHere).toMatchObject({ state: 'deliberating', motionId: null });

    // Once the assembly has authorised its delegates, a reserved matter may go to them.
    await w.ctx.store.update('villages', 'vil-taoyuan', { delegatesAuthorised: true });
    const out = await w.api.ok<{ matter: MatterOut }>(
      who.committee,
      'matters.moveToVote',
      vote(homestead, { body: 'delegates' }),
    );
    expect(out.matter.state).toBe('voting');
    await w.ctx.store.update('villages', 'vil-taoyuan', { delegatesAuthorised: false });
  });

  test('10天后开始 opens when the notice is up by the server’s clock, whatever the phone’s says', async () => {
    const id = await w.deliberated({ title: '修村里的水塘' });
    const now = w.ctx.clock.now();
    const out = await w.api.ok<{ motionId: string }>(who.committee, 'matters.moveToVote', {
      matterId: id,
      body: 'adults',
      mode: 'secret',
      afterNotice: true,
      days: 3,
    });
    const motion = await w.ctx.store.get<{ _id: string; noticeAt: number; opensAt: number; closesAt: number }>(
      'motions',
      out.motionId,
    );
    expect(motion).toMatchObject({ noticeAt: now, opensAt: now + 10 * DAY, closesAt: now + 13 * DAY });

    // A time and 10天后 at once: which did the committee mean? Nothing opens.
    const other = await w.deliberated({ title: '修村里的水沟' });
    const both = await w.api.call(who.committee, 'matters.moveToVote', {
      matterId: other,
      body: 'adults',
      mode: 'secret',
      afterNotice: true,
      opensAt: now + 11 * DAY,
      days: 3,
    });
    expect(both).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('只选一种') },
    });
    expect(await w.ctx.store.count('motions', { matterId: other })).toBe(0);
    // Without a closing time or a number of days there is no vote either.
    expect(
      await w.api.code(who.committee, 'matters.moveToVote', {
        matterId: other,
        body: 'adults',
        mode: 'secret',
        afterNotice: true,
      }),
    ).toBe('INVALID_INPUT');
    expect(await w.ctx.store.count('motions', { matterId: other })).toBe(0);
  });

  describe('when opening the motion fails or races', () => {
    const calls: string[] = [];
    let gate: Promise<void> = Promise.resolve();
    let fail: AppError | Error | null = null;
    const opener: OpenMotion = async (store, caller: Caller, now, input) => {
      calls.push(input.question);
      await gate;
      if (fail) throw fail;
      return openMotion(store, caller, now, input);
    };
    const table = mattersRoutesWith({ openMotion: opener });
    const call = (identity: Identity, payload: Record<string, unknown>) =>
      dispatch(
        table,
        { action: 'matters.moveToVote', ...payload },
        { store: w.ctx.store, clock: w.ctx.clock, identity },
      );

    test('ELECTORATE_EMPTY from the votes module leaves the matter where it was, free to try again', async () => {
      const id = await w.deliberated();
      fail = new AppError('ELECTORATE_EMPTY');
      expect(await call(who.committee, vote(id))).toMatchObject({ ok: false, error: { code: 'ELECTORATE_EMPTY' } });
      const after = await w.ctx.store.get<StoredMatter>('matters', id);
      expect(after).toMatchObject({ state: 'deliberating', motionId: null, voteOpening: null });
      fail = new Error('store went away');
      expect(await call(who.committee, vote(id))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(await w.ctx.store.get<StoredMatter>('matters', id)).toMatchObject({
        state: 'deliberating',
        voteOpening: null,
      });
      fail = null;
      expect(await call(who.committee, vote(id))).toMatchObject({ ok: true, data: { matter: { state: 'voting' } } });
      expect(await w.ctx.store.count('motions', { matterId: id })).toBe(1);
    });

    test('while one request opens the motion, a second one and any other step get CONFLICT', async () => {
      const id = await w.deliberated();
      let open: () => void = () => undefined;
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const first = call(who.committee, vote(id, { question: '第一次点' }));
      while (calls[calls.length - 1] !== '第一次点') await new Promise((r) => setTimeout(r, 1));
      expect(await call(who.committee, vote(id, { question: '又点了一次' }))).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(await w.api.code(who.committee, 'matters.returnToRaised', { matterId: id, reason: '退回' })).toBe(
        'CONFLICT',
      );
      expect(await w.api.code(who.villager1, 'matters.withdraw', { matterId: id })).toBe('CONFLICT');
      open();
      const res = await first;
      expect(res).toMatchObject({ ok: true, data: { matter: { state: 'voting' } } });
      expect(await w.ctx.store.count('motions', { matterId: id })).toBe(1);
      gate = Promise.resolve();
    });

    test('a request that died after opening the motion is finished by the same request again', async () => {
      const id = await w.deliberated({ title: '修村里的桥' });
      const payload = vote(id);
      const committee = await resolveCaller(w.ctx.store, who.committee);
      if (!committee) throw new Error('no committee');
      // The first half of a request that crashed: the motion is open, the matter never moved.
      const orphan = await openMotion(w.ctx.store, committee, w.ctx.clock.now(), {
        question: '修村里的桥',
        kind: 'yesNo',
        body: 'adults',
        category: 'general',
        opensAt: payload.opensAt,
        closesAt: payload.closesAt,
        mode: 'secret',
        matterId: id,
      });
      const res = await w.api.ok<{ matter: MatterOut; motionId: string }>(who.committee, 'matters.moveToVote', payload);
      expect(res.motionId).toBe(orphan._id);
      expect(await w.ctx.store.count('motions', { matterId: id })).toBe(1);
    });

    test('马上开始 sent again after such a death attaches the live motion, though the server’s clock moved on', async () => {
      const id = await w.deliberated({ title: '修村口的路灯' });
      const now = w.ctx.clock.now();
      const payload = { matterId: id, body: 'adults', mode: 'secret', days: 3, urgent: true, urgentReason: '天黑得早' };
      // The first try: the votes module opens the motion at the server's now, then the request dies.
      fail = null;
      const dying: OpenMotion = async (store, caller, at, input) => {
        await openMotion(store, caller, at, input);
        throw new Error('the function instance was stopped');
      };
      const first = await dispatch(
        mattersRoutesWith({ openMotion: dying }),
        { action: 'matters.moveToVote', ...payload },
        { store: w.ctx.store, clock: w.ctx.clock, identity: who.committee },
      );
      expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(await w.ctx.store.count('motions', { matterId: id })).toBe(1);
      // Two minutes later the committee taps again: a new "now", so a new motion id if opened afresh.
      w.ctx.clock.advance(2 * 60_000);
      const res = await call(who.committee, payload);
      expect(res).toMatchObject({ ok: true, data: { matter: { state: 'voting' } } });
      expect(await w.ctx.store.count('motions', { matterId: id })).toBe(1);
      const [only] = await w.ctx.store.find<{ _id: string; opensAt: number }>(
        'motions',
        { matterId: id },
        { limit: 5 },
      );
      expect(res.ok && (res.data as { motionId: string }).motionId).toBe(only._id);
      expect(only.opensAt).toBe(now);
    });
  });
});

describe('matters.decide', () => {
  test('the committee settles a general matter alone, with a reason, a meeting and an owner first', async () => {
    const m = await w.raise();
    expect(await w.api.code(who.committee, 'matters.decide', { matterId: m.id, reason: '定了' })).toBe(
      'INVALID_TRANSITION',
    );
    await w.accept(m.id);
    expect(await w.api.code(who.committee, 'matters.decide', { matterId: m.id, reason: '定了' })).toBe(
      'MEETING_REQUIRED',
    );
    await w.meeting(m.id);
    expect(await w.api.code(who.committee, 'matters.decide', { matterId: m.id, reason: '定了' })).toBe(
      'OWNER_REQUIRED',
    );
    expect(await w.api.code(who.committee, 'matters.decide', { matterId: m.id, reason: ' ' })).toBe('INVALID_INPUT');
    await w.api.ok(who.committee, 'matters.assignOwner', {
      matterId: m.id,
      owner: { kind: 'person', personId: await w.personOf('demo-taoyuan-villager2') },
    });
    expect(await w.api.code(who.villager1, 'matters.decide', { matterId: m.id, reason: '定了' })).toBe('FORBIDDEN');
    const decided = await w.api.ok<MatterOut>(who.committee, 'matters.decide', {
      matterId: m.id,
      reason: '协商会上大家都同意，花钱不多',
    });
    expect(decided).toMatchObject({ state: 'implementing', decidedBy: 'committee' });
    expect(await w.api.code(who.committee, 'matters.decide', { matterId: 'm_none', reason: 'x' })).toBe('NOT_FOUND');
  });

  test('a matter the law reserves for the assembly cannot be decided by the committee', async () => {
    const id = await w.deliberated({ title: '征地补偿款怎么分', category: 'requisitionCompensation' });
    await w.api.ok(who.committee, 'matters.assignOwner', {
      matterId: id,
      owner: { kind: 'person', personId: await w.personOf('demo-taoyuan-villager2') },
    });
    expect(await w.api.code(who.committee, 'matters.decide', { matterId: id, reason: '两委商量定了' })).toBe(
      'RESERVED_FOR_ASSEMBLY',
    );
    const page = await w.api.ok<MatterOut>(who.committee, 'matters.get', { matterId: id });
    expect(page.state).toBe('deliberating');
    expect(page.can).not.toContain('decideByCommittee');
    expect(page.can).toContain('openVote');
  });
});

describe('the result comes back: applyVoteResult and reopen', () => {
  test('rejected is final; a second result, a stale motion or another village changes nothing', async () => {
    const id = await w.deliberated();
    const motionId = await w.toVote(id);
    const stale = { id: 'mo_other', villageId: 'vil-taoyuan', matterId: id };
    await applyVoteResult(w.ctx.store, w.ctx.clock.now(), stale, 'passed', { turnout: 1, electorateSize: 2 });
    const wrongVillage = { id: motionId, villageId: 'vil-shiqiao', matterId: id };
    await applyVoteResult(w.ctx.store, w.ctx.clock.now(), wrongVillage, 'passed', { turnout: 1, electorateSize: 2 });
    await applyVoteResult(
      w.ctx.store,
      w.ctx.clock.now(),
      { id: motionId, villageId: 'vil-taoyuan', matterId: null },
      'passed',
      {
        turnout: 1,
        electorateSize: 2,
      },
    );
    expect((await w.ctx.store.get<StoredMatter>('matters', id))?.state).toBe('voting');

    // Two closes at once: one result, one entry.
    await Promise.all([w.voteResult(id, motionId, 'rejected'), w.voteResult(id, motionId, 'rejected')]);
    await w.voteResult(id, motionId, 'passed');
    const m = await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: id });
    expect(m).toMatchObject({ state: 'rejected', can: [], canComment: false });
    const line = await w.api.ok<Timeline>(who.villager1, 'matters.timeline', { matterId: id });
    expect(line.items.filter((e) => e.kind === 'MatterRejected')).toHaveLength(1);
    expect(await w.api.code(who.committee, 'matters.reopen', { matterId: id, reason: '再投一次' })).toBe(
      'INVALID_TRANSITION',
    );
  });

  test('no quorum is not a decision: reopened with a reason, met about again, and voted on again', async () => {
    const id = await w.deliberated();
    const first = await w.toVote(id);
    await w.voteResult(id, first, 'noQuorum');
    const missed = await w.api.ok<MatterOut>(who.committee, 'matters.get', { matterId: id });
    expect(missed).toMatchObject({ state: 'noQuorum', can: ['reopen'] });
    expect(await w.api.code(who.committee, 'matters.reopen', { matterId: id, reason: ' ' })).toBe('INVALID_INPUT');
    expect(await w.api.code(who.villager1, 'matters.reopen', { matterId: id, reason: '我要重投' })).toBe('FORBIDDEN');
    expect(await w.api.code(who.committee, 'matters.reopen', { matterId: 'm_none', reason: 'x' })).toBe('NOT_FOUND');
    const reopened = await w.api.ok<MatterOut>(who.committee, 'matters.reopen', {
      matterId: id,
      reason: '上次正赶上农忙，人没来齐',
    });
    expect(reopened.state).toBe('deliberating');
    expect(await w.api.code(who.committee, 'matters.reopen', { matterId: id, reason: '再来' })).toBe(
      'INVALID_TRANSITION',
    );
    w.ctx.clock.advance(DAY);
    const second = await w.toVote(id);
    expect(second).not.toBe(first);
    // The first motion's late result is for an earlier round: ignored.
    await w.voteResult(id, first, 'passed');
    expect((await w.ctx.store.get<StoredMatter>('matters', id))?.state).toBe('voting');
    await w.voteResult(id, second, 'passed');
    expect((await w.ctx.store.get<StoredMatter>('matters', id))?.state).toBe('passed');
    const kinds = (await w.api.ok<Timeline>(who.villager1, 'matters.timeline', { matterId: id })).items.map(
      (e) => e.kind,
    );
    expect(kinds.slice(-5)).toEqual([
      'MatterPutToVote',
      'MatterMissedQuorum',
      'MatterReopened',
      'MatterPutToVote',
      'MatterPassed',
    ]);
  });
});
