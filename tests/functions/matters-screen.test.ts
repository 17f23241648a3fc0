import { adultElectorate, latestAdultBirthYear } from '../../cloudfunctions/matters/electorate';
import { loadChain } from '../../cloudfunctions/shared/audit';
import type { PersonRecord } from '../../core/records';
import { adultsElectorate } from '../../core/votes/eligibility';
import type { OutboxRecord, StoredMatter } from '../../cloudfunctions/matters/records';
import { mattersWorld, who, type MatterOut, type MattersWorld } from '../helpers/matters';

/** 民提 → 民议: co-signing, withdrawing, screening, sending back, and the villagers' one-tenth request. */
let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

interface Cosign {
  count: number;
  electorate: number;
  threshold: number;
  missing: number;
  reached: boolean;
  assemblyRequested: boolean;
  cosignedByMe: boolean;
}

describe('matters.cosign', () => {
  test('once per person, never one’s own, only while raised or talked over', async () => {
    const m = await w.raise();
    const c = await w.api.ok<Cosign>(who.villager2, 'matters.cosign', { matterId: m.id });
    expect(c).toMatchObject({ count: 1, cosignedByMe: true, reached: false, assemblyRequested: false });
    expect(c.threshold).toBe(Math.ceil(c.electorate / 10));
    expect(c.electorate).toBeGreaterThan(100);
    expect(await w.api.code(who.villager2, 'matters.cosign', { matterId: m.id })).toBe('ALREADY_COSIGNED');
    expect(await w.api.code(who.villager1, 'matters.cosign', { matterId: m.id })).toBe('OWN_MATTER');
    expect(await w.api.code(who.villager2, 'matters.cosign', { matterId: 'm_none' })).toBe('NOT_FOUND');
    expect(await w.api.code(who.township, 'matters.cosign', { matterId: m.id })).toBe('FORBIDDEN');
    expect(await w.api.code(who.shiqiaoVillager, 'matters.cosign', { matterId: m.id })).toBe('FORBIDDEN');
    await w.api.ok(who.villager1, 'matters.withdraw', { matterId: m.id, reason: '不提了' });
    expect(await w.api.code(who.villager3, 'matters.cosign', { matterId: m.id })).toBe('COSIGN_CLOSED');
    const page = await w.api.ok<MatterOut>(who.villager2, 'matters.get', { matterId: m.id });
    expect(page).toMatchObject({ cosignCount: 1, cosign: { count: 1, cosignedByMe: true }, canCosign: false });
  });

  test('ten taps at once by the same person make exactly one co-signature', async () => {
    const m = await w.raise();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => w.api.call(who.villager3, 'matters.cosign', { matterId: m.id })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.error.code])))).toEqual(new Set(['ALREADY_COSIGNED']));
    expect(await w.ctx.store.count('cosigns', { matterId: m.id })).toBe(1);
    expect((await w.ctx.store.get<StoredMatter>('matters', m.id))?.cosignCount).toBe(1);
  });
});

describe('the electorate the one tenth is measured against', () => {
  test('is the adults’ roll core would draw today, counted with one indexed query', async () => {
    const now = w.ctx.clock.now();
    const persons = await w.ctx.store.find<PersonRecord>('persons', { villageId: 'vil-taoyuan' }, { limit: 10_000 });
    const roll = adultsElectorate(
      persons.map((p) => ({
        id: p._id,
        householdId: p.householdId,
        birthYear: p.birthYear,
        isHouseholdRep: p.isHouseholdRep,
      })),
      now,
    );
    expect(await adultElectorate(w.ctx.store, 'vil-taoyuan', now)).toBe(roll.electors.length);
  });

  test('the borderline birth year counts only on 31 December (Beijing time)', () => {
    expect(latestAdultBirthYear(Date.UTC(2026, 11, 30, 15, 59))).toBe(2007);
    expect(latestAdultBirthYear(Date.UTC(2026, 11, 30, 16, 0))).toBe(2008);
    expect(latestAdultBirthYear(Date.UTC(2027, 0, 1, 12))).toBe(2008);
  });
});

describe('matters.withdraw', () => {
  test('the author withdraws before the vote; nobody else can; not twice', async () => {
    const m = await w.raise();
    expect(await w.api.code(who.villager2, 'matters.withdraw', { matterId: m.id })).toBe('FORBIDDEN');
    // Committee members hold the villager role too, but withdrawing is the author's alone.
    expect(await w.api.code(who.committee, 'matters.withdraw', { matterId: m.id })).toBe('FORBIDDEN');
    const out = await w.api.ok<MatterOut>(who.villager1, 'matters.withdraw', { matterId: m.id, reason: '自己解决了' });
    expect(out).toMatchObject({ state: 'withdrawn', closingReason: '自己解决了', stoppedAt: 'raise' });
    expect((out.strip as Array<{ status: string }>).map((s) => s.status)).toEqual([
      'stopped',
      'never',
      'never',
      'never',
      'never',
    ]);
    expect(await w.api.code(who.villager1, 'matters.withdraw', { matterId: m.id })).toBe('INVALID_TRANSITION');
    expect(await w.api.code(who.villager1, 'matters.withdraw', { matterId: 'm_none' })).toBe('NOT_FOUND');
  });

  test('a step racing moveToVote’s claim gets CONFLICT, and goes through once the claim is gone', async () => {
    const m = await w.raise();
    await w.ctx.store.update<StoredMatter>('matters', m.id, {
      voteOpening: { token: 'someone-else', until: w.ctx.clock.now() + 30_000 },
    });
    expect(await w.api.code(who.villager1, 'matters.withdraw', { matterId: m.id })).toBe('CONFLICT');
    expect(await w.api.code(who.committee, 'matters.screen', { matterId: m.id, decision: 'accept' })).toBe('CONFLICT');
    w.ctx.clock.advance(30_000);
    expect((await w.api.ok<MatterOut>(who.villager1, 'matters.withdraw', { matterId: m.id })).state).toBe('withdrawn');
  });
});

describe('matters.screen', () => {
  test('accept, decline with a reason, merge into another: each on the timeline and in the audit log', async () => {
    const a = await w.raise(who.villager1, { title: '修三组的水渠' });
    const b = await w.raise(who.villager2, { title: '三组水渠漏水了' });
    const c = await w.raise(who.villager3, { title: '想在村口放个石狮子' });
    expect((await w.accept(a.id)).state).toBe('deliberating');
    const merged = await w.api.ok<MatterOut>(who.committee, 'matters.screen', {
      matterId: b.id,
      decision: 'merge',
      targetMatterId: a.id,
      reason: '和另一件是同一件事',
    });
    expect(merged).toMatchObject({ state: 'merged', mergedInto: a.id, closingReason: '和另一件是同一件事' });
    const declined = await w.api.ok<MatterOut>(who.committee, 'matters.screen', {
      matterId: c.id,
      decision: 'decline',
      reason: '村里没有这笔钱',
    });
    expect(declined).toMatchObject({ state: 'declined', closingReason: '村里没有这笔钱', stoppedAt: 'raise' });
    expect(await w.api.code(who.committee, 'matters.screen', { matterId: c.id, decision: 'accept' })).toBe(
      'INVALID_TRANSITION',
    );
    const actions = (await loadChain(w.ctx.store, 'vil-taoyuan')).filter((e) => e.action === 'matters.screen');
    expect(actions.map((e) => (e.after as { state: string }).state)).toEqual(['deliberating', 'merged', 'declined']);
    expect(actions[2].reason).toBe('村里没有这笔钱');
    // The author of the declined matter is told why.
    const told = await w.ctx.store.find<OutboxRecord>(
      'outbox',
      { personId: await w.personOf('demo-taoyuan-villager3'), matterId: c.id },
      { limit: 10 },
    );
    expect(told.map((o) => [o.kind, o.text])).toEqual([['MatterDeclined', '没有受理：村里没有这笔钱']]);
  });

  test('merge targets: not itself, not a finished matter, not another village’s, not reserved into general', async () => {
    const m = await w.raise(who.villager1, { title: '修路修路修路' });
    const done = await w.raise(who.villager2, { title: '已经撤回的事' });
    await w.api.ok(who.villager2, 'matters.withdraw', { matterId: done.id });
    const other = await w.api.ok<MatterOut>(who.shiqiaoVillager, 'matters.raise', {
      title: '石桥村的事',
      category: 'general',
    });
    const reserved = await w.raise(who.villager3, { title: '宅基地怎么分', category: 'homestead' });
    const merge = (matterId: string, targetMatterId: string) =>
      w.api.code(who.committee, 'matters.screen', { matterId, decision: 'merge', targetMatterId, reason: '重复' });
    expect(await merge(m.id, m.id)).toBe('INVALID_MERGE_TARGET');
    expect(await merge(m.id, done.id)).toBe('INVALID_MERGE_TARGET');
    expect(await merge(m.id, other.id)).toBe('INVALID_MERGE_TARGET');
    expect(await merge(m.id, 'm_none')).toBe('INVALID_MERGE_TARGET');
    expect(await merge(reserved.id, m.id)).toBe('INVALID_MERGE_TARGET');
    expect((await w.api.ok<MatterOut>(who.villager1, 'matters.get', { matterId: m.id })).state).toBe('raised');
  });

  test('a reserved matter cannot be declined by the committee; a blank reason never gets past the form', async () => {
    const m = await w.raise(who.villager1, { title: '集体的鱼塘要不要包出去', category: 'collectiveProperty' });
    expect(
      await w.api.code(who.committee, 'matters.screen', { matterId: m.id, decision: 'decline', reason: '不行' }),
    ).toBe('RESERVED_FOR_ASSEMBLY');
    // REASON_REQUIRED is the lifecycle's guard; the schema already refuses a blank reason as INVALID_INPUT.
    expect(
      await w.api.code(who.committee, 'matters.screen', { matterId: m.id, decision: 'decline', reason: '  ' }),
    ).toBe('INVALID_INPUT');
  });

  test('a villager cannot screen; another village’s committee cannot either, and nothing changes', async () => {
    const m = await w.raise();
    expect(await w.api.code(who.villager2, 'matters.screen', { matterId: m.id, decision: 'accept' })).toBe('FORBIDDEN');
    expect(await w.api.code(who.grid, 'matters.screen', { matterId: m.id, decision: 'accept' })).toBe('FORBIDDEN');
    expect(await w.api.code(who.township, 'matters.screen', { matterId: m.id, decision: 'accept' })).toBe('FORBIDDEN');
    const before = await w.ctx.store.get<StoredMatter>('matters', m.id);
    expect(await w.api.code(who.shiqiaoCommittee, 'matters.screen', { matterId: m.id, decision: 'accept' })).toBe(
      'FORBIDDEN',
    );
    expect(
      await w.api.code(who.shiqiaoCommittee, 'matters.screen', { matterId: m.id, decision: 'decline', reason: '越村' }),
    ).toBe('FORBIDDEN');
    expect(await w.ctx.store.get<StoredMatter>('matters', m.id)).toEqual(before);
    expect(await w.api.code(who.committee, 'matters.screen', { matterId: 'm_none', decision: 'accept' })).toBe(
      'NOT_FOUND',
    );
  });
});

describe('matters.returnToRaised', () => {
  test('sent back with a reason, with a fresh screening period; only from deliberation', async () => {
    const m = await w.raise();
    expect(
      await w.api.code(who.committee, 'matters.returnToRaised', { matterId: m.id, reason: '写清楚是哪一段路' }),
    ).toBe('INVALID_TRANSITION');
    await w.accept(m.id);
    w.ctx.clock.advance(5 * 86_400_000);
    const back = await w.api.ok<MatterOut>(who.committee, 'matters.returnToRaised', {
      matterId: m.id,
      reason: '写清楚是哪一段路',
    });
    expect(back).toMatchObject({ state: 'raised', screening: { overdue: false, daysLeft: 8 } });
    expect(await w.api.code(who.committee, 'matters.returnToRaised', { matterId: m.id, reason: ' ' })).toBe(
      'INVALID_INPUT',
    );
    expect(await w.api.code(who.villager1, 'matters.returnToRaised', { matterId: m.id, reason: '我自己' })).toBe(
      'FORBIDDEN',
    );
    expect(await w.api.code(who.committee, 'matters.returnToRaised', { matterId: 'm_none', reason: 'x' })).toBe(
      'NOT_FOUND',
    );
    await w.accept(m.id);
    await w.ctx.store.update<StoredMatter>('matters', m.id, {
      voteOpening: { token: 'other', until: w.ctx.clock.now() + 1000 },
    });
    expect(await w.api.code(who.committee, 'matters.returnToRaised', { matterId: m.id, reason: '再改改' })).toBe(
      'CONFLICT',
    );
  });
});

describe('one tenth of the villagers co-sign: the assembly is requested', () => {
  test('the committee must put it to the villagers’ assembly; the author can no longer withdraw it', async () => {
    const m = await w.raise(who.villager1, { title: '村里的集体收入怎么用' });
    const first = await w.api.ok<Cosign>(who.villager2, 'matters.cosign', { matterId: m.id });
    const crowd = await w.moreVillagers(first.threshold - 1);
    let last = first;
    for (const v of crowd) last = await w.api.ok<Cosign>(v, 'matters.cosign', { matterId: m.id });
    expect(last).toMatchObject({ count: first.threshold, reached: true, assemblyRequested: true, missing: 0 });

    expect(await w.api.code(who.villager1, 'matters.withdraw', { matterId: m.id })).toBe('ASSEMBLY_REQUESTED');
    expect(
      await w.api.code(who.committee, 'matters.screen', { matterId: m.id, decision: 'decline', reason: '不办' }),
    ).toBe('ASSEMBLY_REQUESTED');
    const target = await w.raise(who.villager3, { title: '另一件商量中的事' });
    await w.accept(target.id);
    expect(
      await w.api.code(who.committee, 'matters.screen', {
        matterId: m.id,
        decision: 'merge',
        targetMatterId: target.id,
        reason: '并过去',
      }),
    ).toBe('ASSEMBLY_REQUESTED');
    await w.accept(m.id);
    await w.meeting(m.id);
    await w.api.ok(who.committee, 'matters.assignOwner', {
      matterId: m.id,
      owner: { kind: 'person', personId: await w.personOf('demo-taoyuan-villager3') },
    });
    expect(await w.api.code(who.committee, 'matters.decide', { matterId: m.id, reason: '两委定了' })).toBe(
      'ASSEMBLY_REQUESTED',
    );
    // Nor may it go to the delegates instead of the villagers.
    const now = w.ctx.clock.now();
    expect(
      await w.api.code(who.committee, 'matters.moveToVote', {
        matterId: m.id,
        body: 'delegates',
        mode: 'open',
        opensAt: now + 11 * 86_400_000,
        closesAt: now + 12 * 86_400_000,
      }),
    ).toBe('BODY_NOT_ALLOWED');
    const page = await w.api.ok<MatterOut>(who.committee, 'matters.get', { matterId: m.id });
    expect(page.can).toEqual(['returnToRaised', 'openVote']);

    // Recorded once on the timeline, and the committee is told.
    const line = await w.api.ok<{ items: Array<{ kind: string; byName: string | null }> }>(
      who.villager1,
      'matters.timeline',
      { matterId: m.id },
    );
    expect(line.items.filter((e) => e.kind === 'AssemblyRequested')).toEqual([
      expect.objectContaining({ byName: null }),
    ]);
    const committeeHeard = await w.ctx.store.find<OutboxRecord>(
      'outbox',
      { personId: await w.personOf('demo-taoyuan-committee'), matterId: m.id },
      { limit: 10 },
    );
    expect(committeeHeard.map((o) => o.kind)).toEqual(['AssemblyRequested']);
  });
});
