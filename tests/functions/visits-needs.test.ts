import type { OutboxRecord } from '../../cloudfunctions/matters/records';
import { runVisitTimers } from '../../cloudfunctions/visits/timers';
import type { NeedRecord } from '../../cloudfunctions/visits/records';
import { DAY, JPEG, hh, visitsWorld, who, type NeedOut, type VisitsWorld } from '../helpers/visits';

/**
 * 诉求 after the visit: the list, edits, the chain (village reports, township handles, county
 * closes) by hand and by the timer at each step's deadline, close-out (销号), the dashboards' open
 * needs and close-out rate, and one tap into a matter (民提) that keeps the link.
 */
let w: VisitsWorld;
let party: string;
let needs: NeedOut[];

interface NeedsBoard {
  village: {
    needs: {
      raised: number;
      closed: number;
      open: number;
      byLevel: Record<string, number>;
      closeOutRate: number | null;
    };
  };
}
const board = () => w.api.ok<NeedsBoard>(who.committee, 'visits.villageBoard');

beforeAll(async () => {
  w = await visitsWorld();
  party = await w.personOf('demo-taoyuan-party');
  await w.generate();
  await w.assign([3, 9, 15, 21, 27].map(hh), party);
  const r = await w.checkIn(who.party, hh(3), {
    needs: [
      { category: 'housing', urgency: 'urgent', text: '屋顶漏雨要修' },
      { category: 'infrastructure', text: '门口的路坑坑洼洼' },
      { category: 'health', text: '想办慢性病卡' },
      { category: 'assistance', text: '申请低保' },
    ],
  });
  needs = r.visit.needs;
});
afterAll(() => w.cleanup());

test('visits.needs: leaders see the village’s, a party member the ones they follow; paged newest first', async () => {
  const all = await w.api.ok<{ items: NeedOut[]; nextCursor: string | null }>(who.committee, 'visits.needs', {
    limit: 3,
  });
  expect(all.items).toHaveLength(3);
  const rest = await w.api.ok<{ items: NeedOut[]; nextCursor: string | null }>(who.committee, 'visits.needs', {
    limit: 3,
    cursor: all.nextCursor,
  });
  expect(rest.items).toHaveLength(1);
  expect(rest.nextCursor).toBeNull();
  expect((await w.api.ok<{ items: unknown[] }>(who.party, 'visits.needs')).items).toHaveLength(4);
  expect((await w.api.ok<{ items: unknown[] }>(who.grid, 'visits.needs', { mine: true })).items).toHaveLength(0);
  expect(
    (await w.api.ok<{ items: unknown[] }>(who.township, 'visits.needs', { villageId: 'vil-taoyuan' })).items,
  ).toHaveLength(4);
  expect(await w.api.code(who.committee, 'visits.needs', { villageId: 'vil-shiqiao' })).toBe('FORBIDDEN');
  expect((await board()).village.needs).toEqual({
    raised: 4,
    closed: 0,
    open: 4,
    byLevel: { village: 4, township: 0, county: 0 },
    closeOutRate: 0,
  });
});

test('visits.updateNeed: the owner or the committee; a new owner must be of the village', async () => {
  const n = await w.api.ok<NeedOut & { urgency: string }>(who.party, 'visits.updateNeed', {
    needId: needs[1].id,
    urgency: 'urgent',
    ownerId: 'p-taoyuan-0001',
  });
  expect(n).toMatchObject({ urgency: 'urgent', ownerId: 'p-taoyuan-0001' });
  expect(n.deadlineAt).toBeLessThan(needs[1].deadlineAt);
  expect(n.history.map((h) => h.kind)).toEqual(['raised', 'updated']);
  expect(await w.api.code(who.grid, 'visits.updateNeed', { needId: needs[2].id, text: '改改看看' })).toBe('FORBIDDEN');
  expect(await w.api.code(who.committee, 'visits.updateNeed', { needId: needs[2].id, ownerId: 'p-shiqiao-0001' })).toBe(
    'NOT_FOUND',
  );
  expect(await w.api.code(who.committee, 'visits.updateNeed', { needId: needs[2].id })).toBe('INVALID_INPUT');
  expect(await w.api.code(who.committee, 'visits.updateNeed', { needId: 'vi_x-1', text: '改改看看' })).toBe(
    'NOT_FOUND',
  );
});

test('the chain by hand: the village reports it, the township hands it to the county, no further', async () => {
  const id = needs[0].id;
  expect(await w.api.code(who.party, 'visits.escalateNeed', { needId: id, reason: '村里修不了' })).toBe('FORBIDDEN');
  const up = await w.api.ok<NeedOut>(who.committee, 'visits.escalateNeed', { needId: id, reason: '村里修不了' });
  expect(up).toMatchObject({ level: 'township', state: 'open' });
  // At the township, the committee neither climbs nor closes it.
  expect(await w.api.code(who.committee, 'visits.escalateNeed', { needId: id, reason: '再往上报' })).toBe('FORBIDDEN');
  expect(await w.api.code(who.committee, 'visits.closeOutNeed', { needId: id, text: '修好了' })).toBe('FORBIDDEN');
  const county = await w.api.ok<NeedOut>(who.township, 'visits.escalateNeed', {
    needId: id,
    reason: '危房改造要县里批',
  });
  expect(county.level).toBe('county');
  expect(await w.api.code(who.township, 'visits.escalateNeed', { needId: id, reason: '还要往上' })).toBe('CHAIN_TOP');
  expect((await board()).village.needs.byLevel).toEqual({ village: 3, township: 0, county: 1 });
  const closed = await w.api.ok<NeedOut>(who.township, 'visits.closeOutNeed', {
    needId: id,
    text: '县里批了危房改造，屋顶已换',
  });
  expect(closed).toMatchObject({ state: 'closed', closeOut: { text: '县里批了危房改造，屋顶已换' } });
  expect(closed.history.map((h) => `${h.kind}@${h.level}`)).toEqual([
    'raised@village',
    'escalated@township',
    'escalated@county',
    'closedOut@county',
  ]);
  expect(await w.api.code(who.township, 'visits.closeOutNeed', { needId: id, text: '再销一次' })).toBe('NEED_CLOSED');
  expect(await w.api.code(who.committee, 'visits.escalateNeed', { needId: id, reason: '再报一次' })).toBe(
    'NEED_CLOSED',
  );
  expect(await w.api.code(who.committee, 'visits.updateNeed', { needId: id, text: '再改一次' })).toBe('NEED_CLOSED');
});

test('close-out at the village by its owner, with photos; the close-out rate moves', async () => {
  const photo = w.upload(JPEG);
  const n = await w.api.ok<NeedOut>(who.party, 'visits.closeOutNeed', {
    needId: needs[3].id,
    text: '材料已交乡里民政办',
    photos: [photo],
  });
  expect(n.state).toBe('closed');
  expect(await w.api.code(who.grid, 'visits.closeOutNeed', { needId: needs[2].id, text: '办好了' })).toBe('FORBIDDEN');
  expect(await w.api.code(who.party, 'visits.closeOutNeed', { needId: needs[2].id, text: 'x' })).toBe('INVALID_INPUT');
  expect((await board()).village.needs).toEqual({
    raised: 4,
    closed: 2,
    open: 2,
    byLevel: { village: 2, township: 0, county: 0 },
    closeOutRate: 50,
  });
});

test('the timer climbs a need past its step’s deadline and tells the committee', async () => {
  // needs[1] was made urgent: 2 days at the village. Three days on, it climbs to the township.
  w.ctx.clock.advance(3 * DAY);
  const r = await runVisitTimers(w.ctx.store, w.ctx.clock.now());
  expect(r.needsClimbed).toBe(1);
  const n = await w.ctx.store.get<NeedRecord>('visitNeeds', needs[1].id);
  expect(n).toMatchObject({ level: 'township' });
  expect(n?.history.map((h) => h.kind)).toEqual(['raised', 'updated', 'climbed']);
  const told = await w.ctx.store.find<OutboxRecord>(
    'outbox',
    { personId: 'p-taoyuan-0001', kind: 'NeedEscalated' },
    { limit: 10 },
  );
  expect(told).toHaveLength(1);
  expect((await runVisitTimers(w.ctx.store, w.ctx.clock.now())).needsClimbed).toBe(0);
  expect((await board()).village.needs.byLevel).toEqual({ village: 1, township: 1, county: 0 });
  // At the county and past its deadline it stays there, shown overdue.
  await w.api.ok(who.township, 'visits.escalateNeed', { needId: needs[1].id, reason: '县里的事' });
  w.ctx.clock.advance(40 * DAY);
  await runVisitTimers(w.ctx.store, w.ctx.clock.now());
  const top = await w.api.ok<{ items: NeedOut[] }>(who.committee, 'visits.needs', { level: 'county' });
  expect(top.items.map((x) => [x.id, x.level, x.state])).toEqual([[needs[1].id, 'county', 'overdue']]);
});

test('the weekly review tells the committee how many needs are open', async () => {
  const reviews = await w.ctx.store.find<OutboxRecord>(
    'outbox',
    { personId: 'p-taoyuan-0001', kind: 'NeedsReview' },
    { limit: 10 },
  );
  expect(reviews.length).toBeGreaterThan(0);
  expect(reviews[reviews.length - 1].text).toMatch(/还有\d+条/);
});

describe('visits.needToMatter', () => {
  test('one tap raises a matter through the matters module, and the need keeps its id', async () => {
    const id = needs[2].id;
    const r = await w.api.ok<{ matterId: string; need: NeedOut }>(who.party, 'visits.needToMatter', { needId: id });
    expect(r.need.matterId).toBe(r.matterId);
    expect(r.need.history.map((h) => h.kind)).toContain('toMatter');
    const m = await w.api.ok<{ title: string; state: string; description: string; groupId: string | null }>(
      who.committee,
      'matters.get',
      { matterId: r.matterId },
    );
    expect(m).toMatchObject({ state: 'raised', groupId: 'taoyuan-g3' });
    expect(m.title).toContain('想办慢性病卡');
    expect(m.description).toContain(id);
    // A second tap gives the same matter, raises nothing.
    const count = await w.ctx.store.count('matters', {});
    const again = await w.api.ok<{ matterId: string }>(who.committee, 'visits.needToMatter', { needId: id });
    expect(again.matterId).toBe(r.matterId);
    expect(await w.ctx.store.count('matters', {})).toBe(count);
  });

  test('a tap while another is raising it waits (CONFLICT); closed needs and non-villagers cannot', async () => {
    const r = await w.checkIn(who.party, hh(9), { needs: [{ category: 'other', text: '想修村口的桥' }] });
    const id = r.visit.needs[0].id;
    await w.ctx.store.update<NeedRecord>('visitNeeds', id, {
      matterClaim: { token: 't', until: w.ctx.clock.now() + 10_000 },
    });
    expect(await w.api.code(who.party, 'visits.needToMatter', { needId: id })).toBe('CONFLICT');
    await w.ctx.store.update<NeedRecord>('visitNeeds', id, { matterClaim: null });
    expect(await w.api.code(who.township, 'visits.needToMatter', { needId: id })).toBe('FORBIDDEN');
    expect(await w.api.code(who.party, 'visits.needToMatter', { needId: needs[3].id })).toBe('NEED_CLOSED');
    expect(await w.api.code(who.shiqiaoCommittee, 'visits.needToMatter', { needId: id })).toBe('FORBIDDEN');
    expect(await w.api.code(who.party, 'visits.needToMatter', { needId: 'vi_nothing-1' })).toBe('NOT_FOUND');
  });
});
