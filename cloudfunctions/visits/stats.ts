import { gridPeriodStatsId, gridStandingId, memberPeriodStatsId } from '../../core/visits/ids';
import { bucketFields } from '../../core/visits/status';
import type { DocOps, Filter, Store } from '../shared/store/port';
import type { StatsBase, VisitStatsRecord, VisitTaskRecord } from './records';

/**
 * Counter changes gathered during one transaction and written at its end: one write per counter
 * document however many records changed it (generation adds hundreds of tasks in one go). A
 * missing document is created with the deltas as its first values; the store's inc needs one.
 */
export class StatsWriter {
  private readonly docs = new Map<string, { base: StatsBase; deltas: Record<string, number> }>();

  add(base: StatsBase, deltas: Readonly<Record<string, number>>): void {
    const entry = this.docs.get(base._id) ?? { base, deltas: {} };
    for (const [field, d] of Object.entries(deltas)) entry.deltas[field] = (entry.deltas[field] ?? 0) + d;
    this.docs.set(base._id, entry);
  }

  async flush(tx: DocOps): Promise<void> {
    for (const { base, deltas } of this.docs.values()) {
      const nonZero = Object.fromEntries(Object.entries(deltas).filter(([, d]) => d !== 0));
      if (Object.keys(nonZero).length === 0) continue;
      const existing = await tx.get<VisitStatsRecord>('visitStats', base._id);
      if (existing) await tx.inc('visitStats', base._id, nonZero);
      else await tx.set<VisitStatsRecord>('visitStats', { ...base, ...nonZero });
    }
    this.docs.clear();
  }
}

type TaskScope = Pick<VisitTaskRecord, 'villageId' | 'townshipId' | 'groupId' | 'month'>;

export function memberPeriodBase(t: TaskScope, memberId: string, memberName: string | null): StatsBase {
  return {
    _id: memberPeriodStatsId(t.month, t.villageId, t.groupId, memberId),
    kind: 'memberPeriod',
    villageId: t.villageId,
    townshipId: t.townshipId,
    groupId: t.groupId,
    month: t.month,
    memberId,
    memberName,
  };
}

export function gridPeriodBase(t: TaskScope): StatsBase {
  return {
    _id: gridPeriodStatsId(t.month, t.villageId, t.groupId),
    kind: 'gridPeriod',
    villageId: t.villageId,
    townshipId: t.townshipId,
    groupId: t.groupId,
    month: t.month,
    memberId: null,
    memberName: null,
  };
}

export function gridStandingBase(g: { villageId: string; townshipId: string; groupId: string }): StatsBase {
  return {
    _id: gridStandingId(g.villageId, g.groupId),
    kind: 'grid',
    villageId: g.villageId,
    townshipId: g.townshipId,
    groupId: g.groupId,
    month: '',
    memberId: null,
    memberName: null,
  };
}

/**
 * A task counted (or uncounted, with sign -1) in its grid's and its member's buckets. `done`
 * counts it as done too.
 */
export function countTask(
  w: StatsWriter,
  task: Pick<
    VisitTaskRecord,
    'villageId' | 'townshipId' | 'groupId' | 'month' | 'periodKey' | 'memberId' | 'memberName'
  >,
  change: { readonly tasks?: number; readonly done?: number; readonly visits?: number; readonly memberOnly?: boolean },
): void {
  const f = bucketFields(task.periodKey);
  const deltas: Record<string, number> = {};
  if (change.tasks) deltas[f.tasks] = change.tasks;
  if (change.done) deltas[f.done] = change.done;
  if (change.visits) deltas.visits = change.visits;
  if (!change.memberOnly) w.add(gridPeriodBase(task), deltas);
  if (task.memberId) w.add(memberPeriodBase(task, task.memberId, task.memberName), deltas);
}

/**
 * Every document a filter matches, a page at a time in id order (CloudBase returns 1000 at most).
 * Used on bounded sets only: one village's households, one township's counters.
 */
export async function findAll<T extends { readonly _id: string }>(
  store: Store,
  collection: string,
  filter: Filter,
): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const last = out.length > 0 ? out[out.length - 1]._id : null;
    const page = await store.find<T & { version?: number }>(
      collection,
      last === null ? filter : { $and: [filter, { _id: { $gt: last } }] },
      { sort: [['_id', 'asc']], limit: 1000 },
    );
    out.push(...page);
    if (page.length < 1000) return out;
  }
}
