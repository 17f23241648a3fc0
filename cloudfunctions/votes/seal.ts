import { AppError } from '../../core/errors';
import { ballotChainRecord, canonicalJson, chainNext } from '../../core/votes/ids';
import type { Store } from '../shared/store/port';
import { sha256 } from './keys';
import type { MotionRecord, PresenceRecord } from './records';

const BATCH = 200;

export function chainRecordOf(p: PresenceRecord): string {
  return canonicalJson(
    ballotChainRecord({
      motionId: p.motionId,
      electorId: p.electorId,
      receipt: p.receipt,
      castAt: p.castAt,
      assistedBy: p.assistedBy,
      choices: p.choices,
    }),
  );
}

/**
 * Appends newly cast ballots to the motion's hash chain, in the order they were cast. Casting
 * itself never touches the motion (one hot document per vote would cap it at CloudBase's few dozen
 * writes a second); the sealer does, a batch at a time, from a timer, before a read that shows the
 * head, and at close. Two sealers at once: one wins the motion's version, the other gives way.
 * Returns the number of ballots sealed.
 */
export async function seal(store: Store, motionId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const pending = await store.find<PresenceRecord>(
      'ballotPresence',
      { motionId, sealed: false },
      { sort: [['castAt', 'asc']], limit: BATCH },
    );
    if (pending.length === 0) return total;
    try {
      await store.transaction(async (tx) => {
        const motion = await tx.get<MotionRecord>('motions', motionId);
        if (!motion) throw new AppError('NOT_FOUND');
        let head = motion.sealedHead;
        let seq = motion.sealedSeq;
        for (const p of pending) {
          const current = await tx.get<PresenceRecord>('ballotPresence', p._id);
          if (!current || current.sealed) throw new AppError('CONFLICT');
          seq += 1;
          head = chainNext(head, chainRecordOf(current), sha256);
          await tx.update<PresenceRecord>(
            'ballotPresence',
            p._id,
            { sealed: true, seq },
            { expectVersion: current.version },
          );
        }
        await tx.update<MotionRecord>(
          'motions',
          motionId,
          { sealedSeq: seq, sealedHead: head },
          { expectVersion: motion.version },
        );
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT') return total; // another sealer got there first
      throw e;
    }
    total += pending.length;
    if (pending.length < BATCH) return total;
  }
}
