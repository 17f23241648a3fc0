import { randomBytes } from 'node:crypto';
import type { OutputOf } from '../../core/action';
import { AppError } from '../../core/errors';
import { raise } from '../../core/matter/actions';
import { assertCan } from '../../core/policy';
import type { needToMatter } from '../../core/visits/actions';
import { NEED_CATEGORY_LABELS } from '../../core/visits/needs';
import { raiseMatter } from '../matters/raise';
import { callerOf, type ActionContext } from '../shared/handler';
import { loadVillage } from './load';
import { loadNeed } from './needs';
import type { NeedRecord } from './records';
import { needView } from './views';

/**
 * One tap from a need to a matter (民提): the matters module's own raise path, as the caller, so
 * the matter is screened, deliberated and voted on like any other. The need keeps the matter's id.
 *
 * Raising is a second store call the need's transaction cannot hold, so the need is claimed first
 * (for CLAIM_MS): a second tap meanwhile gets CONFLICT instead of raising the matter twice. A
 * crash between raising and linking leaves the claim to expire, after which a tap raises again:
 * the one window in which two matters could come of one need.
 */
const CLAIM_MS = 30_000;

type Out = OutputOf<typeof needToMatter>;

export async function needIntoMatter(ctx: ActionContext<typeof needToMatter>): Promise<Out> {
  const caller = callerOf(ctx);
  const n0 = await loadNeed(ctx.store, ctx.authorize, ctx.input.needId);
  const now = ctx.clock.now();
  if (n0.matterId) return { matterId: n0.matterId, need: needView(n0, now) };
  if (n0.status !== 'open') throw new AppError('NEED_CLOSED');
  // Raising is a villager's act: the matters policy decides, as it would for the raise button.
  assertCan(caller, raise, { villageId: n0.villageId });
  const token = randomBytes(8).toString('hex');
  const claimed = await ctx.store.transaction(async (tx) => {
    const n = await tx.get<NeedRecord>('visitNeeds', n0._id);
    if (!n) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    if (n.matterId) return n;
    if (n.matterClaim && n.matterClaim.until > now) throw new AppError('CONFLICT', '正在转成村里的事，请稍等再看');
    await tx.update<NeedRecord>('visitNeeds', n._id, { matterClaim: { token, until: now + CLAIM_MS } });
    return null;
  });
  if (claimed?.matterId) return { matterId: claimed.matterId, need: needView(claimed, now) };

  const village = await loadVillage(ctx.store, n0.villageId);
  const payload = raise.input.parse({
    title: `诉求：${n0.householdCode} ${n0.text}`.slice(0, 60),
    description:
      `${n0.text}\n\n（党员${n0.raisedByName}联户走访时记下的诉求，类别：${NEED_CATEGORY_LABELS[n0.category]}，诉求编号 ${n0._id}）`.slice(
        0,
        2000,
      ),
    category: 'general',
    ...(village.groups.some((g) => g.id === n0.groupId) ? { groupId: n0.groupId } : {}),
  });
  const matter = await raiseMatter({
    input: payload,
    caller,
    store: ctx.store,
    clock: ctx.clock,
    files: ctx.files,
    authorize: (resource) => assertCan(caller, raise, resource),
  });

  const linked = await ctx.store.transaction(async (tx) => {
    const n = await tx.get<NeedRecord>('visitNeeds', n0._id);
    if (!n) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    const next: NeedRecord = {
      ...n,
      matterId: matter.id,
      matterClaim: null,
      history: [...n.history, { at: now, kind: 'toMatter', level: n.level, byName: caller.name, text: matter.title }],
    };
    await tx.update<NeedRecord>('visitNeeds', n._id, {
      matterId: next.matterId,
      matterClaim: null,
      history: next.history,
    });
    return next;
  });
  return { matterId: matter.id, need: needView(linked, now) };
}
