import { daysLeft } from '../matter/time';
import { DAY_MS, inView, periodOfKey, type MonthKey, type Period } from './periods';

/**
 * The ONE definition of due and overdue. Every list, badge and dashboard asks `taskStatus`, and
 * dashboards ask it of counter buckets (one bucket per period, see `tallyBuckets`) exactly as lists
 * ask it of tasks, so two screens can never count differently. Field tools that computed it in two
 * places showed numbers that disagreed; this is why it lives here once.
 *
 * - done:    a visit started inside the task's period (a late sync still counts: the phone's time of
 *            the visit decides, not the time it reached the server);
 * - overdue: not done, and the period has ended (now ≥ dueAt);
 * - due:     not done, period still running.
 * `dueSoon` marks a due task inside its reminder window.
 */
export type TaskStatus = 'done' | 'due' | 'overdue';
export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  done: '已走访',
  due: '待走访',
  overdue: '逾期未走访',
};

export interface TaskTimes {
  readonly dueAt: number;
  readonly doneAt: number | null;
}

export function taskStatus(task: TaskTimes, now: number): TaskStatus {
  if (task.doneAt !== null) return 'done';
  return now >= task.dueAt ? 'overdue' : 'due';
}

/** When the member is reminded: N calendar days before the period's end (never before its start). */
export function remindAt(period: Pick<Period, 'startAt' | 'dueAt'>, days: number): number {
  return Math.max(period.startAt, period.dueAt - days * DAY_MS);
}

export interface TaskState {
  readonly status: TaskStatus;
  /** Calendar days left, counting today; 0 once overdue or done. */
  readonly daysLeft: number;
  readonly dueSoon: boolean;
}

export function taskState(task: TaskTimes & { readonly remindAt: number }, now: number): TaskState {
  const status = taskStatus(task, now);
  return {
    status,
    daysLeft: status === 'due' ? daysLeft(now, task.dueAt) : 0,
    dueSoon: status === 'due' && now >= task.remindAt,
  };
}

/** Urgency order for a one-hand list: overdue first, then due soonest, then done. */
export function taskOrder(a: TaskTimes, b: TaskTimes, now: number): number {
  const rank: Record<TaskStatus, number> = { overdue: 0, due: 1, done: 2 };
  const ra = rank[taskStatus(a, now)];
  const rb = rank[taskStatus(b, now)];
  return ra !== rb ? ra - rb : a.dueAt - b.dueAt;
}

// ---- counters -----------------------------------------------------------------------------------

/**
 * Counter documents keep, per period, how many tasks there are and how many are done, in two
 * top-level numeric fields (the store's inc is top-level only): `t_<period>` and `d_<period>`,
 * with the key's dash dropped ("2026-W48" → t_2026W48, "2026-11" → t_202611).
 */
export function bucketFields(periodKey: string): { readonly tasks: string; readonly done: string } {
  const k = periodKey.replace('-', '');
  return { tasks: `t_${k}`, done: `d_${k}` };
}

const FIELD = /^([td])_(\d{4})(W?)(\d{2})$/;

export interface Bucket {
  readonly period: Period;
  readonly tasks: number;
  readonly done: number;
}

/** The buckets a counter document holds, by period. Unknown fields are ignored. */
export function bucketsOf(doc: Readonly<Record<string, unknown>>): Bucket[] {
  const by = new Map<string, { tasks: number; done: number }>();
  for (const [field, value] of Object.entries(doc)) {
    const m = FIELD.exec(field);
    if (!m || typeof value !== 'number') continue;
    const key = `${m[2]}-${m[3]}${m[4]}`;
    const b = by.get(key) ?? { tasks: 0, done: 0 };
    if (m[1] === 't') b.tasks += value;
    else b.done += value;
    by.set(key, b);
  }
  const out: Bucket[] = [];
  for (const [key, b] of by) {
    const period = periodOfKey(key);
    if (period) out.push({ period, ...b });
  }
  return out.sort((a, b) => a.period.startAt - b.period.startAt);
}

export interface Tally {
  readonly total: number;
  readonly done: number;
  readonly due: number;
  readonly overdue: number;
}

export const EMPTY_TALLY: Tally = { total: 0, done: 0, due: 0, overdue: 0 };

export function addTallies(a: Tally, b: Tally): Tally {
  return { total: a.total + b.total, done: a.done + b.done, due: a.due + b.due, overdue: a.overdue + b.overdue };
}

/**
 * Done/due/overdue of the buckets in the view of a month: the open part of each bucket is asked
 * `taskStatus` as one not-done task of that period would be.
 */
export function tallyBuckets(buckets: readonly Bucket[], month: MonthKey, now: number): Tally {
  let t = EMPTY_TALLY;
  for (const b of buckets) {
    if (!inView(b.period, month, now)) continue;
    const open = Math.max(0, b.tasks - b.done);
    const status = taskStatus({ dueAt: b.period.dueAt, doneAt: null }, now);
    t = addTallies(t, {
      total: b.tasks,
      done: b.done,
      due: status === 'due' ? open : 0,
      overdue: status === 'overdue' ? open : 0,
    });
  }
  return t;
}

/** The same tally over tasks, for lists: it must always equal the counters' (a test holds it to that). */
export function tallyTasks(
  tasks: ReadonlyArray<TaskTimes & { readonly month: MonthKey; readonly startAt: number }>,
  month: MonthKey,
  now: number,
): Tally {
  let t = EMPTY_TALLY;
  for (const task of tasks) {
    if (!inView(task, month, now)) continue;
    const s = taskStatus(task, now);
    t = addTallies(t, {
      total: 1,
      done: s === 'done' ? 1 : 0,
      due: s === 'due' ? 1 : 0,
      overdue: s === 'overdue' ? 1 : 0,
    });
  }
  return t;
}

/** Done over total, in whole percent; null when there is nothing to cover. */
export function coverage(t: Pick<Tally, 'total' | 'done'>): number | null {
  return t.total === 0 ? null : Math.round((t.done / t.total) * 100);
}
