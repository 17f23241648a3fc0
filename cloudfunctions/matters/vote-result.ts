import type { TransitionName } from '../../core/matter/lifecycle';
import type { VoteResult } from '../../core/votes/tally';
import type { Store } from '../shared/store/port';
import type { StoredMatter } from './records';
import { takeStep } from './steps';

/**
 * What the votes module calls when a matter's motion is counted: the system's step for the
 * result. Idempotent: only a matter still `voting` on this very motion moves, so a close that runs
 * twice (a retry, two timers) changes nothing the second time, and a stale motion (an earlier
 * round, another village) changes nothing at all.
 */
export interface ClosedMotion {
  readonly id: string;
  readonly villageId: string;
  readonly matterId: string | null;
}

export interface VoteTally {
  readonly turnout: number;
  readonly electorateSize: number;
}

const RESULT_STEP = {
  passed: 'votePassed',
  rejected: 'voteRejected',
  noQuorum: 'voteNoQuorum',
} as const satisfies Record<VoteResult, TransitionName>;

export async function applyVoteResult(
  store: Store,
  now: number,
  motion: ClosedMotion,
  result: VoteResult,
  tally: VoteTally,
): Promise<void> {
  const matterId = motion.matterId;
  if (!matterId) return;
  const waiting = (m: StoredMatter | null): boolean =>
    m !== null && m.villageId === motion.villageId && m.motionId === motion.id && m.state === 'voting';
  if (!waiting(await store.get<StoredMatter>('matters', matterId))) return;
  try {
    await takeStep(store, {
      matterId,
      step: RESULT_STEP[result],
      actor: 'system',
      now,
      electorate: 0,
      text: `${tally.turnout}人参加表决，共${tally.electorateSize}人`,
      alreadyDone: (m) => !waiting(m),
    });
  } catch (e) {
    // Lost a race with the same result arriving twice: if the matter has moved on, it is applied.
    if (!waiting(await store.get<StoredMatter>('matters', matterId))) return;
    throw e;
  }
}
