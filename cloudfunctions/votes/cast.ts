import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { PersonRecord } from '../../core/records';
import { deriveReceipt, presenceId, secretBallotId } from '../../core/votes/ids';
import { CHOICE_PROBLEM_TEXT, checkChoices } from '../../core/votes/kinds';
import { castRefusal } from '../../core/votes/window';
import type { Store } from '../shared/store/port';
import { electorDocId, randomBallotToken, receiptMac, sha256 } from './keys';
import type { ContentRecord, ElectorRecord, MotionRecord, PresenceRecord } from './records';

/** The elector a person casts for on this motion: themself, or their household. */
export async function electorOf(
  store: Store,
  motion: MotionRecord,
  personId: string | null,
): Promise<ElectorRecord | null> {
  if (!personId) return null;
  let electorId = personId;
  if (motion.body === 'households') {
    const person = await store.get<PersonRecord>('persons', personId);
    if (!person) return null;
    electorId = person.householdId;
  }
  const elector = await store.get<ElectorRecord>('electors', electorDocId(motion._id, electorId));
  return elector && elector.casterIds.includes(personId) ? elector : null;
}

export interface CastOutcome {
  readonly receipt: string;
  readonly castAt: number;
}

/**
 * One ballot for one elector. The presence record's id is derived from (motion, elector), so the
 * store itself refuses a second one (ALREADY_VOTED), whatever the timing of the taps. A secret
 * ballot's choices go into a separate record with a random id and nothing about the voter; both
 * land in one transaction or neither does. Nothing here logs or returns the choices.
 */
export async function castBallot(
  store: Store,
  now: number,
  motion: MotionRecord,
  elector: ElectorRecord,
  choices: readonly string[],
  assistedBy: Caller | null,
): Promise<CastOutcome> {
  const refusal = castRefusal(motion, now);
  if (refusal) throw new AppError(refusal);
  const check = checkChoices(motion, choices);
  if (!check.ok) throw new AppError('INVALID_CHOICES', CHOICE_PROBLEM_TEXT[check.problems[0].problem]);
  const receipt = deriveReceipt(motion._id, elector.id, await receiptMac(store));
  const presence: PresenceRecord = {
    _id: presenceId(motion._id, elector.id, sha256),
    motionId: motion._id,
    villageId: motion.villageId,
    electorId: elector.id,
    receipt,
    castAt: now,
    assistedBy: assistedBy?.accountId ?? null,
    ...(motion.mode === 'open' ? { choices: [...check.choices] } : {}),
    sealed: false,
    seq: null,
  };
  try {
    await store.transaction(async (tx) => {
      await tx.insert<PresenceRecord>('ballotPresence', presence);
      if (motion.mode === 'secret') {
        await tx.insert<ContentRecord>('ballotContents', {
          _id: secretBallotId(randomBallotToken()),
          motionId: motion._id,
          choices: [...check.choices],
        });
      }
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'DUPLICATE') throw new AppError('ALREADY_VOTED');
    throw e;
  }
  return { receipt, castAt: now };
}
