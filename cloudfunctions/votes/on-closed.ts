import type { Tally } from '../../core/votes/tally';
import { publishVoteResult } from '../board/auto';
import { applyVoteResult } from '../matters/vote-result';
import type { Store } from '../shared/store/port';
import type { MotionRecord } from './records';

/**
 * What follows a count: the result goes on the village board (board/auto.ts), and a matter's vote
 * result moves the matter on (matters/vote-result.ts). Idempotent in both, so a close that is
 * retried is harmless here.
 */
export async function onMotionClosed(store: Store, now: number, motion: MotionRecord, tally: Tally): Promise<void> {
  await publishVoteResult(store, now, motion, tally);
  if (!motion.matterId || !motion.result) return;
  await applyVoteResult(
    store,
    now,
    { id: motion._id, villageId: motion.villageId, matterId: motion.matterId },
    motion.result,
    { turnout: tally.turnout, electorateSize: tally.electorateSize },
  );
}
