import type { Tally } from '../../core/votes/tally';
import { applyVoteResult } from '../matters/vote-result';
import type { Store } from '../shared/store/port';
import type { MotionRecord } from './records';

/**
 * What follows a count: a matter's vote result moves the matter on (matters/vote-result.ts).
 * Idempotent there, so a close that is retried is harmless here.
 */
export async function onMotionClosed(store: Store, now: number, motion: MotionRecord, tally: Tally): Promise<void> {
  if (!motion.matterId || !motion.result) return;
  await applyVoteResult(
    store,
    now,
    { id: motion._id, villageId: motion.villageId, matterId: motion.matterId },
    motion.result,
    { turnout: tally.turnout, electorateSize: tally.electorateSize },
  );
}
