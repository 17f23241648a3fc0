import type { OutputOf } from '../../core/action';
import { describeProblem, verifyChain } from '../../core/audit/chain';
import { AppError } from '../../core/errors';
import {
  auditLog,
  decideJoin,
  grantRole,
  listMembers,
  listTeams,
  pendingJoins,
  revokeRole,
  saveTeam,
} from '../../core/membership/actions';
import { canGrantRole } from '../../core/policy';
import type {
  AccountRecord,
  BindingRecord,
  HouseholdRecord,
  JoinRequestRecord,
  PersonRecord,
  VillageRecord,
} from '../../core/records';
import type { Role, VillageRole } from '../../core/roles';
import { joinView, newAccount } from '../account/join';
import { appendAudit, loadChain, sha256, type AuditHead } from '../shared/audit';
import { callerOf, route, routes, type ActionContext } from '../shared/handler';
import { PAGE_SIZE, targetVillage } from '../shared/scope';
import { saveVillageTeam, villageTeams } from './teams';
import type { Store } from '../shared/store/port';

type MemberView = OutputOf<typeof listMembers>['items'][number];

async function memberView(store: Store, a: AccountRecord): Promise<MemberView> {
  const person = a.personId ? await store.get<PersonRecord>('persons', a.personId) : null;
  const household = person ? await store.get<HouseholdRecord>('households', person.householdId) : null;
  return {
    accountId: a._id,
    name: a.name,
    personId: a.personId,
    householdCode: household?.code ?? null,
    roles: [...a.roles],
  };
}

function groupName(village: VillageRecord | null, groupId: string | undefined): string {
  return village?.groups.find((g) => g.id === groupId)?.name ?? '';
}

async function changeRole(
  ctx: ActionContext<typeof grantRole> | ActionContext<typeof revokeRole>,
  role: VillageRole,
  grant: boolean,
  reason: string | undefined,
): Promise<MemberView> {
  const caller = callerOf(ctx);
  const target = await ctx.store.get<AccountRecord>('accounts', ctx.input.accountId);
  if (!target || !target.villageId) throw new AppError('NOT_FOUND', '没有找到这个人');
  ctx.authorize({ villageId: target.villageId });
  if (!canGrantRole(caller, role, target.villageId)) {
    throw new AppError(
      'FORBIDDEN',
      role === 'committee' ? '村两委的角色只有乡镇能调整' : '“村民”身份跟着加入村子走，不能单独加减',
    );
  }
  const villageId = target.villageId;
  const updated = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<AccountRecord>('accounts', target._id);
    if (!current) throw new AppError('NOT_FOUND');
    const has = current.roles.includes(role);
    if (has === grant) return current; // already so: nothing to change, nothing to log
    const roles: Role[] = grant ? [...current.roles, role] : current.roles.filter((r) => r !== role);
    await tx.update<AccountRecord>('accounts', current._id, { roles }, { expectVersion: current.version });
    await appendAudit(tx, caller, ctx.clock.now(), {
      scope: villageId,
      action: grant ? 'members.grantRole' : 'members.revokeRole',
      target: { collection: 'accounts', id: current._id, label: current.name },
      before: { roles: current.roles },
      after: { roles },
      reason,
    });
    return { ...current, roles };
  });
  return memberView(ctx.store, updated);
}

export const membersRoutes = routes(
  route(pendingJoins, async (ctx) => {
    const village = await targetVillage(ctx);
    const pending = await ctx.store.find<JoinRequestRecord>(
      'joinRequests',
      { villageId: village._id, status: 'pending' },
      { sort: [['createdAt', 'asc']], limit: 200 },
    );
    return Promise.all(
      pending.map(async (r) => {
        const person = await ctx.store.get<PersonRecord>('persons', r.personId);
        const household = person ? await ctx.store.get<HouseholdRecord>('households', person.householdId) : null;
        const binding = await ctx.store.get<BindingRecord>('bindings', r.personId);
        return {
          ...(await joinView(ctx.store, r)),
          person: {
            name: person?.name ?? r.name,
            birthYear: person?.birthYear ?? 0,
            groupName: groupName(village, household?.groupId),
          },
          currentAccountId: binding?.accountId ?? null,
        };
      }),
    );
  }),

  route(decideJoin, async (ctx) => {
    const caller = callerOf(ctx);
    const request = await ctx.store.get<JoinRequestRecord>('joinRequests', ctx.input.requestId);
    if (!request) throw new AppError('NOT_FOUND', '没有这条申请');
    ctx.authorize({ villageId: request.villageId });
    const village = await ctx.store.get<VillageRecord>('villages', request.villageId);
    const person = await ctx.store.get<PersonRecord>('persons', request.personId);
    if (!village || !person) throw new AppError('NOT_FOUND', '花名册里已经没有这个人了');
    const now = ctx.clock.now();
    const input = ctx.input;

    const decided = await ctx.store.transaction(async (tx) => {
      const r = await tx.get<JoinRequestRecord>('joinRequests', request._id);
      if (!r || r.status !== 'pending' || r.personId !== request.personId) throw new AppError('ALREADY_DECIDED');
      const patch = {
        status: input.approve ? ('approved' as const) : ('rejected' as const),
        reason: input.approve ? null : input.reason,
        decidedAt: now,
        decidedBy: caller.accountId,
      };
      let moved: Role[] = [];
      if (input.approve) {
        const account = await tx.get<AccountRecord>('accounts', r.accountId);
        if (account?.personId && account.personId !== r.personId)
          throw new AppError('ALREADY_JOINED', '这个微信已经绑定了别人');
        const binding = await tx.get<BindingRecord>('bindings', r.personId);
        if (binding && binding.accountId !== r.accountId) {
          // A new phone: the old account lets go of the person and hands over its roles.
          const old = await tx.get<AccountRecord>('accounts', binding.accountId);
          if (old) {
            moved = [...old.roles];
            await tx.update<AccountRecord>('accounts', old._id, {
              personId: null,
              villageId: null,
              townshipId: null,
              roles: [],
            });
          }
        }
        const fresh = newAccount(r.accountId, person, village, now);
        const roles = [...new Set<Role>([...fresh.roles, ...moved, ...(account?.roles ?? [])])];
        if (account) {
          await tx.update<AccountRecord>('accounts', account._id, {
            name: person.name,
            personId: person._id,
            villageId: village._id,
            townshipId: village.townshipId,
            roles,
          });
        } else {
          await tx.insert<AccountRecord>('accounts', { ...fresh, roles });
        }
        await tx.set<BindingRecord>('bindings', {
          _id: person._id,
          accountId: r.accountId,
          villageId: village._id,
          boundAt: now,
        });
      }
      await tx.update<JoinRequestRecord>('joinRequests', r._id, patch, { expectVersion: r.version });
      await appendAudit(tx, caller, now, {
        scope: village._id,
        action: input.approve ? 'members.approveJoin' : 'members.rejectJoin',
        target: { collection: 'joinRequests', id: r._id, label: `${r.name}（户号 ${r.householdCode}）` },
        before: { status: r.status, personId: r.personId, accountId: r.accountId },
        after: { status: patch.status, rebind: r.rebind, rolesMoved: moved },
        reason: input.approve ? undefined : input.reason,
      });
      return { ...r, ...patch };
    });
    return joinView(ctx.store, decided);
  }),

  route(listMembers, async (ctx) => {
    const village = await targetVillage(ctx, ctx.input.villageId);
    // Roles live in an array, outside the filter subset: filter after reading one village's accounts.
    const all = await ctx.store.find<AccountRecord>(
      'accounts',
      { villageId: village._id },
      { sort: [['name', 'asc']], limit: 10_000 },
    );
    const matching = ctx.input.role ? all.filter((a) => a.roles.includes(ctx.input.role as Role)) : all;
    const start = ctx.input.page * PAGE_SIZE;
    const items = await Promise.all(matching.slice(start, start + PAGE_SIZE).map((a) => memberView(ctx.store, a)));
    return { items, total: matching.length, page: ctx.input.page, pageSize: PAGE_SIZE };
  }),

  route(grantRole, (ctx) => changeRole(ctx, ctx.input.role, true, ctx.input.reason)),
  route(revokeRole, (ctx) => changeRole(ctx, ctx.input.role, false, ctx.input.reason)),

  route(auditLog, async (ctx) => {
    const village = await targetVillage(ctx, ctx.input.villageId);
    const entries = await loadChain(ctx.store, village._id);
    const head = await ctx.store.get<AuditHead>('auditHeads', village._id);
    const problems = verifyChain(entries, head, sha256).map(describeProblem);
    const newestFirst = [...entries].reverse();
    const start = ctx.input.page * PAGE_SIZE;
    return {
      items: newestFirst.slice(start, start + PAGE_SIZE).map((e) => ({
        seq: e.seq,
        at: e.at,
        actorName: e.actor.name,
        action: e.action,
        target: e.target.label ?? `${e.target.collection}/${e.target.id}`,
        before: e.before,
        after: e.after,
        reason: e.reason ?? null,
        hash: e.hash,
      })),
      total: entries.length,
      page: ctx.input.page,
      pageSize: PAGE_SIZE,
      intact: problems.length === 0,
      problems,
    };
  }),

  route(listTeams, villageTeams),
  route(saveTeam, saveVillageTeam),
);
