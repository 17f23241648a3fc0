import type { OutputOf } from '../../core/action';
import type { HouseholdRecord, VillageRecord } from '../../core/records';
import type { generate } from '../../core/visits/actions';
import { generationMarkerId, taskIdOf } from '../../core/visits/ids';
import { monthKeyAt, periodOf } from '../../core/visits/periods';
import type { ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import type { Store } from '../shared/store/port';
import { loadSettings } from './load';
import type { GenerationMarker, VisitTaskRecord } from './records';
import { countTask, findAll, StatsWriter } from './stats';
import { householdPeriod, memberOf, newTask, syncHousehold } from './tasks';

/**
 * Generating visit tasks: for every household of a village, the task of the period (its cadence's)
 * that holds `now`. Idempotent by construction: a task's id is (household, period), and a task
 * that exists is left alone, so running twice, or beside the timer, makes the same tasks.
 * Households are written a batch per transaction: each batch's tasks and counters land together.
 */
const BATCH = 100;

export interface Generated {
  readonly created: number;
  readonly existing: number;
  readonly periods: string[];
}

export async function generateVillage(store: Store, village: VillageRecord, now: number): Promise<Generated> {
  const settings = await loadSettings(store, village._id);
  const households = await findAll<HouseholdRecord>(store, 'households', { villageId: village._id });
  let created = 0;
  let existing = 0;
  const periods = new Set<string>();
  for (let i = 0; i < households.length; i += BATCH) {
    const batch = households.slice(i, i + BATCH);
    const r = await store.transaction(async (tx) => {
      const w = new StatsWriter();
      let c = 0;
      let e = 0;
      const keys: string[] = [];
      for (const h of batch) {
        const vh = await syncHousehold(tx, w, h, village.townshipId);
        const period = householdPeriod(vh.tags, settings, now);
        keys.push(period.key);
        if (await tx.get<VisitTaskRecord>('visitTasks', taskIdOf(h._id, period.key))) {
          e += 1;
          continue;
        }
        const task = newTask(vh, period, memberOf(vh), settings, now);
        await tx.insert<VisitTaskRecord>('visitTasks', task);
        countTask(w, task, { tasks: 1 });
        c += 1;
      }
      await w.flush(tx);
      return { c, e, keys };
    });
    created += r.c;
    existing += r.e;
    for (const k of r.keys) periods.add(k);
  }
  return { created, existing, periods: [...periods].sort() };
}

/** The committee (or township staff) runs generation by hand for one village. */
export async function generateFor(ctx: ActionContext<typeof generate>): Promise<OutputOf<typeof generate>> {
  const village = await targetVillage(ctx, ctx.input.villageId);
  const r = await generateVillage(ctx.store, village, ctx.clock.now());
  return { villageId: village._id, ...r };
}

/** Which periods a run at `now` is for: the month's and the ISO week's (either changing means work). */
export function generationKey(now: number): string {
  return `${monthKeyAt(now)}_${periodOf('week', now).key}`;
}

export interface GenerationReport {
  readonly villages: number;
  readonly created: number;
  /** False when the time budget ran out: the next run carries on where this one stopped. */
  readonly complete: boolean;
}

/**
 * The timer's generation: skipped in one read once every village is done for the current periods.
 * Otherwise each village not yet done is generated and marked, until `budgetEnd` (wall clock): at
 * 麻城's scale a run may not finish everything, and the next minute's run carries on.
 * `afterVillage` runs once per village per new period (the weekly review of open needs).
 */
export async function generateDue(
  store: Store,
  now: number,
  budgetEnd: number,
  afterVillage: (village: VillageRecord) => Promise<void> = async () => undefined,
): Promise<GenerationReport> {
  const key = generationKey(now);
  const allId = generationMarkerId('all', key);
  if (await store.get<GenerationMarker>('visitGenerations', allId)) return { villages: 0, created: 0, complete: true };
  let villages = 0;
  let created = 0;
  for (const village of await findAll<VillageRecord>(store, 'villages', {})) {
    const markerId = generationMarkerId(village._id, key);
    if (await store.get<GenerationMarker>('visitGenerations', markerId)) continue;
    if (Date.now() > budgetEnd) return { villages, created, complete: false };
    const r = await generateVillage(store, village, now);
    await afterVillage(village);
    await store.set<GenerationMarker>('visitGenerations', { _id: markerId, at: now, created: r.created });
    villages += 1;
    created += r.created;
  }
  await store.set<GenerationMarker>('visitGenerations', { _id: allId, at: now, created });
  return { villages, created, complete: true };
}
