import type { OutputOf } from '../../core/action';
import { AppError } from '../../core/errors';
import type { rate } from '../../core/matter/actions';
import { checkRating, isStars, ratingId } from '../../core/matter/evaluation';
import { callerOf, type ActionContext } from '../shared/handler';
import { loadMatter } from './load';
import { RATED_FIELDS, type RatingRecord, type StoredMatter } from './records';
import { evaluationSummaryOf } from './view';

/**
 * 民评: one rating per person, by the store's unique id (ten taps make one rating), counted on the
 * matter in the same transaction so the published score is read, never recounted.
 */
export async function rateMatter(ctx: ActionContext<typeof rate>): Promise<OutputOf<typeof rate>> {
  const caller = callerOf(ctx);
  const personId = caller.personId;
  const stars = ctx.input.stars;
  // The schema allows 1..5 only; this narrows the number to the type the counters are keyed by.
  if (!isStars(stars)) throw new AppError('INVALID_INPUT');
  const before = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  const now = ctx.clock.now();
  const early = checkRating(before, personId, now, false);
  if (!early.ok) throw new AppError(early.code);
  if (!personId) throw new AppError('FORBIDDEN');
  const field = RATED_FIELDS[stars];

  const after = await ctx.store.transaction(async (tx) => {
    const m = await tx.get<StoredMatter>('matters', before._id);
    if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
    const check = checkRating(m, personId, now, false);
    if (!check.ok) throw new AppError(check.code);
    try {
      await tx.insert<RatingRecord>('ratings', {
        _id: ratingId(m._id, personId),
        villageId: m.villageId,
        matterId: m._id,
        personId,
        stars,
        comment: ctx.input.comment ?? null,
        at: now,
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'DUPLICATE') throw new AppError('ALREADY_RATED');
      throw e;
    }
    await tx.inc('matters', m._id, { [field]: 1 });
    const updated: StoredMatter = { ...m, [field]: m[field] + 1 };
    return updated;
  });
  return evaluationSummaryOf(after);
}
