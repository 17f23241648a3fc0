import type { Store } from '../shared/store/port';
import { deliver } from './outbox';
import type { MatterEventRecord, StoredMatter } from './records';
import { takeStep } from './steps';
import { evaluationSummaryOf } from './view';

/**
 * The matters function's scheduled work, for the timer trigger. Both are idempotent: a run that
 * overlaps another, or repeats one that crashed, changes nothing twice.
 */

/** One batch per query; the loop goes on until nothing is due, so a backlog clears in one run. */
const BATCH = 100;

function scoreText(m: StoredMatter): string {
  const s = evaluationSummaryOf(m);
  return s.average === null ? '评价期满，没有人打分' : `评价期满：${s.count}人打分，平均${s.average}分`;
}

/**
 * Closes every matter whose rating window has ended (民评 → 已办结), publishing the score on the
 * timeline. Returns the ids this run closed.
 */
export async function closeEvaluations(store: Store, now: number): Promise<string[]> {
  const closed: string[] = [];
  const tried = new Set<string>();
  for (;;) {
    const due = await store.find<StoredMatter>(
      'matters',
      { state: 'evaluating', evaluationEndsAt: { $lte: now } },
      { sort: [['evaluationEndsAt', 'asc']], limit: BATCH },
    );
    // A matter that failed once this run is not retried in a loop; the next run tries it again.
    const fresh = due.filter((m) => !tried.has(m._id));
    if (fresh.length === 0) return closed;
    for (const m of fresh) {
      tried.add(m._id);
      try {
        const step = await takeStep(store, {
          matterId: m._id,
          step: 'closeEvaluation',
          actor: 'system',
          now,
          electorate: 0,
          text: scoreText,
          alreadyDone: (x) => x.state !== 'evaluating',
        });
        if (step.took) closed.push(m._id);
      } catch (e) {
        console.log(JSON.stringify({ timer: 'closeEvaluations', matterId: m._id, error: String(e) }));
      }
    }
  }
}

/** Notifications older than this are not being written by the request that made them any more. */
export const DELIVERY_GRACE_MS = 60_000;

/** Finishes notifications a request left unwritten (it crashed, or the store failed after the change). */
export async function deliverPending(store: Store, now: number): Promise<number> {
  const pending = await store.find<MatterEventRecord>(
    'matterEvents',
    { fanout: 'pending', at: { $lte: now - DELIVERY_GRACE_MS } },
    { sort: [['at', 'asc']], limit: BATCH },
  );
  let added = 0;
  for (const e of pending) added += await deliver(store, e._id);
  return added;
}
