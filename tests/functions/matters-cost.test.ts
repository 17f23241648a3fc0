import { FUNCTION_ROUTES } from '../../cloudfunctions/registry';
import { threadKey, timeKey } from '../../cloudfunctions/matters/ids';
import type { CommentRecord, StoredMatter } from '../../cloudfunctions/matters/records';
import { dispatch } from '../../cloudfunctions/shared/handler';
import { countingStore, emptyCounts, type OpCounts } from '../../cloudfunctions/shared/store/port';
import { raisedMatter } from '../../core/matter/record';
import { stageOf } from '../../core/matter/states';
import { mattersWorld, who, type MattersWorld } from '../helpers/matters';

/**
 * What a page costs, in CloudBase's own currency (reads, writes, documents returned): the list, a
 * matter's page, its comments and its timeline cost the same with 100 matters as with 10,000
 * matters and 200,000 comments, because each is one indexed range read a page deep.
 */
jest.setTimeout(180_000);

let w: MattersWorld;
let target: string;
beforeAll(async () => {
  w = await mattersWorld();
  const m = await w.raise(who.villager1, { title: '要看的那件事' });
  target = m.id;
  // More than a page of comments already, so both sizes read a full page.
  for (let i = 0; i < 60; i += 1) {
    await w.api.ok(who.villager2, 'matters.comment', { matterId: target, stance: 'for', text: `留言${i}` });
  }
  for (let i = 0; i < 99; i += 1) await w.raise(who.villager2, { title: `别的事情${i}` });
  // Past their screening deadline, so the township's overdue list is a full page at both sizes.
  w.ctx.clock.advance(9 * 86_400_000);
});
afterAll(() => w.cleanup());

async function cost(action: string, payload: Record<string, unknown>): Promise<{ counts: OpCounts; ms: number }> {
  const counts = emptyCounts();
  const { store } = countingStore(w.ctx.store, counts);
  const started = performance.now();
  const res = await dispatch(
    FUNCTION_ROUTES.matters,
    { action, ...payload },
    { store, clock: w.ctx.clock, identity: who.villager1 },
  );
  if (!res.ok) throw new Error(`${action}: ${res.error.code}`);
  return { counts, ms: performance.now() - started };
}

const PAGES: Array<[string, () => Record<string, unknown>]> = [
  ['matters.list', () => ({})],
  ['matters.list', () => ({ stage: 'raise' })],
  ['matters.list', () => ({ overdue: true })],
  ['matters.get', () => ({ matterId: target })],
  ['matters.comments', () => ({ matterId: target })],
  ['matters.timeline', () => ({ matterId: target })],
];

/** Many old matters and comments, written straight to the store as the service would have. */
async function pileUp(matters: number, comments: number): Promise<void> {
  const now = w.ctx.clock.now() - 400 * 86_400_000;
  await w.ctx.store.transaction(async (tx) => {
    for (let i = 0; i < matters; i += 1) {
      const id = `m_old${String(i).padStart(20, '0')}`;
      const at = now + i;
      const base = raisedMatter({
        id,
        villageId: 'vil-taoyuan',
        authorId: 'p-taoyuan-0001',
        title: `旧事${i}`,
        description: '',
        category: 'general',
        groupId: null,
        photos: [],
        now: at,
      });
      const state = i % 3 === 0 ? 'closed' : 'raised';
      await tx.insert<StoredMatter>('matters', {
        ...base,
        state,
        stage: stageOf(state),
        activityKey: timeKey(at, id),
        authorName: '旧',
        commentCount: 0,
        stanceFor: 0,
        stanceAgainst: 0,
        stanceNeutral: 0,
        rated1: 0,
        rated2: 0,
        rated3: 0,
        rated4: 0,
        rated5: 0,
        ownerName: null,
        eventSeq: 0,
        voteOpening: null,
      });
    }
    for (let i = 0; i < comments; i += 1) {
      // Half of them on the very matter whose page is read, the rest spread over the old ones.
      const matterId = i % 2 === 0 ? target : `m_old${String(i % matters).padStart(20, '0')}`;
      const id = `c_${String(i).padStart(24, '0')}`;
      const at = now + i;
      await tx.insert<CommentRecord>('comments', {
        _id: id,
        villageId: 'vil-taoyuan',
        matterId,
        parentId: null,
        depth: 0,
        authorId: 'p-taoyuan-0002',
        authorName: '旧',
        stance: 'neutral',
        text: '旧留言',
        hidden: false,
        hiddenReason: null,
        hiddenAt: null,
        createdAt: at,
        threadKey: threadKey(null, at, id),
        reportCount: 0,
      });
    }
  });
}

test('list, page, comments and timeline cost the same at 100 matters and at 10,000 with 200,000 comments', async () => {
  const small = [];
  for (const [action, payload] of PAGES) small.push(await cost(action, payload()));
  await pileUp(10_000, 200_000);
  const large = [];
  for (const [action, payload] of PAGES) large.push(await cost(action, payload()));
  for (let i = 0; i < PAGES.length; i += 1) {
    expect([PAGES[i][0], large[i].counts]).toEqual([PAGES[i][0], small[i].counts]);
    // Time is noisy; an unindexed scan of 200,000 rows is not (it takes hundreds of ms here).
    expect([PAGES[i][0], large[i].ms < 60]).toEqual([PAGES[i][0], true]);
  }
  // A page is a page: a list of 20 returns 21 documents at most (the extra one says "more").
  expect(large[0].counts.docsReturned).toBeLessThanOrEqual(21 + 3);
});
