import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newNoticeId } from '../cloudfunctions/board/ids';
import { blankNotice, writeRevision } from '../cloudfunctions/board/publish';
import type { NoticeRecord } from '../cloudfunctions/board/records';
import { FUNCTION_ROUTES } from '../cloudfunctions/registry';
import { fixedClock } from '../cloudfunctions/shared/clock';
import { dispatch } from '../cloudfunctions/shared/handler';
import { resolveCaller, type Identity } from '../cloudfunctions/shared/identity';
import { openEmbeddedStore, type EmbeddedStore } from '../cloudfunctions/shared/store/embedded';
import { countingStore, emptyCounts, type OpCounts } from '../cloudfunctions/shared/store/port';
import { seedDemo } from '../scripts/seed-demo';
import { timed } from './measure';

/**
 * bench/board: the board's two reads, a page of the list and one notice with its revisions, at 50
 * notices and at 5,000 (ten years of a busy village), through the same handler the functions run.
 * The ceiling is the raw store's own indexed find of 20 notices, measured in the same run on the
 * same file. A page must cost the same at both sizes: the 5,000/50 ratio should stay near 1, and
 * the store operations per call (what CloudBase bills) must be equal. Prints JSON.
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const WARMUP = 50;
const LOOP = { warmup: WARMUP, iterations: ITERATIONS };
const durability = process.env.XZ_DURABILITY === 'full' ? 'full' : 'normal';
const VILLAGE = 'vil-taoyuan';
const T0 = Date.UTC(2026, 10, 23, 0, 0, 0);

const committee: Identity = { kind: 'local', accountId: 'demo-taoyuan-committee' };
const villager: Identity = { kind: 'local', accountId: 'demo-taoyuan-villager1' };

async function call(
  store: EmbeddedStore,
  clock: ReturnType<typeof fixedClock>,
  identity: Identity,
  action: string,
  payload: Record<string, unknown>,
  counts?: OpCounts,
): Promise<Record<string, unknown>> {
  const s = counts ? countingStore(store, counts).store : store;
  const res = await dispatch(FUNCTION_ROUTES.board, { action, ...payload }, { store: s, clock, identity });
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data as Record<string, unknown>;
}

/** More notices, as the committee would have published them over the years: each a revision with its audit entry. */
async function fill(store: EmbeddedStore, count: number, startAt: number): Promise<void> {
  const author = await resolveCaller(store, committee);
  if (!author) throw new Error('no committee');
  const BATCH = 500;
  for (let done = 0; done < count; done += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = done; i < Math.min(count, done + BATCH); i += 1) {
        const at = startAt + i * 3_600_000;
        const content = {
          kind: i % 5 === 0 ? ('decision' as const) : ('general' as const),
          title: `第${i}号公告`,
          body: `这是第${i}号公告的内容。\n第二行。\n第三行。`,
          table: null,
          facts: null,
          link: null,
        };
        const shell: NoticeRecord = blankNotice(
          {
            id: newNoticeId(),
            villageId: VILLAGE,
            source: 'manual',
            sourceId: null,
            period: null,
            visibility: i % 7 === 0 ? 'public' : 'village',
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

async function measure(store: EmbeddedStore, clock: ReturnType<typeof fixedClock>, noticeId: string) {
  const listCounts = emptyCounts();
  const getCounts = emptyCounts();
  // The villager's first read is counted (one write pair); every read after it is the steady state.
  await call(store, clock, villager, 'board.get', { noticeId });
  // One call each with counting on, for what CloudBase would bill.
  const page = await call(store, clock, villager, 'board.list', { limit: 20 }, listCounts);
  const one = await call(store, clock, villager, 'board.get', { noticeId }, getCounts);
  const list = await timed(async () => {
    await call(store, clock, villager, 'board.list', { limit: 20 });
  }, LOOP);
  const get = await timed(async () => {
    await call(store, clock, villager, 'board.get', { noticeId });
  }, LOOP);
  const ceiling = await timed(async () => {
    await store.find<NoticeRecord>(
      'notices',
      { villageId: VILLAGE, shelf: 'board' },
      { sort: [['listKey', 'desc']], limit: 20 },
    );
  }, LOOP);
  return {
    notices: await store.count('notices', { villageId: VILLAGE }),
    listMs: list,
    getMs: get,
    ceilingMs: ceiling,
    listOps: listCounts,
    getOps: getCounts,
    listItems: (page.items as unknown[]).length,
    revisionsOfNotice: (one.revisions as unknown[]).length,
  };
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xz-bench-board-'));
  const store = openEmbeddedStore({ dir, durability });
  await store.ensureSchema();
  await seedDemo(store, T0);
  const clock = fixedClock(T0);

  // The notice every read looks at: published, then corrected four times (five revisions).
  const drafted = await call(store, clock, committee, 'board.draft', {
    kind: 'general',
    title: '三季度村务公开',
    body: '一、修了村口的路。\n二、换了三盏路灯。\n三、收了鱼塘承包费。',
  });
  const noticeId = (drafted.notice as { id: string }).id;
  await call(store, clock, committee, 'board.publish', { noticeId });
  for (let i = 1; i <= 4; i += 1) {
    clock.advance(60_000);
    await call(store, clock, committee, 'board.correct', {
      noticeId,
      body: `一、修了村口的路。\n二、换了${3 + i}盏路灯。\n三、收了鱼塘承包费。`,
      reason: `第${i}次更正：路灯数目`,
    });
  }
  await call(store, clock, committee, 'board.arrange', { noticeId, pinned: true });

  const start = T0 - 5_000 * 3_600_000;
  await fill(store, 49, start);
  const small = await measure(store, clock, noticeId);
  await fill(store, 4_950, start + 49 * 3_600_000);
  const large = await measure(store, clock, noticeId);

  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const sameOps = JSON.stringify([small.listOps, small.getOps]) === JSON.stringify([large.listOps, large.getOps]);
  const ratios = {
    listP50: ratio(large.listMs.p50, small.listMs.p50),
    listP95: ratio(large.listMs.p95, small.listMs.p95),
    getP50: ratio(large.getMs.p50, small.getMs.p50),
    getP95: ratio(large.getMs.p95, small.getMs.p95),
    ceilingP50: ratio(large.ceilingMs.p50, small.ceilingMs.p50),
  };
  console.log(
    JSON.stringify(
      {
        bench: 'board',
        durability,
        iterations: ITERATIONS,
        runs: [small, large],
        ratio5000to50: ratios,
        toCeilingAt5000: {
          name: "raw embedded-store indexed find of 20 notices (the list's own query), same run, same file",
          listP50: ratio(large.listMs.p50, large.ceilingMs.p50),
          getP50: ratio(large.getMs.p50, large.ceilingMs.p50),
        },
        sameStoreOpsAtBothSizes: sameOps,
        target: { ratioP50Below: 1.5 },
        meetsTarget: sameOps && ratios.listP50 < 1.5 && ratios.getP50 < 1.5,
      },
      null,
      2,
    ),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
