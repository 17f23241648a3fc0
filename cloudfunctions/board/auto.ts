import { isPublishedStep, matterStepNotice, voteResultNotice } from '../../core/board/auto';
import { evaluationSummary, STARS } from '../../core/matter/evaluation';
import type { Tally } from '../../core/votes/tally';
import type { StoredMatter } from '../matters/records';
import type { Store } from '../shared/store/port';
import type { MotionRecord } from '../votes/records';
import { matterNoticeId, voteNoticeId } from './ids';
import { publishOnce } from './publish';
import { BOARD_SYSTEM } from './records';

/**
 * The notices nobody types. The votes service calls publishVoteResult once a count is stored, the
 * matters service calls publishMatterStep once a step has committed. Both are idempotent (the
 * notice id is derived from the motion, or from the matter and the step) and neither throws: the
 * count or the step has already happened, and a board that failed to write must not turn it into an
 * error for the person who closed the vote. A failure is logged for the operator.
 *
 * This module is imported by the votes and matters bundles: it must not import exceljs or qrcode.
 */

function logFailure(what: string, id: string, e: unknown): void {
  console.log(JSON.stringify({ board: 'publish-failed', what, id, error: e instanceof Error ? e.message : String(e) }));
}

export async function publishVoteResult(store: Store, now: number, motion: MotionRecord, tally: Tally): Promise<void> {
  try {
    const composed = voteResultNotice(
      {
        id: motion._id,
        matterId: motion.matterId,
        question: motion.question,
        kind: motion.kind,
        options: motion.options,
        body: motion.body,
        mode: motion.mode,
        opensAt: motion.opensAt,
        closesAt: motion.closesAt,
        closedAt: motion.closedAt ?? now,
        electorateSize: motion.electorateSize,
        chainHead: motion.sealedHead,
        source: motion.source ?? 'ballots',
      },
      tally,
    );
    await publishOnce(
      store,
      {
        id: voteNoticeId(motion._id),
        villageId: motion.villageId,
        source: 'motion',
        sourceId: motion._id,
        period: null,
        visibility: 'village',
        pinned: false,
        content: { ...composed, table: null },
      },
      BOARD_SYSTEM,
      now,
    );
  } catch (e) {
    logFailure('voteResult', motion._id, e);
  }
}

/** The rating counters kept on the matter, as the ratings they count. */
function ratingsOf(m: Pick<StoredMatter, 'rated1' | 'rated2' | 'rated3' | 'rated4' | 'rated5'>): number[] {
  const counts = { 1: m.rated1, 2: m.rated2, 3: m.rated3, 4: m.rated4, 5: m.rated5 };
  return STARS.flatMap((s) => Array.from({ length: counts[s] ?? 0 }, () => s));
}

export async function publishMatterStep(
  store: Store,
  step: string,
  matter: StoredMatter,
  reason: string | null,
  now: number,
): Promise<void> {
  if (!isPublishedStep(step)) return;
  try {
    let vote: { motionId: string; turnout: number; electorateSize: number } | null = null;
    if (step === 'votePassed' && matter.motionId) {
      const motion = await store.get<MotionRecord>('motions', matter.motionId);
      if (motion?.tally) {
        vote = { motionId: motion._id, turnout: motion.tally.turnout, electorateSize: motion.tally.electorateSize };
      }
    }
    const composed = matterStepNotice({
      matterId: matter._id,
      step,
      title: matter.title,
      reason: step === 'decline' ? (matter.closingReason ?? reason) : reason,
      evaluationEndsAt: matter.evaluationEndsAt,
      evaluation: step === 'closeEvaluation' ? evaluationSummary(ratingsOf(matter)) : null,
      vote,
    });
    await publishOnce(
      store,
      {
        id: matterNoticeId(matter._id, step),
        villageId: matter.villageId,
        source: 'matter',
        sourceId: matter._id,
        period: null,
        visibility: 'village',
        pinned: false,
        content: { ...composed, table: null },
      },
      BOARD_SYSTEM,
      now,
    );
  } catch (e) {
    logFailure(`matter.${step}`, matter._id, e);
  }
}
