import type { ActionDef } from '../action';
import type { Caller } from '../caller';
import { AppError } from '../errors';
import type { Role, VillageRole } from '../roles';

/**
 * The one permission check. Every handler goes through it (the wrapper calls it before the
 * service runs), and no handler checks roles by hand.
 *
 * A resource, when given, is the village the action touches. Village roles reach their own village
 * only; township roles reach the villages in their scope.
 */
export interface Resource {
  readonly villageId: string;
}

export type Verdict = 'allow' | 'UNAUTHENTICATED' | 'NOT_JOINED' | 'FORBIDDEN';

export function judge(caller: Caller | null, def: Pick<ActionDef, 'who'>, resource?: Resource): Verdict {
  const who = def.who;
  if (who === 'public') return resource && caller ? scope(caller, resource) : 'allow';
  if (!caller) return 'UNAUTHENTICATED';
  if (who === 'signedIn') return resource ? scope(caller, resource) : 'allow';
  if (who === 'member') {
    if (!caller.villageId && caller.scopeVillageIds.length === 0) return 'NOT_JOINED';
    return resource ? scope(caller, resource) : 'allow';
  }
  if (!caller.roles.some((r) => who.includes(r))) {
    return !caller.villageId && caller.scopeVillageIds.length === 0 ? 'NOT_JOINED' : 'FORBIDDEN';
  }
  return resource ? scope(caller, resource) : 'allow';
}

function scope(caller: Caller, resource: Resource): Verdict {
  if (caller.villageId === resource.villageId) return 'allow';
  if (caller.scopeVillageIds.includes(resource.villageId)) return 'allow';
  return 'FORBIDDEN';
}

export function can(caller: Caller | null, def: Pick<ActionDef, 'who'>, resource?: Resource): boolean {
  return judge(caller, def, resource) === 'allow';
}

export function assertCan(caller: Caller | null, def: Pick<ActionDef, 'who'>, resource?: Resource): void {
  const verdict = judge(caller, def, resource);
  if (verdict !== 'allow') throw new AppError(verdict);
}

/**
 * Who may grant or revoke each village role. Committee seats are the township's to give (the
 * committee cannot appoint itself); `villager` comes from joining, not from a grant.
 */
export const ROLE_GRANTERS: Readonly<Record<VillageRole, readonly Role[]>> = {
  villager: [],
  householdRep: ['committee', 'townshipStaff'],
  villagerDelegate: ['committee', 'townshipStaff'],
  partyMember: ['committee', 'townshipStaff'],
  gridLeader: ['committee', 'townshipStaff'],
  committee: ['townshipStaff'],
};

export function canGrantRole(caller: Caller, role: VillageRole, targetVillageId: string): boolean {
  return (
    caller.roles.some((r) => ROLE_GRANTERS[role].includes(r)) &&
    scope(caller, { villageId: targetVillageId }) === 'allow'
  );
}
