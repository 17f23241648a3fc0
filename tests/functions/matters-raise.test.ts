import type { DraftRecord, StoredMatter } from '../../cloudfunctions/matters/records';
import { DAY, JPEG, PNG, WEBP, mattersWorld, who, type MatterOut, type MattersWorld } from '../helpers/matters';

/** 民提 on a real store: raising with photos, drafts, the list and its filters, the matter's page. */
let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

interface Page {
  items: Array<{ id: string; state: string; mine: boolean; screeningOverdue: boolean; groupId: string | null }>;
  nextCursor: string | null;
}

describe('matters.raise', () => {
  test('a villager raises a matter with JPEG, PNG and WebP photos; the page says what they may do', async () => {
    const photos = [w.upload(JPEG), w.upload(PNG), w.upload(WEBP)];
    const m = await w.raise(who.villager1, { photos, description: '  说明  ', category: 'publicWelfare' });
    expect(m).toMatchObject({
      state: 'raised',
      stateLabel: '等村两委受理',
      category: 'publicWelfare',
      reserved: true,
      description: '说明',
      photos,
      mine: true,
      cosignCount: 0,
      canCosign: false,
      canComment: true,
      can: ['withdraw'],
    });
    expect((m.strip as Array<{ status: string }>).map((s) => s.status)).toEqual([
      'current',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    const other = await w.api.ok<MatterOut>(who.villager2, 'matters.get', { matterId: m.id });
    expect(other).toMatchObject({ mine: false, canCosign: true, can: [] });
    const committee = await w.api.ok<MatterOut>(who.committee, 'matters.get', { matterId: m.id });
    // A reserved category cannot be declined by the committee alone (declining is deciding).
    expect(committee.can).toEqual(['accept', 'merge']);
  });

  test('raised again after the network dropped the answer, or twice at once, it is one matter', async () => {
    const before = await w.ctx.store.count('matters', {});
    const payload = { title: '桥头的护栏松了', clientId: 'raise-0001-abcdefgh' };
    const first = await w.raise(who.villager1, payload);
    expect((await w.raise(who.villager1, payload)).id).toBe(first.id);
    const both = await Promise.all(
      [1, 2].map(() => w.raise(who.villager1, { ...payload, clientId: 'raise-0002-abcdefgh' })),
    );
    expect(both[0].id).toBe(both[1].id);
    expect(both[0].id).not.toBe(first.id);
    expect(await w.ctx.store.count('matters', {})).toBe(before + 2);
    // The same client id from someone else is their own matter.
    const theirs = await w.raise(who.villager2, payload);
    expect(theirs.id).not.toBe(first.id);
    expect(await w.ctx.store.count('matters', {})).toBe(before + 3);
    const timeline = await w.api.ok<{ items: Array<{ kind: string }> }>(who.villager1, 'matters.timeline', {
      matterId: first.id,
    });
    expect(timeline.items.map((t) => t.kind)).toEqual(['MatterRaised']);
    expect(await w.api.code(who.villager1, 'matters.raise', { ...payload, title: '换个编号', clientId: '短' })).toBe(
      'INVALID_INPUT',
    );
  });

  test('the same photo twice is kept once', async () => {
    const p = w.upload(JPEG);
    const m = await w.raise(who.villager1, { photos: [p, p] });
    expect(m.photos).toEqual([p]);
  });

  test('photos: not found, not the caller’s, too large, not an image, more than six', async () => {
    expect(
      await w.api.code(who.villager1, 'matters.raise', {
        title: '修路修路',
        category: 'general',
        photos: ['f_' + '0'.repeat(32)],
      }),
    ).toBe('NOT_FOUND');
    const someoneElses = w.upload(JPEG, 'demo-taoyuan-villager2');
    expect(
      await w.api.code(who.villager1, 'matters.raise', {
        title: '修路修路',
        category: 'general',
        photos: [someoneElses],
      }),
    ).toBe('NOT_FOUND');
    const big = w.upload(Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]));
    expect(
      await w.api.code(who.villager1, 'matters.raise', { title: '修路修路', category: 'general', photos: [big] }),
    ).toBe('FILE_TOO_LARGE');
    const text = w.upload(Buffer.from('not a picture'), 'demo-taoyuan-villager1', 'photo.jpg');
    expect(
      await w.api.code(who.villager1, 'matters.raise', { title: '修路修路', category: 'general', photos: [text] }),
    ).toBe('FILE_TYPE');
    const seven = Array.from({ length: 7 }, () => w.upload(JPEG));
    expect(
      await w.api.code(who.villager1, 'matters.raise', { title: '修路修路', category: 'general', photos: seven }),
    ).toBe('INVALID_INPUT');
  });

  test('an unknown group, a short title, a smuggled author: refused', async () => {
    expect(
      await w.api.code(who.villager1, 'matters.raise', {
        title: '修路修路',
        category: 'general',
        groupId: 'shiqiao-g1',
      }),
    ).toBe('NOT_FOUND');
    expect(await w.api.code(who.villager1, 'matters.raise', { title: '修路', category: 'general' })).toBe(
      'INVALID_INPUT',
    );
    expect(
      await w.api.code(who.villager1, 'matters.raise', { title: '修路修路', category: 'general', authorId: 'p-x' }),
    ).toBe('INVALID_INPUT');
    // Township staff are not villagers: the policy refuses before anything is read.
    expect(await w.api.code(who.township, 'matters.raise', { title: '修路修路', category: 'general' })).toBe(
      'FORBIDDEN',
    );
  });
});

describe('drafts', () => {
  test('autosave keeps one draft per account; raising from it removes it', async () => {
    const first = await w.api.ok<{ id: string; title: string }>(who.villager2, 'matters.saveDraft', { title: '想提' });
    const again = await w.api.ok<{ id: string; title: string; category: string | null }>(
      who.villager2,
      'matters.saveDraft',
      { draftId: first.id, title: '想提个事：修桥', category: 'general', groupId: 'taoyuan-g1' },
    );
    expect(again).toMatchObject({ id: first.id, title: '想提个事：修桥', category: 'general' });
    // Absent id: still the one draft, not a second.
    await w.api.ok(who.villager2, 'matters.saveDraft', { title: '想提个事：修桥吧' });
    expect(await w.api.ok<unknown[]>(who.villager2, 'matters.drafts')).toHaveLength(1);
    expect(await w.ctx.store.count('drafts', { accountId: 'demo-taoyuan-villager2' })).toBe(1);
    // Private: another villager sees none, and cannot write to it.
    expect(await w.api.ok<unknown[]>(who.villager3, 'matters.drafts')).toEqual([]);
    expect(await w.api.code(who.villager3, 'matters.saveDraft', { draftId: first.id, title: 'x' })).toBe('NOT_FOUND');
    expect(
      await w.api.code(who.villager3, 'matters.raise', { title: '修桥修桥', category: 'general', draftId: first.id }),
    ).toBe('NOT_FOUND');
    expect(await w.api.code(who.villager2, 'matters.saveDraft', { groupId: 'nowhere' })).toBe('NOT_FOUND');

    const m = await w.raise(who.villager2, { title: '想提个事：修桥吧', draftId: first.id });
    expect(m.state).toBe('raised');
    expect(await w.api.ok<unknown[]>(who.villager2, 'matters.drafts')).toEqual([]);
    expect(await w.ctx.store.get<DraftRecord>('drafts', first.id)).toBeNull();
  });
});

describe('matters.list and matters.get', () => {
  let listW: MattersWorld;
  beforeAll(async () => {
    listW = await mattersWorld();
  });
  afterAll(() => listW.cleanup());

  test('newest activity first, paged by cursor, filtered by stage, group and mine', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      listW.ctx.clock.advance(60_000);
      const m = await listW.raise(i % 2 === 0 ? who.villager1 : who.villager2, {
        title: `第${i}件事情`,
        groupId: i < 2 ? 'taoyuan-g1' : 'taoyuan-g2',
      });
      ids.push(m.id);
    }
    listW.ctx.clock.advance(60_000);
    await listW.accept(ids[0]);
    const first = await listW.api.ok<Page>(who.villager3, 'matters.list', { limit: 2 });
    expect(first.items.map((m) => m.id)).toEqual([ids[0], ids[4]]);
    const second = await listW.api.ok<Page>(who.villager3, 'matters.list', { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((m) => m.id)).toEqual([ids[3], ids[2]]);
    const third = await listW.api.ok<Page>(who.villager3, 'matters.list', { limit: 2, cursor: second.nextCursor });
    expect(third).toEqual({ items: [expect.objectContaining({ id: ids[1] })], nextCursor: null });

    const deliberating = await listW.api.ok<Page>(who.villager3, 'matters.list', { stage: 'deliberate' });
    expect(deliberating.items.map((m) => m.id)).toEqual([ids[0]]);
    const raisedOnly = await listW.api.ok<Page>(who.villager3, 'matters.list', { stage: 'raise' });
    expect(raisedOnly.items.map((m) => m.id)).toEqual([ids[4], ids[3], ids[2], ids[1]]);
    const g1 = await listW.api.ok<Page>(who.villager3, 'matters.list', { groupId: 'taoyuan-g1' });
    expect(g1.items.map((m) => m.id)).toEqual([ids[0], ids[1]]);
    const mine = await listW.api.ok<Page>(who.villager2, 'matters.list', { mine: true });
    expect(mine.items.map((m) => m.id)).toEqual([ids[3], ids[1]]);
    expect(mine.items.every((m) => m.mine)).toBe(true);
    expect(
      (await listW.api.ok<Page>(who.township, 'matters.list', { villageId: 'vil-taoyuan', mine: true })).items,
    ).toEqual([]);
    // The other village sees none of it.
    expect((await listW.api.ok<Page>(who.shiqiaoVillager, 'matters.list', {})).items).toEqual([]);
  });

  test('the township sees which villages are late screening; villagers cannot look at another village', async () => {
    const late = await listW.raise(who.villager1, { title: '一直没人管的事' });
    const dueAt = late.screening?.dueAt ?? 0;
    expect(
      (await listW.api.ok<Page>(who.township, 'matters.list', { villageId: 'vil-taoyuan', overdue: true })).items,
    ).toEqual([]);
    listW.ctx.clock.set(dueAt);
    const overdue = await listW.api.ok<Page>(who.township, 'matters.list', { villageId: 'vil-taoyuan', overdue: true });
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.map((m) => m.id)).toContain(late.id);
    expect(overdue.items.every((m) => m.state === 'raised' && m.screeningOverdue)).toBe(true);
    const page = await listW.api.ok<MatterOut>(who.township, 'matters.get', { matterId: late.id });
    expect(page).toMatchObject({ screening: { overdue: true, daysLeft: 0 }, can: [], canCosign: false });
    expect(
      (await listW.api.ok<Page>(who.township, 'matters.list', { villageId: 'vil-shiqiao', overdue: true })).items,
    ).toEqual([]);

    expect(await listW.api.code(who.township, 'matters.list', {})).toBe('NOT_FOUND');
    expect(await listW.api.code(who.villager1, 'matters.list', { villageId: 'vil-shiqiao' })).toBe('FORBIDDEN');
    expect(await listW.api.code(who.shiqiaoVillager, 'matters.get', { matterId: late.id })).toBe('FORBIDDEN');
    expect(await listW.api.code(who.villager1, 'matters.get', { matterId: 'm_nothing' })).toBe('NOT_FOUND');
    expect(await listW.api.code(null, 'matters.list', {})).toBe('UNAUTHENTICATED');
    expect(await listW.api.code(who.villager1, 'matters.list', { limit: 51 })).toBe('INVALID_INPUT');
  });

  test('every record carries its village', async () => {
    const rows = await listW.ctx.store.find<StoredMatter>('matters', {}, { limit: 100 });
    expect(rows.every((m) => m.villageId === 'vil-taoyuan')).toBe(true);
    expect(rows.every((m) => m.activityKey.endsWith(`|${m._id}`))).toBe(true);
  });

  test('a village’s own screening period is used when it sets one', async () => {
    await listW.ctx.store.update('villages', 'vil-taoyuan', { matterSettings: { screeningDays: 3 } });
    const m = await listW.raise(who.villager1, { title: '三天内要受理' });
    expect(m.screening?.daysLeft).toBe(4);
    expect((m.screening?.dueAt ?? 0) - listW.ctx.clock.now()).toBeLessThanOrEqual(4 * DAY);
    await listW.ctx.store.update('villages', 'vil-taoyuan', { matterSettings: {} });
  });
});
