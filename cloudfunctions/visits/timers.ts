import type { AccountRecord, VillageRecord } from '../../core/records';
import { periodOf } from '../../core/visits/periods';
import { shanghaiDate } from '../../core/votes/eligibility';
import { committeePersons, notifyPersons } from '../matters/outbox';
import type { Store } from '../shared/store/port';
import { gridOfPerson } from './load';
import { generateDue, type GenerationReport } from './generate';
import { climbDueNeeds } from './needs';
import { STANDING_FIELDS, type VisitStatsRecord, type VisitTaskRecord } from './records';
import { findAll } from './stats';

/**
 * The visits module's scheduled work, one step of cloudfunctions/timers/run.ts:
 * 1. generate the tasks of a new month or week (then post each village's weekly review of open needs);
 * 2. tell grid leaders of tasks that have become overdue;
 * 3. remind members of tasks entering their reminder window;
 * 4. climb needs past their step's deadline.
 * Each notice is an outbox record whose id is derived from (event, person), and each task's stage
 * moves on once, so overlapping or repeated runs send nothing twice. A time budget keeps one run
 * well inside CloudBase's 60 s: what is left is picked up a minute later.
 */
export interface VisitsTimerReport {
  readonly generation: GenerationReport;
  readonly overdueNotified: number;
  readonly reminded: number;
  readonly needsClimbed: number;
}

const BATCH = 200;

/** "20261123": one notice per person per day and kind at most (subscribe messages are scarce). */
function dayKey(now: number): string {
  const d = shanghaiDate(now);
  return `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
}

/** The weekly review: the committee is told how many needs are still open, once per village per ISO week. */
export async function weeklyReview(store: Store, village: VillageRecord, now: number): Promise<void> {
  const standing = await store.find<VisitStatsRecord>(
    'visitStats',
    { kind: 'grid', villageId: village._id },
    { limit: 1000 },
  );
  const field = (d: VisitStatsRecord, f: string) => (typeof d[f] === 'number' ? (d[f] as number) : 0);
  const open = standing.reduce(
    (s, d) =>
      s +
      field(d, STANDING_FIELDS.open.village) +
      field(d, STANDING_FIELDS.open.township) +
      field(d, STANDING_FIELDS.open.county),
    0,
  );
  if (open === 0) return;
  const week = periodOf('week', now);
  await notifyPersons(
    store,
    {
      villageId: village._id,
      matterId: null,
      eventId: `vreview:${village._id}:${week.key}`,
      kind: 'NeedsReview',
      title: '本周过一遍没销号的诉求',
      text: `${village.name}还有${open}条联户走访记下的诉求没销号`,
      at: now,
    },
    await committeePersons(store, village._id),
  );
}

/** Grid leaders of each grid of a village (by their household's group), for overdue notices. */
async function gridLeaders(store: Store, villageId: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const a of await findAll<AccountRecord>(store, 'accounts', { villageId })) {
    if (!a.roles.includes('gridLeader') || !a.personId) continue;
    const grid = await gridOfPerson(store, a.personId);
    if (grid) out.set(grid, [...(out.get(grid) ?? []), a.personId]);
  }
  return out;
}

/**
 * Tasks whose period ended undone, grouped per grid: the grid leader (or, with none, the committee)
 * hears how many, once a day. A late sync may still complete such a task: the visit's own time
 * decides, and the stage becomes done.
 */
export async function notifyOverdue(store: Store, now: number, budgetEnd: number): Promise<number> {
  const leaders = new Map<string, Map<string, string[]>>();
  // A task that could not be moved on this run is not fetched again in a loop; the next run retries.
  const tried = new Set<string>();
  let total = 0;
  for (;;) {
    const due = (
      await store.find<VisitTaskRecord>(
        'visitTasks',
        { stage: { $in: ['open', 'reminded'] }, dueAt: { $lte: now } },
        { sort: [['dueAt', 'asc']], limit: BATCH },
      )
    ).filter((t) => !tried.has(t._id));
    for (const t of due) tried.add(t._id);
    if (due.length === 0 || Date.now() > budgetEnd) return total;
    const byGrid = new Map<string, VisitTaskRecord[]>();
    for (const t of due) {
      const k = `${t.villageId}\n${t.groupId}`;
      byGrid.set(k, [...(byGrid.get(k) ?? []), t]);
    }
    for (const tasks of byGrid.values()) {
      const { villageId, groupId } = tasks[0];
      const ofVillage = leaders.get(villageId) ?? (await gridLeaders(store, villageId));
      leaders.set(villageId, ofVillage);
      const to = ofVillage.get(groupId) ?? (await committeePersons(store, villageId));
      await notifyPersons(
        store,
        {
          villageId,
          matterId: null,
          eventId: `voverdue:${villageId}:${groupId}:${dayKey(now)}`,
          kind: 'VisitOverdue',
          title: '有联系户逾期没走访',
          text: `网格里有${tasks.length}户到期没走访：${tasks
            .slice(0, 5)
            .map((t) => t.householdCode)
            .join('、')}${tasks.length > 5 ? '等' : ''}`,
          at: now,
        },
        to,
      );
      // The notice is out (or already was): only then does the stage move, so a crash re-sends, never loses.
      for (const t of tasks) await markStage(store, t, 'overdue');
      total += tasks.length;
    }
  }
}

/** Moves a task's stage on unless a check-in got there first (done is final). */
async function markStage(store: Store, t: VisitTaskRecord, stage: 'reminded' | 'overdue'): Promise<void> {
  await store.transaction(async (tx) => {
    const cur = await tx.get<VisitTaskRecord>('visitTasks', t._id);
    if (cur && cur.doneAt === null && cur.stage !== stage)
      await tx.update<VisitTaskRecord>('visitTasks', t._id, { stage });
  });
}

/** Members whose tasks entered their reminder window hear it once a day, with the households named. */
export async function remindDue(store: Store, now: number, budgetEnd: number): Promise<number> {
  const tried = new Set<string>();
  let total = 0;
  for (;;) {
    const due = (
      await store.find<VisitTaskRecord>(
        'visitTasks',
        { stage: 'open', remindAt: { $lte: now } },
        { sort: [['remindAt', 'asc']], limit: BATCH },
      )
    ).filter((t) => t.dueAt > now && !tried.has(t._id));
    for (const t of due) tried.add(t._id);
    if (due.length === 0 || Date.now() > budgetEnd) return total;
    const byMember = new Map<string, VisitTaskRecord[]>();
    for (const t of due) byMember.set(t.memberId ?? '', [...(byMember.get(t.memberId ?? '') ?? []), t]);
    for (const [memberId, tasks] of byMember) {
      if (memberId !== '') {
        const last = shanghaiDate(Math.min(...tasks.map((t) => t.dueAt)) - 1);
        await notifyPersons(
          store,
          {
            villageId: tasks[0].villageId,
            matterId: null,
            eventId: `vremind:${memberId}:${dayKey(now)}`,
            kind: 'VisitReminder',
            title: '联系户快到走访期限了',
            text: `${tasks.map((t) => t.householdCode).join('、')}，${last.month}月${last.day}日前要走访`,
            at: now,
          },
          [memberId],
        );
      }
      for (const t of tasks) await markStage(store, t, 'reminded');
      total += tasks.length;
    }
  }
}

/** Default budget: well inside CloudBase's 60 s timer timeout, leaving room for the other steps. */
export const VISITS_TIMER_BUDGET_MS = 25_000;

export async function runVisitTimers(
  store: Store,
  now: number,
  budgetMs = VISITS_TIMER_BUDGET_MS,
): Promise<VisitsTimerReport> {
  const end = Date.now() + budgetMs;
  const generation = await generateDue(store, now, end, (v) => weeklyReview(store, v, now));
  // Overdue before reminders: a task past its end is the grid leader's news, not the member's reminder.
  const overdueNotified = await notifyOverdue(store, now, end);
  const reminded = await remindDue(store, now, end);
  const needsClimbed = await climbDueNeeds(store, now, end);
  return { generation, overdueNotified, reminded, needsClimbed };
}
