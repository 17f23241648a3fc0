import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTION_ROUTES } from '../cloudfunctions/registry';
import { fixedClock } from '../cloudfunctions/shared/clock';
import { dispatch } from '../cloudfunctions/shared/handler';
import type { Identity } from '../cloudfunctions/shared/identity';
import { openEmbeddedStore, type EmbeddedStore } from '../cloudfunctions/shared/store/embedded';
import {
  countingStore,
  emptyCounts,
  type DocOps,
  type OpCounts,
  type Store,
} from '../cloudfunctions/shared/store/port';
import { generateDue } from '../cloudfunctions/visits/generate';
import { listKeyOf, visitIdOf } from '../cloudfunctions/visits/ids';
import {
  STANDING_FIELDS,
  type NeedRecord,
  type VisitHouseholdRecord,
  type VisitMemberRecord,
  type VisitRecord,
} from '../cloudfunctions/visits/records';
import { countTask, gridStandingBase, StatsWriter } from '../cloudfunctions/visits/stats';
import { newTask } from '../cloudfunctions/visits/tasks';
import type {
  AccountRecord,
  BindingRecord,
  HouseholdRecord,
  PersonRecord,
  TownshipRecord,
  VillageRecord,
} from '../core/records';
import { needIdOf } from '../core/visits/ids';
import { needDeadline } from '../core/visits/needs';
import { addMonths, monthsInView, periodsStartingIn, type MonthKey } from '../core/visits/periods';
import { DEFAULT_VISIT_SETTINGS } from '../core/visits/settings';
import { quiesce, dirMB } from './measure';

/**
 * bench/visits: 党员联系户 at 麻城's scale, or a fraction of it. Prints JSON.
 *
 * 麻城: 113,522 households and 22,042 party members (the issue's figures), modelled here as 19
 * townships and 464 villages of equal size, six grids a village, a quarter of households weekly
 * (独居 / 留守老人), 90% of tasks visited in their period, one visit in ten with a need.
 *
 * Twelve months of history are written straight into the store in one transaction per village and
 * month, with the very records and counters the services write (newTask, countTask, the visit and
 * need shapes): the services themselves would take hours to make 2.5 million visits one by one.
 * What is measured goes through the real dispatch, identity and policy: the member's list
 * (visits.myTasks) and the township dashboard, at one month of history and again at twelve, real
 * check-ins on a store that fsyncs every commit, and the store operations each costs, counted by
 * countingStore. The ceiling is the raw store's own indexed find for the same documents, measured in
 * the same run on the same file.
 *
 * BENCH_VISITS_SCALE: the fraction of 麻城 (default 0.5; 1 for the full county). The default is the
 * largest fraction that ends within ~5 minutes on this 2-core machine: twelve months are ~45
 * documents a household and the loader writes ~12,000 a second, so 麻城 in full (5.3 million
 * documents, 4.5 GB) takes 6–8 minutes here, 0.5 about three.
 */
const FULL = { households: 113_522, members: 22_042, villages: 464, townships: 19 } as const;
const DEFAULT_SCALE = 0.5;
const SCALE = Number(process.env.BENCH_VISITS_SCALE ?? DEFAULT_SCALE);
const GRIDS = 6;
const WEEKLY_SHARE = 0.25;
const VISITED_SHARE = 0.9;
const NEED_SHARE = 0.1;
const SAMPLES = Number(process.env.BENCH_VISITS_SAMPLES ?? 200);
const YEAR = 2026;
const bj = (iso: string): number => Date.parse(`${iso}+08:00`);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(7);

function spread(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

interface PlanHousehold {
  readonly vh: VisitHouseholdRecord;
  readonly member: { id: string; name: string };
}
interface PlanVillage {
  readonly village: VillageRecord;
  readonly households: PlanHousehold[];
  readonly memberAccounts: string[];
}

/** The county: townships, villages, households, party members with accounts, and who looks after whom. */
async function loadCounty(store: Store): Promise<{ villages: PlanVillage[]; staff: string[]; townships: string[] }> {
  const townships = Math.max(1, Math.round(FULL.townships * SCALE));
  const villageCount = Math.max(townships, Math.round(FULL.villages * SCALE));
  const households = Math.round(FULL.households * SCALE);
  const members = Math.round(FULL.members * SCALE);
  const plan: PlanVillage[] = [];
  const staff: string[] = [];
  const townshipIds: string[] = [];
  let batch: Array<[string, { _id: string }]> = [];
  const flush = async () => {
    const docs = batch;
    batch = [];
    await store.transaction(async (tx) => {
      for (const [c, d] of docs) await tx.insert(c, d);
    });
  };
  const put = async <T extends { _id: string }>(c: string, d: T) => {
    batch.push([c, d]);
    if (batch.length >= 5000) await flush();
  };
  for (let t = 0; t < townships; t += 1) {
    const id = `tw-b${t}`;
    townshipIds.push(id);
    await put('townships', { _id: id, name: `乡镇${t}` } satisfies TownshipRecord);
    const staffAccount: AccountRecord = {
      _id: `staff-${t}`,
      name: `乡镇干部${t}`,
      personId: null,
      villageId: null,
      townshipId: id,
      roles: ['townshipStaff'],
      prefs: { elderMode: null },
      createdAt: 0,
    };
    await put('accounts', staffAccount);
    staff.push(staffAccount._id);
  }
  for (let v = 0; v < villageCount; v += 1) {
    const vid = `v${v}`;
    const townshipId = `tw-b${v % townships}`;
    const hCount = spread(households, villageCount, v);
    const mCount = Math.max(GRIDS, spread(members, villageCount, v));
    const village: VillageRecord = {
      _id: vid,
      townshipId,
      name: `村${v}`,
      groups: Array.from({ length: GRIDS }, (_, g) => ({ id: `${vid}-g${g}`, name: `${g + 1}组` })),
      householdCount: hCount,
      residentCount: hCount * 3,
    };
    await put('villages', village);
    const memberIds = Array.from({ length: mCount }, (_, i) => `${vid}-p${i}`);
    const accounts: string[] = [];
    const planned: PlanHousehold[] = [];
    const perMember = new Map<string, number>();
    for (let i = 0; i < hCount; i += 1) {
      const g = i % GRIDS;
      const h: HouseholdRecord = {
        _id: `${vid}-h${i}`,
        villageId: vid,
        code: `${v}-${g + 1}-${i}`,
        groupId: `${vid}-g${g}`,
        tags: rnd() < WEEKLY_SHARE ? ['留守老人'] : [],
        memberCount: 3,
      };
      await put('households', h);
      // Members work in one grid: member i in grid i % 6, households of a grid shared among its members.
      const inGrid = memberIds.filter((_, m) => m % GRIDS === g);
      const memberId = inGrid[Math.floor(i / GRIDS) % inGrid.length];
      perMember.set(memberId, (perMember.get(memberId) ?? 0) + 1);
      const vh: VisitHouseholdRecord = {
        _id: h._id,
        villageId: vid,
        townshipId,
        groupId: h.groupId,
        code: h.code,
        tags: h.tags,
        memberId,
        memberName: `党员${memberId}`,
        since: bj(`${YEAR - 1}-12-01T00:00:00`),
        assignmentSeq: 1,
        lastVisitAt: null,
        visitCount: 0,
      };
      await put('visitHouseholds', vh);
      planned.push({ vh, member: { id: memberId, name: vh.memberName ?? '' } });
    }
    for (const [i, personId] of memberIds.entries()) {
      const householdId = `${vid}-h${i % hCount}`;
      await put('persons', {
        _id: personId,
        villageId: vid,
        householdId,
        name: `党员${personId}`,
        gender: 'm',
        birthYear: 1970,
        isHouseholdRep: false,
      } satisfies PersonRecord);
      const accountId = `a-${personId}`;
      await put('accounts', {
        _id: accountId,
        name: `党员${personId}`,
        personId,
        villageId: vid,
        townshipId,
        roles: ['villager', 'partyMember'],
        prefs: { elderMode: null },
        createdAt: 0,
      } satisfies AccountRecord);
      await put('bindings', { _id: personId, accountId, villageId: vid, boundAt: 0 } satisfies BindingRecord);
      await put('visitMembers', {
        _id: personId,
        villageId: vid,
        townshipId,
        name: `党员${personId}`,
        householdCount: perMember.get(personId) ?? 0,
      } satisfies VisitMemberRecord);
      accounts.push(accountId);
    }
    plan.push({ village, households: planned, memberAccounts: accounts });
  }
  await flush();
  // The grids' standing counters, as assignments would have left them.
  for (const p of plan) {
    await store.transaction(async (tx) => {
      const w = new StatsWriter();
      for (const h of p.households) {
        w.add(gridStandingBase(h.vh), { [STANDING_FIELDS.households]: 1, [STANDING_FIELDS.assigned]: 1 });
      }
      await w.flush(tx);
    });
  }
  return { villages: plan, staff, townships: townshipIds };
}

let clientSeq = 0;
const totals = { tasks: 0, visits: 0, needs: 0 };

/**
 * One village's month, as the timer, the members' check-ins and the committee would have left it:
 * the tasks of the periods starting in [from, to), a visit inside 90% of them (if it happened
 * before `to`), a need on one visit in ten (60% of them closed out since), every counter.
 */
async function loadVillageMonth(tx: DocOps, p: PlanVillage, month: MonthKey, from: number, to: number): Promise<void> {
  const w = new StatsWriter();
  const settings = DEFAULT_VISIT_SETTINGS;
  for (const h of p.households) {
    const kind = h.vh.tags.length > 0 ? 'week' : 'month';
    for (const period of periodsStartingIn(kind, month)) {
      if (period.startAt < from || period.startAt >= to) continue;
      const base = newTask(h.vh, period, h.member, settings, period.startAt);
      const at = period.startAt + Math.floor(rnd() * (period.dueAt - period.startAt - 3_600_000));
      const visited = rnd() < VISITED_SHARE && at < to;
      if (!visited) {
        await tx.insert('visitTasks', base);
        countTask(w, base, { tasks: 1 });
        totals.tasks += 1;
        continue;
      }
      clientSeq += 1;
      const visitId = visitIdOf(h.member.id, `bench-${clientSeq}`);
      const needs: NeedRecord[] = [];
      if (rnd() < NEED_SHARE) {
        const id = needIdOf(visitId, 0);
        const closed = rnd() < 0.6;
        needs.push({
          _id: id,
          villageId: h.vh.villageId,
          townshipId: h.vh.townshipId,
          groupId: h.vh.groupId,
          householdId: h.vh._id,
          householdCode: h.vh.code,
          visitId,
          category: 'other',
          urgency: 'normal',
          text: '想修一下门前的路',
          ownerId: h.member.id,
          ownerName: h.member.name,
          raisedById: h.member.id,
          raisedByName: h.member.name,
          createdAt: at,
          level: 'village',
          levelSince: at,
          deadlineAt: needDeadline('village', 'normal', at, settings.needDays),
          status: closed ? 'closed' : 'open',
          closedAt: closed ? at + 86_400_000 : null,
          closeOut: closed ? { at: at + 86_400_000, byName: h.member.name, text: '已办好', photos: [] } : null,
          matterId: null,
          matterClaim: null,
          history: [{ at, kind: 'raised', level: 'village', byName: h.member.name, text: null }],
          listKey: listKeyOf(at, id),
        });
        w.add(gridStandingBase(h.vh), {
          [STANDING_FIELDS.raised]: 1,
          [closed ? STANDING_FIELDS.closed : STANDING_FIELDS.open.village]: 1,
        });
      }
      const visit: VisitRecord = {
        _id: visitId,
        villageId: h.vh.villageId,
        townshipId: h.vh.townshipId,
        groupId: h.vh.groupId,
        householdId: h.vh._id,
        householdCode: h.vh.code,
        memberId: h.member.id,
        memberName: h.member.name,
        accountId: `a-${h.member.id}`,
        clientId: `bench-${clientSeq}`,
        startedAt: at,
        start: { at, location: { consent: 'refused' }, photos: [] },
        end: { at: at + 900_000, location: null, photos: [] },
        receivedAt: at + 900_000,
        met: [],
        metOthers: '',
        notes: '身体还好，家里没什么困难',
        periodKey: period.key,
        taskId: base._id,
        needIds: needs.map((n) => n._id),
      };
      const task = { ...base, stage: 'done' as const, doneAt: at, visitId };
      await tx.insert('visits', visit);
      for (const n of needs) await tx.insert('visitNeeds', n);
      await tx.insert('visitTasks', task);
      countTask(w, task, { tasks: 1, done: 1, visits: 1 });
      totals.tasks += 1;
      totals.visits += 1;
      totals.needs += needs.length;
    }
  }
  await w.flush(tx);
}

async function loadMonths(
  store: Store,
  villages: PlanVillage[],
  month: MonthKey,
  from: number,
  to: number,
): Promise<void> {
  for (const p of villages) await store.transaction((tx) => loadVillageMonth(tx, p, month, from, to));
}

function pct(sorted: readonly number[], p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}
function summary(ms: number[]): { p50: number; p95: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), n: s.length };
}

async function call(
  store: Store,
  clock: ReturnType<typeof fixedClock>,
  identity: Identity,
  action: string,
  payload: Record<string, unknown> = {},
): Promise<number> {
  const t0 = performance.now();
  const res = await dispatch(FUNCTION_ROUTES.visits, { action, ...payload }, { store, clock, identity });
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return ms;
}

async function costOf(
  store: Store,
  clock: ReturnType<typeof fixedClock>,
  identity: Identity,
  action: string,
  payload: Record<string, unknown> = {},
): Promise<OpCounts> {
  const counts = emptyCounts();
  const res = await dispatch(
    FUNCTION_ROUTES.visits,
    { action, ...payload },
    { store: countingStore(store, counts).store, clock, identity },
  );
  if (!res.ok) throw new Error(`${action}: ${res.error.code}`);
  return counts;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const local = (accountId: string): Identity => ({ kind: 'local', accountId });

interface Reading {
  memberList: ReturnType<typeof summary>;
  townshipDashboard: ReturnType<typeof summary>;
  ceilingMemberFind: ReturnType<typeof summary>;
  ceilingTownshipFind: ReturnType<typeof summary>;
}

/** The member's list and the township dashboard through dispatch, and the raw finds under them. */
async function measure(
  store: Store,
  clock: ReturnType<typeof fixedClock>,
  world: Awaited<ReturnType<typeof loadCounty>>,
): Promise<Reading> {
  const now = clock.now();
  const months = monthsInView(addMonths(`${YEAR}-01`, new Date(now + 8 * 3_600_000).getUTCMonth()), now);
  const members = world.villages.flatMap((v) => v.memberAccounts);
  // Warm the statement cache and the page cache the same way before both readings.
  for (let i = 0; i < 20; i += 1) await call(store, clock, local(pick(members)), 'visits.myTasks');
  for (const s of world.staff) await call(store, clock, local(s), 'visits.townshipBoard');
  const list: number[] = [];
  const board: number[] = [];
  const rawMember: number[] = [];
  const rawTownship: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const account = pick(members);
    list.push(await call(store, clock, local(account), 'visits.myTasks'));
    const personId = account.slice(2);
    let t0 = performance.now();
    await store.find(
      'visitTasks',
      { memberId: personId, month: { $in: months } },
      { sort: [['dueAt', 'asc']], limit: 1000 },
    );
    rawMember.push(performance.now() - t0);
    if (i % 2 === 0) {
      const t = Math.floor(rnd() * world.staff.length);
      board.push(await call(store, clock, local(world.staff[t]), 'visits.townshipBoard'));
      t0 = performance.now();
      await store.find(
        'visitStats',
        { kind: 'gridPeriod', townshipId: world.townships[t], month: { $in: months } },
        { limit: 1000 },
      );
      await store.find('visitStats', { kind: 'grid', townshipId: world.townships[t] }, { limit: 1000 });
      rawTownship.push(performance.now() - t0);
    }
  }
  return {
    memberList: summary(list),
    townshipDashboard: summary(board),
    ceilingMemberFind: summary(rawMember),
    ceilingTownshipFind: summary(rawTownship),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'xz-bench-visits-'));
  let store: EmbeddedStore = openEmbeddedStore({ dir, durability: 'normal' });
  await store.ensureSchema();
  const world = await loadCounty(store);
  const loadT0 = performance.now();

  // One month in: January, and February up to the 20th. (A view of the current month reads last
  // month's counters too, for a week across the month's end: measured where both exist, the two
  // readings read the same number of documents and differ only in the history behind them.)
  await loadMonths(store, world.villages, `${YEAR}-01`, bj(`${YEAR}-01-01T00:00:00`), bj(`${YEAR}-02-01T00:00:00`));
  const at1 = bj(`${YEAR}-02-20T12:00:00`);
  await loadMonths(store, world.villages, `${YEAR}-02`, bj(`${YEAR}-02-01T00:00:00`), at1);
  const clock = fixedClock(at1);
  // Both readings on a store reopened the way the gateway opens it (fsync on every commit, the
  // loader's write-ahead log checkpointed), so they differ only in the history behind them.
  await store.close();
  quiesce(dir);
  store = openEmbeddedStore({ dir, durability: 'full' });
  const oneMonth = await measure(store, clock, world);
  await store.close();
  store = openEmbeddedStore({ dir, durability: 'normal' });
  const tasksAt1 = totals.tasks;

  // Twelve months in: the rest of February, March to November, December up to the 20th.
  await loadMonths(store, world.villages, `${YEAR}-02`, at1, bj(`${YEAR}-03-01T00:00:00`));
  for (let m = 3; m <= 11; m += 1) {
    const month = `${YEAR}-${String(m).padStart(2, '0')}`;
    const next = addMonths(month, 1);
    await loadMonths(store, world.villages, month, bj(`${month}-01T00:00:00`), bj(`${next}-01T00:00:00`));
  }
  const at12 = bj(`${YEAR}-12-20T12:00:00`);
  await loadMonths(store, world.villages, `${YEAR}-12`, bj(`${YEAR}-12-01T00:00:00`), at12);
  const loadSeconds = (performance.now() - loadT0) / 1000;
  clock.set(at12);

  await store.close();
  quiesce(dir);
  store = openEmbeddedStore({ dir, durability: 'full' });
  const twelveMonths = await measure(store, clock, world);

  const member = world.villages[0].memberAccounts[0];
  const staff = world.staff[0];
  const household = world.villages[0].households[0].vh._id;
  const costs = {
    checkInWithOneNeed: await costOf(store, clock, local(member), 'visits.checkIn', {
      clientId: 'bench-cost-0001',
      householdId: household,
      start: { at: at12 - 1_800_000, location: { consent: 'refused' } },
      end: { at: at12 - 600_000 },
      needs: [{ category: 'other', text: '想修门前的路' }],
    }),
    checkInReplayed: await costOf(store, clock, local(member), 'visits.checkIn', {
      clientId: 'bench-cost-0001',
      householdId: household,
      start: { at: at12 - 1_800_000, location: { consent: 'refused' } },
      end: { at: at12 - 600_000 },
      needs: [{ category: 'other', text: '想修门前的路' }],
    }),
    memberList: await costOf(store, clock, local(member), 'visits.myTasks'),
    memberBoard: await costOf(store, clock, local(member), 'visits.memberBoard'),
    gridBoard: await costOf(store, clock, local(staff), 'visits.gridBoard', {
      villageId: world.villages[0].village._id,
      groupId: `${world.villages[0].village._id}-g0`,
    }),
    villageBoard: await costOf(store, clock, local(staff), 'visits.villageBoard', {
      villageId: world.villages[0].village._id,
    }),
    townshipBoard: await costOf(store, clock, local(staff), 'visits.townshipBoard'),
  };

  // Real check-ins, one at a time, fsync on every commit.
  const checkIns: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const v = pick(world.villages);
    const h = pick(v.households);
    checkIns.push(
      await call(store, clock, local(`a-${h.member.id}`), 'visits.checkIn', {
        clientId: `bench-live-${String(i).padStart(4, '0')}`,
        householdId: h.vh._id,
        start: { at: at12 - 3_600_000 },
        end: { at: at12 - 3_000_000 },
        needs: i % 10 === 0 ? [{ category: 'other', text: '想修门前的路' }] : [],
      }),
    );
  }

  // The timer's generation for a new week (21 December), every village, the real code path.
  const genT0 = performance.now();
  const gen = await generateDue(store, bj(`${YEAR}-12-21T00:05:00`), Date.now() + 3_600_000);
  const genSeconds = (performance.now() - genT0) / 1000;
  const households = world.villages.reduce((s, v) => s + v.households.length, 0);
  const villagesPerTownship = Math.round(world.villages.length / world.townships.length);
  const storeMB = dirMB(dir);
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
  console.log(
    JSON.stringify(
      {
        bench: 'visits',
        scale: {
          fraction: SCALE,
          households,
          partyMembers: world.villages.reduce((s, v) => s + v.memberAccounts.length, 0),
          villages: world.villages.length,
          townships: world.townships.length,
          villagesPerTownship,
          why:
            SCALE >= 1
              ? '麻城 in full'
              : `${SCALE} of 麻城${SCALE === DEFAULT_SCALE ? ' (the default)' : ''}: twelve months are ~45 documents a household written at ~12,000/s, so 麻城 in full takes 6–8 minutes on 2 cores and the default must end within ~5; BENCH_VISITS_SCALE=1 runs it in full`,
        },
        history: {
          months: 12,
          tasks: totals.tasks,
          visits: totals.visits,
          needs: totals.needs,
          tasksAtFirstReading: tasksAt1,
          loadSeconds: Number(loadSeconds.toFixed(1)),
          storeMB,
        },
        memberListMs: {
          at1Month: oneMonth.memberList,
          at12Months: twelveMonths.memberList,
          ratio12to1p50: ratio(twelveMonths.memberList.p50, oneMonth.memberList.p50),
        },
        townshipDashboardMs: {
          at1Month: oneMonth.townshipDashboard,
          at12Months: twelveMonths.townshipDashboard,
          ratio12to1p50: ratio(twelveMonths.townshipDashboard.p50, oneMonth.townshipDashboard.p50),
        },
        ceiling: {
          name: 'raw embedded-store indexed find of the same documents, no dispatch/identity/policy, same run and file',
          memberTasksFindMs: { at1Month: oneMonth.ceilingMemberFind, at12Months: twelveMonths.ceilingMemberFind },
          townshipCountersFindMs: {
            at1Month: oneMonth.ceilingTownshipFind,
            at12Months: twelveMonths.ceilingTownshipFind,
          },
        },
        storeOps: costs,
        checkInMs: { durability: 'full', ...summary(checkIns) },
        timerGeneration: {
          forNewWeek: `${YEAR}-W52`,
          households,
          tasksCreated: gen.created,
          seconds: Number(genSeconds.toFixed(1)),
          householdsPerSecond: Math.round(households / genSeconds),
        },
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
