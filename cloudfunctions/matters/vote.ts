import { randomBytes } from 'node:crypto';
import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { moveToVote } from '../../core/matter/actions';
import { allowedBodies } from '../../core/matter/bodies';
import { transition } from '../../core/matter/lifecycle';
import { open as openAction } from '../../core/votes/actions';
import { BODY_DEFS } from '../../core/votes/bodies';
import { checkSchedule, earliestOpening } from '../../core/votes/window';
import { callerOf, type ActionContext } from '../shared/handler';
import type { Store } from '../shared/store/port';
import type { OpenMotionInput } from '../votes/open';
import { adultElectorate } from './electorate';
import { loadMatter, villageRules } from './load';
import type { StoredMatter } from './records';
import { assertNotOpeningVote, takeStep } from './steps';
import { matterView } from './view';

/**
 * 民决: moveToVote is the one way a matter goes to a vote. The motion lives in the votes module
 * and is opened by its own service (its own transaction), so the two writes are ordered to never
 * half-happen in a way that matters:
 * 1. everything that can refuse is asked first (the lifecycle, the bodies, votes.open's own input
 *    schema and the schedule), so a refusal opens nothing;
 * 2. the matter is claimed for a minute (voteOpening), so no other step moves it meanwhile;
 * 3. the motion is opened; if that throws, the claim is let go and the matter stays where it was;
 * 4. the matter steps to `voting` with the motion's id, the claim cleared, in one transaction.
 * If 4 fails after 3 (a crash), the same request again finds the same motion (its id is derived
 * from the village, question, times and matter) and finishes step 4: the step is idempotent by
 * the motion's matterId. A request that leaves the opening to the server's clock (马上开始,
 * 10天后开始) names a new time when sent again, so its motion's id differs: the retry finds the live motion of the
 * matter instead (orphanMotion), and attaches it.
 */
export type OpenMotion = (
  store: Store,
  caller: Caller,
  now: number,
  input: OpenMotionInput,
) => Promise<{ readonly _id: string; readonly matterId: string | null }>;

/** Long enough for opening a motion (it freezes the roll), short enough not to block a village. */
export const CLAIM_MS = 60_000;

const DAY = 86_400_000;

const SCHEDULE_TEXT = {
  badTime: '时间填得不对',
  opensBeforeNotice: '开始投票的时间不能早于现在',
  urgentReasonMissing: '紧急表决要写明为什么紧急',
  closesBeforeOpens: '结束时间要在开始时间之后',
} as const;

async function claim(store: Store, matterId: string, token: string, now: number): Promise<void> {
  await store.transaction(async (tx) => {
    const m = await tx.get<StoredMatter>('matters', matterId);
    if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
    assertNotOpeningVote(m, now);
    if (m.state !== 'deliberating') throw new AppError('INVALID_TRANSITION');
    await tx.update<StoredMatter>(
      'matters',
      m._id,
      { voteOpening: { token, until: now + CLAIM_MS } },
      { expectVersion: m.version },
    );
  });
}

async function release(store: Store, matterId: string, token: string): Promise<void> {
  await store.transaction(async (tx) => {
    const m = await tx.get<StoredMatter>('matters', matterId);
    if (m?.voteOpening?.token === token) await tx.update<StoredMatter>('matters', m._id, { voteOpening: null });
  });
}

/** The live motion this matter does not point to yet, if an earlier request opened one and died. */
async function orphanMotion(
  store: Store,
  matter: StoredMatter,
): Promise<{ readonly _id: string; readonly matterId: string | null } | null> {
  const live = await store.find<{ _id: string; matterId: string | null }>(
    'motions',
    { matterId: matter._id, closedAt: null },
    { limit: 5 },
  );
  return live.find((m) => m._id !== matter.motionId) ?? null;
}

export function moveToVoteWith(openMotion: OpenMotion) {
  return async function moveMatterToVote(ctx: ActionContext<typeof moveToVote>): Promise<OutputOf<typeof moveToVote>> {
    const caller = callerOf(ctx);
    const input = ctx.input;
    const before = await loadMatter(ctx.store, ctx.authorize, input.matterId);
    const now = ctx.clock.now();
    const [electorate, rules] = await Promise.all([
      adultElectorate(ctx.store, before.villageId, now),
      villageRules(ctx.store, before.villageId),
    ]);

    const pre = transition(before, 'openVote', { actor: caller, now, electorate, settings: rules.settings });
    if (!pre.ok) throw new AppError(pre.code);
    assertNotOpeningVote(before, now);
    const bodies = allowedBodies({
      category: before.category,
      state: before.state,
      cosignCount: before.cosignCount,
      electorate,
      delegatesAuthorised: rules.delegatesAuthorised,
    });
    if (!bodies.includes(input.body)) throw new AppError('BODY_NOT_ALLOWED');

    const question = input.question && input.question.length > 0 ? input.question : before.title;
    // 马上开始 and 10天后开始 go by the server's clock: a phone's clock may be minutes off either way.
    if (input.afterNotice && input.opensAt !== undefined)
      throw new AppError('INVALID_INPUT', '开始时间请只选一种：定好的时间，或者公告满10天后');
    const opensAt = input.opensAt ?? (input.afterNotice ? earliestOpening(now) : now);
    const closesAt = input.closesAt ?? (input.days === undefined ? undefined : opensAt + input.days * DAY);
    if (closesAt === undefined) throw new AppError('INVALID_INPUT', '请定下投票到什么时候结束');
    const parsed = openAction.input.safeParse({
      question,
      kind: 'yesNo',
      body: input.body,
      category: before.category,
      opensAt,
      closesAt,
      mode: input.mode,
      urgent: input.urgent,
      urgentReason: input.urgentReason,
    });
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      throw new AppError('INVALID_INPUT', undefined, details);
    }
    const problems = checkSchedule({
      noticeAt: now,
      opensAt,
      closesAt,
      urgent: input.urgent ?? false,
      urgentReason: input.urgentReason,
    });
    const first = problems[0];
    if (first === 'noticeTooShort') throw new AppError('NOTICE_TOO_SHORT');
    if (first) throw new AppError('INVALID_INPUT', SCHEDULE_TEXT[first]);

    const token = randomBytes(12).toString('hex');
    await claim(ctx.store, before._id, token, now);
    let motion: { readonly _id: string; readonly matterId: string | null };
    try {
      // A request that died after opening its motion (step 3) left that motion live and the matter
      // unmoved: attach it rather than open a second. (马上开始 names a new time on every try, so
      // the motion's derived id alone would not find it.)
      motion =
        (await orphanMotion(ctx.store, before)) ??
        (await openMotion(ctx.store, caller, now, { ...parsed.data, matterId: before._id }));
    } catch (e) {
      await release(ctx.store, before._id, token);
      throw e;
    }
    if (motion.matterId !== before._id) {
      // Not this matter's motion: nothing to attach. The claim lapses by itself.
      throw new Error(`openMotion returned motion ${motion._id} for matter ${String(motion.matterId)}`);
    }
    const motionId = motion._id;
    const { matter } = await takeStep(ctx.store, {
      matterId: before._id,
      step: 'openVote',
      actor: caller,
      now,
      electorate,
      settings: rules.settings,
      reason: input.note,
      text: `交${BODY_DEFS[input.body].name}表决：${question}${input.note ? `（${input.note}）` : ''}`,
      extra: { motionId, voteOpening: null },
      audit: 'matters.moveToVote',
      claimToken: token,
      alreadyDone: (m) => m.state === 'voting' && m.motionId === motionId,
    });
    return { matter: await matterView(ctx.store, caller, now, matter, electorate), motionId };
  };
}
