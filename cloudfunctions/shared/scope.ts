import type { ActionDef } from '../../core/action';
import { AppError } from '../../core/errors';
import type { VillageRecord } from '../../core/records';
import { callerOf, type ActionContext } from './handler';

/**
 * The village an action works on: the one named in the request if the policy lets the caller reach
 * it (township staff, for their villages), else the caller's own. Never taken on trust.
 */
export async function targetVillage<A extends ActionDef>(
  ctx: ActionContext<A>,
  requested?: string,
): Promise<VillageRecord> {
  const caller = callerOf(ctx);
  const id = requested ?? caller.villageId;
  if (!id) throw new AppError('NOT_FOUND', '请先选一个村');
  ctx.authorize({ villageId: id });
  const village = await ctx.store.get<VillageRecord>('villages', id);
  if (!village) throw new AppError('NOT_FOUND', '没有这个村');
  return village;
}

export const PAGE_SIZE = 20;
