import { randomBytes } from 'node:crypto';
import type { OutputOf } from '../../core/action';
import { AppError } from '../../core/errors';
import { VILLAGE_MAX_TEAMS, type listTeams, type saveTeam } from '../../core/membership/actions';
import type { HouseholdRecord, PersonRecord, TeamRecord } from '../../core/records';
import { appendAudit } from '../shared/audit';
import { callerOf, type ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import type { DocOps } from '../shared/store/port';

/**
 * 互助工作队: the committee registers a village's mutual-aid work teams and their members (people on
 * the village's roster); a matter's work may then be handed to a team, whose members report on it.
 * A name belongs to one team in its village: the store's unique index says so, not an earlier read,
 * so two phones registering 修路队 at once make one team. Every change goes into the audit log.
 */
type TeamView = OutputOf<typeof saveTeam>;

async function teamView(store: Pick<DocOps, 'get'>, t: TeamRecord): Promise<TeamView> {
  const members = await Promise.all(
    t.memberIds.map(async (personId) => {
      const person = await store.get<PersonRecord>('persons', personId);
      const household = person ? await store.get<HouseholdRecord>('households', person.householdId) : null;
      return { personId, name: person?.name ?? '（花名册上已没有此人）', householdCode: household?.code ?? null };
    }),
  );
  return { id: t._id, name: t.name, members, updatedAt: t.updatedAt ?? t.createdAt ?? 0 };
}

/** The village's teams, by name, with their members. */
export async function villageTeams(ctx: ActionContext<typeof listTeams>): Promise<OutputOf<typeof listTeams>> {
  const village = await targetVillage(ctx, ctx.input.villageId);
  const rows = await ctx.store.find<TeamRecord>('teams', { villageId: village._id }, { limit: VILLAGE_MAX_TEAMS });
  const views = await Promise.all(rows.map((t) => teamView(ctx.store, t)));
  return views.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function duplicate(e: unknown): boolean {
  return e instanceof AppError && e.code === 'DUPLICATE';
}

/** Registers a team, or renames it or changes its members. */
export async function saveVillageTeam(ctx: ActionContext<typeof saveTeam>): Promise<TeamView> {
  const caller = callerOf(ctx);
  const { teamId, reason } = ctx.input;
  // A team is changed in its own village, which the policy must let the caller reach.
  const known = teamId ? await ctx.store.get<TeamRecord>('teams', teamId) : null;
  if (teamId && !known) throw new AppError('NOT_FOUND', '村里没有这个互助工作队');
  const villageId = known ? known.villageId : (await targetVillage(ctx))._id;
  ctx.authorize({ villageId });
  // One space between words, whatever was typed: 修路 队 and 修路  队 are one name.
  const name = ctx.input.name.replace(/\s+/g, ' ');
  const memberIds = [...new Set(ctx.input.memberIds)];
  const names: string[] = [];
  for (const personId of memberIds) {
    const person = await ctx.store.get<PersonRecord>('persons', personId);
    if (!person || person.villageId !== villageId) throw new AppError('NOT_FOUND', '队员要是本村花名册上的人');
    names.push(person.name);
  }
  const now = ctx.clock.now();
  const after = { name, members: names };

  if (!teamId) {
    const existing = await ctx.store.count('teams', { villageId });
    if (existing >= VILLAGE_MAX_TEAMS) throw new AppError('TOO_MANY_TEAMS');
    const team: TeamRecord = {
      _id: `tm_${randomBytes(10).toString('hex')}`,
      villageId,
      name,
      memberIds,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await ctx.store.transaction(async (tx) => {
        await tx.insert<TeamRecord>('teams', team);
        await appendAudit(tx, caller, now, {
          scope: villageId,
          action: 'members.saveTeam',
          target: { collection: 'teams', id: team._id, label: name },
          before: null,
          after,
          reason,
        });
      });
    } catch (e) {
      if (!duplicate(e)) throw e;
      // The name is taken. By the same team sent twice (a double tap, a retry after a timeout)? Then
      // that is the answer; by another team, the committee has to choose another name.
      const [same] = await ctx.store.find<TeamRecord>('teams', { villageId, name }, { limit: 1 });
      if (same && sameMembers(same.memberIds, memberIds)) return teamView(ctx.store, same);
      throw new AppError('TEAM_NAME_TAKEN');
    }
    return teamView(ctx.store, team);
  }

  const saved = await ctx.store
    .transaction(async (tx) => {
      const current = await tx.get<TeamRecord>('teams', teamId);
      if (!current || current.villageId !== villageId) throw new AppError('NOT_FOUND', '村里没有这个互助工作队');
      if (current.name === name && sameMembers(current.memberIds, memberIds)) return current; // nothing to change
      const next: TeamRecord = { ...current, name, memberIds, updatedAt: now };
      await tx.update<TeamRecord>(
        'teams',
        current._id,
        { name, memberIds, updatedAt: now },
        { expectVersion: current.version },
      );
      const before = await teamView(tx, current);
      await appendAudit(tx, caller, now, {
        scope: villageId,
        action: 'members.saveTeam',
        target: { collection: 'teams', id: current._id, label: name },
        before: { name: before.name, members: before.members.map((m) => m.name) },
        after,
        reason,
      });
      return next;
    })
    .catch((e: unknown) => {
      if (duplicate(e)) throw new AppError('TEAM_NAME_TAKEN');
      throw e;
    });
  return teamView(ctx.store, saved);
}
