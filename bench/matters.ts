import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredMatter } from '../cloudfunctions/matters/records';
import { FUNCTION_ROUTES } from '../cloudfunctions/registry';
import { fixedClock } from '../cloudfunctions/shared/clock';
import { dispatch } from '../cloudfunctions/shared/handler';
import type { Identity } from '../cloudfunctions/shared/identity';
import { openEmbeddedStore, type EmbeddedStore } from '../cloudfunctions/shared/store/embedded';
import { countingStore, emptyCounts, type OpCounts } from '../cloudfunctions/shared/store/port';
import { seedDemo } from '../scripts/seed-demo';
import { pileUp } from './matters-history';
import { dirMB, quiesce, timed } from './measure';

/**
 * bench/matters: the five-citizen method's reads in one village, at 100 matters and again at
 * 10,000 matters with 200,000 comments (half of them on the matter whose page is read), on the
 * embedded store on disk, through the same dispatch, identity and policy the functions run:
 * - matters.list, first page; filtered by stage (民提), by group, and 已结束;
 * - matters.get (the matter's page), matters.comments (first page), matters.timeline.
 * Each must cost the same at both sizes: the 10,000/100 ratio of p50 should stay near 1, and the
 * store operations per call (what CloudBase bills) must be equal. The ceiling is the raw store's
 * own indexed read of one list page (21 matters), no dispatch, measured in the same run on the same
 * file. The 100 matters are made through the services; the history behind them is written
 * straight to the store (bench/matters-history.ts), with the records the services write.
 *
 * BENCH_MATTERS_SCALE: the fraction of the history (default 1: 10,000 matters, 200,000 comments;
 * under a minute on this 2-core machine). BENCH_ITERATIONS: timed calls per query (default 1000).
 */
const SCALE = Number(process.env.BENCH_MATTERS_SCALE ?? 1);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000);
const WARMUP = 30;
const LOOP = { warmup: WARMUP, iterations: ITERATIONS };
const SMALL = 100;
const LARGE = Math.max(SMALL * 2, Math.round(10_000 * SCALE));
const COMMENTS = Math.round(200_000 * SCALE);
const VILLAGE = 'vil-taoyuan';
const GROUP = 'taoyuan-g1';
const T0 = Date.UTC(2026, 10, 23, 0, 0, 0);
const DAY = 86_400_000;

const local = (accountId: string): Identity => ({ kind: 'local', accountId });
const villager1 = local('demo-taoyuan-villager1');
const villager2 = local('demo-taoyuan-villager2');
const committee = local('demo-taoyuan-committee');

type Clock = ReturnType<typeof fixedClock>;

async function call(
  store: EmbeddedStore,
  clock: Clock,
  identity: Identity,
  action: string,
  payload: Record<string, unknown>,
  counts?: OpCounts,
): Promise<Record<string, unknown>> {
  const s = counts ? countingStore(store, counts).store : store;
  const res = await dispatch(FUNCTION_ROUTES.matters, { action, ...payload }, { store: s, clock, identity });
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data as Record<string, unknown>;
}

/** The 100 matters of a young village, through the services: one read often, with 60 comments. */
async function young(store: EmbeddedStore, clock: Clock): Promise<string> {
  const target = await call(store, clock, villager1, 'matters.raise', {
    title: '村口的路灯坏了要修',
    category: 'general',
    groupId: GROUP,
  });
  const id = target.id as string;
  await call(store, clock, committee, 'matters.screen', { matterId: id, decision: 'accept' });
  for (let i = 0; i < 60; i += 1) {
    clock.advance(60_000);
    await call(store, clock, villager2, 'matters.comment', {
      matterId: id,
      stance: i % 3 === 0 ? 'against' : 'for',
      text: `第${i}条留言：路灯早该修了`,
    });
  }
  // Half of the others in one group, a quarter withdrawn: every filter finds a full page.
  for (let i = 0; i < SMALL - 1; i += 1) {
    clock.advance(60_000);
    const m = await call(store, clock, villager2, 'matters.raise', {
      title: `别的事情第${i}件`,
      category: 'general',
      ...(i % 2 === 0 ? { groupId: GROUP } : {}),
    });
    if (i % 4 === 1) await call(store, clock, villager2, 'matters.withdraw', { matterId: m.id as string });
  }
  return id;
}

const QUERIES = (target: string): Array<[string, string, Record<string, unknown>]> => [
  ['listFirstPage', 'matters.list', { limit: 20 }],
  ['listByStage', 'matters.list', { stage: 'raise', limit: 20 }],
  ['listByGroup', 'matters.list', { groupId: GROUP, limit: 20 }],
  ['listEnded', 'matters.list', { ended: true, limit: 20 }],
  ['get', 'matters.get', { matterId: target }],
  ['commentsFirstPage', 'matters.comments', { matterId: target }],
  ['timeline', 'matters.timeline', { matterId: target }],
];

interface Reading {
  readonly matters: number;
  readonly comments: number;
  readonly commentsOnTarget: number;
  readonly ms: Record<string, { p50: number; p95: number }>;
  readonly ops: Record<string, OpCounts>;
  readonly returned: Record<string, number>;
  readonly ceilingMs: { p50: number; p95: number };
}

async function measure(store: EmbeddedStore, clock: Clock, target: string): Promise<Reading> {
  const ms: Reading['ms'] = {};
  const ops: Reading['ops'] = {};
  const returned: Reading['returned'] = {};
  for (const [name, action, payload] of QUERIES(target)) {
    const counts = emptyCounts();
    const data = await call(store, clock, villager1, action, payload, counts);
    ops[name] = counts;
    returned[name] = Array.isArray(data.items) ? data.items.length : 1;
    ms[name] = await timed(() => call(store, clock, villager1, action, payload), LOOP);
  }
  const ceilingMs = await timed(
    () => store.find<StoredMatter>('matters', { villageId: VILLAGE }, { sort: [['activityKey', 'desc']], limit: 21 }),
    LOOP,
  );
  return {
    matters: await store.count('matters', { villageId: VILLAGE }),
    comments: await store.count('comments', { villageId: VILLAGE }),
    commentsOnTarget: await store.count('comments', { matterId: target }),
    ms,
    ops,
    returned,
    ceilingMs,
  };
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

async function main(): Promise<void> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'xz-bench-matters-'));
  let store = openEmbeddedStore({ dir, durability: 'normal' });
  await store.ensureSchema();
  await seedDemo(store, T0);
  const clock = fixedClock(T0);
  const target = await young(store, clock);
  // Both readings on a store reopened the way the gateway opens it (fsync on every commit).
  await store.close();
  quiesce(dir);
  store = openEmbeddedStore({ dir, durability: 'full' });
  const small = await measure(store, clock, target);
  await store.close();

  store = openEmbeddedStore({ dir, durability: 'normal' });
  const loadT0 = performance.now();
  await pileUp(store, {
    villageId: VILLAGE,
    authorId: 'p-taoyuan-0001',
    commenterId: 'p-taoyuan-0002',
    target,
    targetShare: 0.5,
    matters: LARGE - SMALL,
    comments: COMMENTS,
    groupIds: [null, GROUP, 'taoyuan-g2'],
    startAt: T0 - 3 * 365 * DAY,
  });
  const loadSeconds = (performance.now() - loadT0) / 1000;
  await store.close();
  quiesce(dir);
  store = openEmbeddedStore({ dir, durability: 'full' });
  const large = await measure(store, clock, target);
  await store.close();
  const storeMB = dirMB(dir);
  rmSync(dir, { recursive: true, force: true });

  const names = QUERIES(target).map(([n]) => n);
  const ratios = Object.fromEntries(
    names.map((n) => [
      n,
      { p50: ratio(large.ms[n].p50, small.ms[n].p50), p95: ratio(large.ms[n].p95, small.ms[n].p95) },
    ]),
  );
  const sameOps = names.filter((n) => JSON.stringify(small.ops[n]) !== JSON.stringify(large.ops[n]));
  const target1 = 1.5;
  console.log(
    JSON.stringify(
      {
        bench: 'matters',
        scale: {
          fraction: SCALE,
          why:
            SCALE >= 1
              ? 'in full: 10,000 matters and 200,000 comments in one village'
              : `${SCALE} of the history; BENCH_MATTERS_SCALE=1 (the default) runs it in full`,
        },
        iterations: ITERATIONS,
        history: {
          matters: large.matters,
          comments: large.comments,
          commentsOnReadMatter: large.commentsOnTarget,
          loadSeconds: Number(loadSeconds.toFixed(1)),
          storeMB,
        },
        atSmall: { matters: small.matters, comments: small.comments, ms: small.ms, ceilingMs: small.ceilingMs },
        atLarge: { matters: large.matters, comments: large.comments, ms: large.ms, ceilingMs: large.ceilingMs },
        ratioLargeToSmall: {
          ...ratios,
          ceiling: {
            p50: ratio(large.ceilingMs.p50, small.ceilingMs.p50),
            p95: ratio(large.ceilingMs.p95, small.ceilingMs.p95),
          },
        },
        toCeilingAtLarge: {
          name: 'raw embedded-store indexed read of one list page (21 matters), no dispatch/identity/policy, same run and file',
          ...Object.fromEntries(names.map((n) => [n, ratio(large.ms[n].p50, large.ceilingMs.p50)])),
        },
        storeOpsPerCall: large.ops,
        itemsReturned: { atSmall: small.returned, atLarge: large.returned },
        sameStoreOpsAtBothSizes: sameOps.length === 0,
        storeOpsDiffer: sameOps,
        target: { ratioP50Below: target1 },
        meetsTarget: sameOps.length === 0 && names.every((n) => ratios[n].p50 < target1),
        totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
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
