import type { OutputOf } from '../../core/action';
import { AppError } from '../../core/errors';
import type { cosign } from '../../core/matter/actions';
import { assemblyRequested, checkCosign, cosignId, cosignProgress, crossesThreshold } from '../../core/matter/cosign';
import { callerOf, type ActionContext } from '../shared/handler';
import { adultElectorate } from './electorate';
import { loadMatter } from './load';
import { deliverAfterCommit } from './outbox';
import type { CosignRecord, StoredMatter } from './records';
import { appendEvents } from './timeline';

/**
 * 附议. One per person per matter, by the store's own unique id: ten taps at once make one
 * co-signature and nine ALREADY_COSIGNED, with no read-before-write to race. The count on the
 * matter moves in the same transaction; the co-signature that reaches one tenth of the adults
 * records AssemblyRequested and tells the committee.
 */
export async function cosignMatter(ctx: ActionContext<typeof cosign>): Promise<OutputOf<typeof cosign>> {
  const caller = callerOf(ctx);
  const before = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  const now = ctx.clock.now();
  const electorate = await adultElectorate(ctx.store, before.villageId, now);
  const personId = caller.personId;
  const early = checkCosign(before, personId, false);
  if (!early.ok) throw new AppError(early.code);
  // checkCosign has refused a caller without a person already; this says so to the compiler.
  if (!personId) throw new AppError('FORBIDDEN');

  const done = await ctx.store.transaction(async (tx) => {
    const m = await tx.get<StoredMatter>('matters', before._id);
    if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
    const check = checkCosign(m, personId, false);
    if (!check.ok) throw new AppError(check.code);
    try {
      await tx.insert<CosignRecord>('cosigns', {
        _id: cosignId(m._id, personId),
        villageId: m.villageId,
        matterId: m._id,
        personId,
        name: caller.name,
        at: now,
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'DUPLICATE') throw new AppError('ALREADY_COSIGNED');
      throw e;
    }
    await tx.inc('matters', m._id, { cosignCount: 1 });
    const count = m.cosignCount + 1;
    if (!crossesThreshold(m.cosignCount, electorate)) return { count, state: m.state, deliver: [] as string[] };
    const threshold = cosignProgress(count, electorate).threshold;
    const events = await appendEvents(tx, m, now, [
      {
        kind: 'AssemblyRequested',
        by: null,
        state: m.state,
        text: `已有${count}位村民附议，满了全村选民（${electorate}人）的十分之一（${threshold}人），要交村民会议表决`,
        notify: true,
      },
    ]);
    await tx.update<StoredMatter>('matters', m._id, { eventSeq: events.eventSeq });
    return { count, state: m.state, deliver: [...events.toDeliver] };
  });
  await deliverAfterCommit(ctx.store, done.deliver);
  return {
    ...cosignProgress(done.count, electorate),
    assemblyRequested: assemblyRequested(done.state, done.count, electorate),
    cosignedByMe: true,
  };
}
