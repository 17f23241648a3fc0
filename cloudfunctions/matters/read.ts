import type { OutputOf } from '../../core/action';
import type { get, groups, list } from '../../core/matter/actions';
import { callerOf, type ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import type { Filter } from '../shared/store/port';
import { adultElectorate } from './electorate';
import { loadMatter } from './load';
import { page } from './paging';
import type { StoredMatter } from './records';
import { matterSummary, matterView } from './view';

/**
 * The list and the page of a matter. Both cost the same at 100 matters or 10,000: the list is one
 * indexed range read `limit + 1` deep (the extra row says whether there is a next page), and the
 * page reads the record, with its counters, by id.
 */
export async function listMatters(ctx: ActionContext<typeof list>): Promise<OutputOf<typeof list>> {
  const caller = callerOf(ctx);
  const village = await targetVillage(ctx, ctx.input.villageId);
  const now = ctx.clock.now();
  const { stage, groupId, mine, overdue, ended, cursor, limit } = ctx.input;
  const parts: Filter[] = [{ villageId: village._id }];
  if (mine) {
    // Township staff raise nothing: "mine" is empty for them, not everything.
    if (!caller.personId) return { items: [], nextCursor: null };
    parts.push({ authorId: caller.personId });
  }
  if (stage) parts.push({ stage });
  if (groupId) parts.push({ groupId });
  // Overdue: still raised, and its screening deadline (exclusive) has come.
  if (overdue) parts.push({ state: 'raised' }, { screeningDueAt: { $lte: now } });
  if (ended) parts.push({ phase: 'ended' });
  if (cursor) parts.push({ activityKey: { $lt: cursor } });
  const rows = await ctx.store.find<StoredMatter>(
    'matters',
    { $and: parts },
    { sort: [['activityKey', 'desc']], limit: limit + 1 },
  );
  const p = page(rows, limit, (m) => m.activityKey);
  return { items: p.items.map((m) => matterSummary(m, caller, now)), nextCursor: p.nextCursor };
}

export async function getMatter(ctx: ActionContext<typeof get>): Promise<OutputOf<typeof get>> {
  const caller = callerOf(ctx);
  const matter = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  const now = ctx.clock.now();
  return matterView(ctx.store, caller, now, matter, await adultElectorate(ctx.store, matter.villageId, now));
}

/** The village's groups (村民小组), as the roster import left them on the village record. */
export async function listGroups(ctx: ActionContext<typeof groups>): Promise<OutputOf<typeof groups>> {
  const village = await targetVillage(ctx, ctx.input.villageId);
  return village.groups.map((g) => ({ id: g.id, name: g.name }));
}
