import { newNoticeId } from '../../cloudfunctions/board/ids';
import { blankNotice, writeRevision } from '../../cloudfunctions/board/publish';
import { FUNCTION_ROUTES } from '../../cloudfunctions/registry';
import { dispatch } from '../../cloudfunctions/shared/handler';
import { resolveCaller, type Identity } from '../../cloudfunctions/shared/identity';
import { countingStore, emptyCounts, type OpCounts } from '../../cloudfunctions/shared/store/port';
import { boardWorld, who, type BoardWorld } from '../helpers/board';

/**
 * What the board's pages cost, in CloudBase's own currency (reads, writes, documents returned): a
 * page of the list, a notice with its revisions and its questions cost the same with a handful of
 * notices as with 5,000, because each is one indexed range read a page deep.
 */
jest.setTimeout(120_000);

let w: BoardWorld;
let target = '';
beforeAll(async () => {
  w = await boardWorld();
  target = (await w.publish('要看的那条公告', '第一版')).notice.id;
  for (let i = 2; i <= 4; i += 1) {
    await w.api.ok(who.committee, 'board.correct', { noticeId: target, body: `第${i}版`, reason: `第${i}次更正` });
  }
  await w.api.ok(who.villager2, 'board.ask', { noticeId: target, text: '这是第几版了？' });
  // More than a page of each list already (30 of them public), so both sizes read a full page.
  for (let i = 0; i < 40; i += 1)
    await w.publish(`别的公告${i}`, `内容${i}`, { visibility: i % 4 === 0 ? 'village' : 'public' });
  // The first read of the page is counted (a write); the ones measured are the steady state.
  await w.api.ok(who.villager1, 'board.get', { noticeId: target });
});
afterAll(() => w.cleanup());

async function cost(action: string, payload: Record<string, unknown>, identity: Identity | null) {
  const counts: OpCounts = emptyCounts();
  const { store } = countingStore(w.ctx.store, counts);
  const stopRecording = w.ctx.store.recordPlans();
  const res = await dispatch(FUNCTION_ROUTES.board, { action, ...payload }, { store, clock: w.ctx.clock, identity });
  if (!res.ok) throw new Error(`${action}: ${res.error.code}`);
  return { counts, plans: stopRecording() };
}

const PAGES: Array<[string, () => Record<string, unknown>, Identity | null]> = [
  ['board.list', () => ({}), who.villager1],
  ['board.list', () => ({ kind: 'general' }), who.villager1],
  ['board.list', () => ({ villageId: 'vil-taoyuan' }), null],
  ['board.get', () => ({ noticeId: target }), who.villager1],
  ['board.inquiries', () => ({ noticeId: target }), who.villager1],
  ['board.revision', () => ({ noticeId: target, n: 4 }), who.villager1],
];

async function pileUp(count: number): Promise<void> {
  const author = await resolveCaller(w.ctx.store, who.committee);
  if (!author) throw new Error('no committee');
  const start = w.ctx.clock.now() - 10 * 365 * 86_400_000;
  for (let done = 0; done < count; done += 1000) {
    await w.ctx.store.transaction(async (tx) => {
      for (let i = done; i < Math.min(count, done + 1000); i += 1) {
        const at = start + i * 3_600_000;
        const content = {
          kind: 'general' as const,
          title: `旧公告${i}`,
          body: `旧内容${i}`,
          table: null,
          facts: null,
          link: null,
        };
        const shell = blankNotice(
          {
            id: newNoticeId(),
            villageId: 'vil-taoyuan',
            source: 'manual',
            sourceId: null,
            period: null,
            visibility: i % 3 === 0 ? 'public' : 'village',
            pinned: false,
            content,
          },
          author,
          at,
        );
        await writeRevision(tx, shell, 'publish', content, author, at, null);
      }
    });
  }
}

test('list, notice, questions and a revision cost the same at 41 notices and at 5,000', async () => {
  const small = [];
  for (const [action, payload, as] of PAGES) small.push(await cost(action, payload(), as));
  await pileUp(5_000);
  const large = [];
  for (const [action, payload, as] of PAGES) large.push(await cost(action, payload(), as));
  for (let i = 0; i < PAGES.length; i += 1) {
    expect([PAGES[i][0], large[i].counts]).toEqual([PAGES[i][0], small[i].counts]);
    // Time is noisy; SQLite's plan is not. Every read is an indexed range (SEARCH ... USING INDEX)
    // in the index's own order: no scan, no sort of the history, and the same plan at both sizes.
    expect([PAGES[i][0], large[i].plans]).toEqual([PAGES[i][0], small[i].plans]);
    expect(large[i].plans.filter((p) => p.startsWith('SCAN') || p.includes('TEMP B-TREE'))).toEqual([]);
    expect(large[i].plans.length).toBeGreaterThan(0);
  }
  // A page is a page: 20 notices and the one that says "more".
  expect(large[0].counts.docsReturned).toBeLessThanOrEqual(21 + 3);
});
