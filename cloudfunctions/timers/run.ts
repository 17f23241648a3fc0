import { closeEvaluations, deliverPending } from '../matters/timers';
import type { Store } from '../shared/store/port';
import { runVisitTimers, type VisitsTimerReport } from '../visits/timers';
import { closeDue } from '../votes/close';
import { onMotionClosed } from '../votes/on-closed';
import type { MotionRecord } from '../votes/records';
import { seal } from '../votes/seal';

/**
 * The scheduled work: seal new ballots into their motions' chains, count the motions whose time
 * is up, close matters whose rating window ended, finish notifications a crash left unsent, and the
 * visits' work (tasks of a new period, reminders, overdue notices, needs past their deadline). A timer trigger runs it in production, an interval in the local gateway. Each step is
 * idempotent, so overlapping runs are harmless.
 */
export interface TimerReport {
  readonly sealed: number;
  readonly closed: readonly string[];
  readonly evaluationsClosed: readonly string[];
  readonly notificationsDelivered: number;
  /** Visit tasks generated, reminders and overdue notices sent, needs climbed; null if that step failed. */
  readonly visits: VisitsTimerReport | null;
}

export async function runTimers(store: Store, now: number): Promise<TimerReport> {
  const running = await store.find<MotionRecord>(
    'motions',
    { $and: [{ closedAt: null }, { opensAt: { $lte: now } }] },
    { sort: [['opensAt', 'asc']], limit: 100 },
  );
  let sealed = 0;
  for (const m of running) sealed += await seal(store, m._id);
  const closed = await closeDue(store, now, onMotionClosed);
  const evaluationsClosed = await closeEvaluations(store, now);
  const notificationsDelivered = await deliverPending(store, now);
  // Last, and on its own: a failure in the visits' work must not hold up ballots and matters.
  let visits: VisitsTimerReport | null = null;
  try {
    visits = await runVisitTimers(store, now);
  } catch (e) {
    console.log(JSON.stringify({ timer: 'visits', error: e instanceof Error ? e.message : String(e) }));
  }
  return { sealed, closed, evaluationsClosed, notificationsDelivered, visits };
}
