import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import type { AccountRecord, HouseholdRecord, VillageRecord } from '../../core/records';
import type { assign, assignments, history, unassign } from '../../core/visits/actions';
import { assignmentIdOf } from '../../core/visits/ids';
import { rangeWarning, type VisitSettings } from '../../core/visits/settings';
import { callerOf, type ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import type { DocOps } from '../shared/store/port';
import { loadHousehold, loadSettings, loadVillage, partyMemberOf } from './load';
import {
  STANDING_FIELDS,
  type ContactAssignmentRecord,
  type VisitHouseholdRecord,
  type VisitMemberRecord,
} from './records';
import { findAll, gridStandingBase, StatsWriter } from './stats';
import { currentTaskFor, syncHousehold, type Member } from './tasks';

/**
 * 党员联系户: who looks after which household. Every change closes the household's current
 * assignment (kept, with its end) and opens a new one, so the history is never rewritten. Each
 * call is one transaction: the households, the assignments, the member's count, the open tasks
 * that move with them and every counter land together.
 */

async function loadHouseholds(
  ctx: { store: DocOps; authorize: (r: { villageId: string }) => void },
  ids: readonly string[],
) {
  const out: HouseholdRecord[] = [];
  for (const id of ids) out.push(await loadHousehold(ctx.store, ctx.authorize, id));
  return out;
}

/** Adds `delta` to a member's household count, creating the member's record on first use. */
async function countMember(tx: DocOps, member: Member, village: VillageRecord, delta: number): Promise<number> {
  const m = await tx.get<VisitMemberRecord>('visitMembers', member.id);
  if (!m) {
    await tx.set<VisitMemberRecord>('visitMembers', {
      _id: member.id,
      villageId: village._id,
      townshipId: village.townshipId,
      name: member.name,
      householdCount: Math.max(0, delta),
    });
    return Math.max(0, delta);
  }
  await tx.inc('visitMembers', member.id, { householdCount: delta });
  return m.householdCount + delta;
}

interface Change {
  readonly to: Member | null;
  readonly reason: string | null;
}

/** Moves one household to `change.to` (null: nobody). Returns false when nothing changed. */
async function reassign(
  tx: DocOps,
  w: StatsWriter,
  caller: Caller,
  village: VillageRecord,
  settings: VisitSettings,
  h: HouseholdRecord,
  change: Change,
  now: number,
): Promise<boolean> {
  const vh = await syncHousehold(tx, w, h, village.townshipId);
  const from = vh.memberId;
  if (from === (change.to?.id ?? null)) return false;
  if (from) {
    await tx.update<ContactAssignmentRecord>('contactAssignments', assignmentIdOf(vh._id, vh.assignmentSeq), {
      to: now,
      endedByName: caller.name,
    });
    await countMember(tx, { id: from, name: vh.memberName ?? '' }, village, -1);
  }
  let seq = vh.assignmentSeq;
  if (change.to) {
    seq += 1;
    await tx.insert<ContactAssignmentRecord>('contactAssignments', {
      _id: assignmentIdOf(vh._id, seq),
      villageId: vh.villageId,
      householdId: vh._id,
      groupId: vh.groupId,
      memberId: change.to.id,
      memberName: change.to.name,
      from: now,
      to: null,
      byName: caller.name,
      endedByName: null,
      reason: change.reason,
    });
  }
  const assignedDelta = (change.to ? 1 : 0) - (from ? 1 : 0);
  if (assignedDelta !== 0) w.add(gridStandingBase(vh), { [STANDING_FIELDS.assigned]: assignedDelta });
  const next: VisitHouseholdRecord = {
    ...vh,
    memberId: change.to?.id ?? null,
    memberName: change.to?.name ?? null,
    since: change.to ? now : null,
    assignmentSeq: seq,
  };
  await tx.update<VisitHouseholdRecord>('visitHouseholds', vh._id, {
    memberId: next.memberId,
    memberName: next.memberName,
    since: next.since,
    assignmentSeq: seq,
  });
  // The period under way is the new member's to do (or nobody's: a gap); what is past stays put.
  await currentTaskFor(tx, w, next, change.to, settings, now);
  return true;
}

export async function assignHouseholds(ctx: ActionContext<typeof assign>): Promise<OutputOf<typeof assign>> {
  const caller = callerOf(ctx);
  const households = await loadHouseholds(ctx, ctx.input.householdIds);
  const villageId = households[0].villageId;
  const member = await partyMemberOf(ctx.store, ctx.input.memberId, villageId);
  const village = await loadVillage(ctx.store, villageId);
  const settings = await loadSettings(ctx.store, villageId);
  const now = ctx.clock.now();
  const to: Member = { id: member.personId, name: member.name };
  const r = await ctx.store.transaction(async (tx) => {
    const w = new StatsWriter();
    let changed = 0;
    for (const h of households) {
      if (await reassign(tx, w, caller, village, settings, h, { to, reason: ctx.input.reason ?? null }, now))
        changed += 1;
    }
    const count =
      changed > 0
        ? await countMember(tx, to, village, changed)
        : ((await tx.get<VisitMemberRecord>('visitMembers', to.id))?.householdCount ?? 0);
    await w.flush(tx);
    return { changed, count };
  });
  return {
    memberId: to.id,
    memberName: to.name,
    households: r.count,
    changed: r.changed,
    unchanged: households.length - r.changed,
    warning: rangeWarning(r.count, settings),
  };
}

export async function unassignHouseholds(ctx: ActionContext<typeof unassign>): Promise<OutputOf<typeof unassign>> {
  const caller = callerOf(ctx);
  const households = await loadHouseholds(ctx, ctx.input.householdIds);
  const villageId = households[0].villageId;
  const village = await loadVillage(ctx.store, villageId);
  const settings = await loadSettings(ctx.store, villageId);
  const now = ctx.clock.now();
  const changed = await ctx.store.transaction(async (tx) => {
    const w = new StatsWriter();
    let n = 0;
    for (const h of households) {
      if (await reassign(tx, w, caller, village, settings, h, { to: null, reason: ctx.input.reason ?? null }, now))
        n += 1;
    }
    await w.flush(tx);
    return n;
  });
  return { changed, unchanged: households.length - changed };
}

export async function listAssignments(ctx: ActionContext<typeof assignments>): Promise<OutputOf<typeof assignments>> {
  const village = await targetVillage(ctx, ctx.input.villageId);
  const settings = await loadSettings(ctx.store, village._id);
  const groupId = ctx.input.groupId;
  const inGroup = <T extends { groupId: string }>(x: T): boolean => groupId === undefined || x.groupId === groupId;
  // The roster and the contact state of one village: bounded by its size, not by history.
  const roster = (await findAll<HouseholdRecord>(ctx.store, 'households', { villageId: village._id })).filter(inGroup);
  const state = new Map(
    (await findAll<VisitHouseholdRecord>(ctx.store, 'visitHouseholds', { villageId: village._id })).map((v) => [
      v._id,
      v,
    ]),
  );
  const accounts = await findAll<AccountRecord>(ctx.store, 'accounts', { villageId: village._id });
  const members = new Map<
    string,
    { name: string; households: Array<{ id: string; code: string; groupId: string; tags: string[] }> }
  >();
  for (const a of accounts)
    if (a.personId && a.roles.includes('partyMember')) members.set(a.personId, { name: a.name, households: [] });
  const gaps: Array<{ id: string; code: string; groupId: string; tags: string[] }> = [];
  for (const h of roster) {
    const brief = { id: h._id, code: h.code, groupId: h.groupId, tags: [...h.tags] };
    const memberId = state.get(h._id)?.memberId ?? null;
    if (!memberId) {
      gaps.push(brief);
      continue;
    }
    const m = members.get(memberId) ?? { name: state.get(h._id)?.memberName ?? '', households: [] };
    m.households.push(brief);
    members.set(memberId, m);
  }
  const rows = [...members.entries()]
    // In a grid's view, members without households there are not its members.
    .filter(([, m]) => groupId === undefined || m.households.length > 0)
    .map(([memberId, m]) => ({
      memberId,
      name: m.name,
      households: m.households,
      count: m.households.length,
      warning: rangeWarning(m.households.length, settings),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.memberId.localeCompare(b.memberId));
  return {
    villageId: village._id,
    range: { min: settings.minPerMember, max: settings.maxPerMember },
    members: rows,
    gaps,
  };
}

export async function assignmentHistory(ctx: ActionContext<typeof history>): Promise<OutputOf<typeof history>> {
  const h = await loadHousehold(ctx.store, ctx.authorize, ctx.input.householdId);
  const rows = await ctx.store.find<ContactAssignmentRecord>(
    'contactAssignments',
    { householdId: h._id },
    { sort: [['from', 'desc']], limit: 200 },
  );
  return rows.map((r) => ({
    memberId: r.memberId,
    memberName: r.memberName,
    from: r.from,
    to: r.to,
    byName: r.byName,
    endedByName: r.endedByName,
    reason: r.reason,
  }));
}
