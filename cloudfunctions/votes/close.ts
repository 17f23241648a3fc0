import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import { listDigest, publishedChoices, publishedReceipts } from '../../core/votes/ids';
import { tally, type Tally } from '../../core/votes/tally';
import { closeCheck } from '../../core/votes/window';
import { appendAudit } from '../shared/audit';
import type { Doc, Filter, Store } from '../shared/store/port';
import { sha256 } from './keys';
import { SYSTEM, type ContentRecord, type MotionRecord, type PresenceRecord } from './records';
import { seal } from './seal';

/** Every document matching, a page at a time (CloudBase returns 1000 at most per request). */
export async function findAll<T extends Doc>(store: Store, collection: string, filter: Filter): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const page = await store.find<T>(collection, filter, { limit: 1000, skip: out.length });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

export interface CountedBallots {
  readonly presences: PresenceRecord[];
  readonly contents: ContentRecord[];
  readonly tally: Tally;
}

/** Counts a motion's stored ballots: presence for who took part, contents (secret) or presence (open) for what. */
export async function countBallots(store: Store, motion: MotionRecord): Promise<CountedBallots> {
  const presences = await findAll<PresenceRecord>(store, 'ballotPresence', { motionId: motion._id });
  const contents =
    motion.mode === 'secret' ? await findAll<ContentRecord>(store, 'ballotContents', { motionId: motion._id }) : [];
  if (motion.mode === 'secret' && contents.length !== presences.length) {
    throw new Error(`motion ${motion._id}: ${presences.length} voters but ${contents.length} ballots`);
  }
  const ballots =
    motion.mode === 'secret'
      ? contents.map((c) => ({ choices: c.choices }))
      : presences.map((p) => ({ choices: p.choices ?? [] }));
  return { presences, contents, tally: tally(motion, motion.electorateSize, ballots) };
}

export type OnClosed = (store: Store, now: number, motion: MotionRecord, tally: Tally) => Promise<void>;

/**
 * Closes and counts a motion, once. At the closing time a timer does it (`by` = SYSTEM); before it,
 * the committee may, but only when everyone on the roll has voted (closeCheck). Closing again
 * returns the stored count. Every ballot is sealed into the chain first, so the published head
 * covers them all; the receipts list and the choices list are published with digests.
 */
export async function closeMotion(
  store: Store,
  now: number,
  motionId: string,
  by: Caller,
  onClosed?: OnClosed,
): Promise<MotionRecord> {
  const before = await store.get<MotionRecord>('motions', motionId);
  if (!before) throw new AppError('NOT_FOUND', '没有这项表决');
  if (before.closedAt !== null) return before;
  const turnoutNow = await store.count('ballotPresence', { motionId });
  const check = closeCheck(before, now, before.electorateSize, turnoutNow);
  if (!check.ok) throw new AppError(check.code);
  await seal(store, motionId);
  const motion = await store.get<MotionRecord>('motions', motionId);
  if (!motion) throw new AppError('NOT_FOUND');
  if (motion.closedAt !== null) return motion;
  const counted = await countBallots(store, motion);
  if (counted.presences.some((p) => !p.sealed)) throw new AppError('CONFLICT', '还有票在入链，请稍后再试');
  const receipts = publishedReceipts(counted.presences.map((p) => p.receipt));
  const choicesDigest =
    motion.mode === 'secret'
      ? listDigest(publishedChoices(counted.contents.map((c) => ({ id: c._id, choices: c.choices }))), sha256)
      : null;
  const patch = {
    closedAt: now,
    result: counted.tally.result,
    tally: counted.tally,
    source: 'ballots' as const,
    choicesDigest,
    receiptsDigest: listDigest(receipts, sha256),
  };
  try {
    await store.transaction(async (tx) => {
      await tx.update<MotionRecord>('motions', motionId, patch, { expectVersion: motion.version });
      await appendAudit(tx, by, now, {
        scope: motion.villageId,
        action: 'votes.close',
        target: { collection: 'motions', id: motionId, label: motion.question },
        before: { closedAt: null, result: null },
        after: {
          result: patch.result,
          turnout: counted.tally.turnout,
          electorateSize: motion.electorateSize,
          chainHead: motion.sealedHead,
          choicesDigest,
          receiptsDigest: patch.receiptsDigest,
        },
      });
    });
  } catch (e) {
    // Someone closed it between our read and write (a timer and a committee member, two timers).
    if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
    const now2 = await store.get<MotionRecord>('motions', motionId);
    if (now2?.closedAt != null) return now2;
    throw e;
  }
  const closed = { ...motion, ...patch };
  if (onClosed) await onClosed(store, now, closed, counted.tally);
  return closed;
}

/** Closes every motion whose time is up (a timer in production, an interval in the gateway). */
export async function closeDue(store: Store, now: number, onClosed?: OnClosed): Promise<string[]> {
  const due = await store.find<MotionRecord>(
    'motions',
    { closedAt: null, closesAt: { $lte: now } },
    { sort: [['closesAt', 'asc']], limit: 100 },
  );
  const closed: string[] = [];
  for (const m of due) {
    await closeMotion(store, now, m._id, SYSTEM, onClosed);
    closed.push(m._id);
  }
  return closed;
}
