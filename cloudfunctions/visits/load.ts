import { AppError } from '../../core/errors';
import type { AccountRecord, BindingRecord, HouseholdRecord, PersonRecord, VillageRecord } from '../../core/records';
import { visitSettings, type VisitSettings } from '../../core/visits/settings';
import type { DocOps } from '../shared/store/port';
import type { VisitSettingsRecord } from './records';

/**
 * Reading what an action works on. Each record is checked against the policy with its own village
 * (authorize), never a village named in the body, so a 石桥村 id in a 桃源村 request is FORBIDDEN.
 */
type Authorize = (resource: { villageId: string }) => void;
type Reader = Pick<DocOps, 'get'>;

export async function loadSettings(ops: Reader, villageId: string): Promise<VisitSettings> {
  const stored = await ops.get<VisitSettingsRecord>('visitSettings', villageId);
  if (!stored) return visitSettings();
  return visitSettings({
    minPerMember: stored.minPerMember,
    maxPerMember: stored.maxPerMember,
    defaultCadence: stored.defaultCadence,
    tagCadence: stored.tagCadence,
    remindDays: stored.remindDays,
    needDays: stored.needDays,
  });
}

export async function loadHousehold(ops: Reader, authorize: Authorize, householdId: string): Promise<HouseholdRecord> {
  const h = await ops.get<HouseholdRecord>('households', householdId);
  if (!h) throw new AppError('NOT_FOUND', '没有找到这一户');
  authorize({ villageId: h.villageId });
  return h;
}

export async function loadVillage(ops: Reader, villageId: string): Promise<VillageRecord> {
  const v = await ops.get<VillageRecord>('villages', villageId);
  if (!v) throw new AppError('NOT_FOUND', '没有这个村');
  return v;
}

export function groupName(village: VillageRecord, groupId: string): string {
  return village.groups.find((g) => g.id === groupId)?.name ?? groupId;
}

/**
 * A party member of the village, by roster person: the person's bound account must hold the
 * partyMember role in this village. Persons carry no roles; accounts do.
 */
export async function partyMemberOf(
  ops: Reader,
  personId: string,
  villageId: string,
): Promise<{ personId: string; name: string }> {
  const binding = await ops.get<BindingRecord>('bindings', personId);
  const account = binding ? await ops.get<AccountRecord>('accounts', binding.accountId) : null;
  if (
    !account ||
    account.villageId !== villageId ||
    account.personId !== personId ||
    !account.roles.includes('partyMember')
  ) {
    throw new AppError('NOT_PARTY_MEMBER');
  }
  return { personId, name: account.name };
}

/** A person of the village, e.g. a need's owner. */
export async function villagePerson(ops: Reader, personId: string, villageId: string): Promise<PersonRecord> {
  const p = await ops.get<PersonRecord>('persons', personId);
  if (!p || p.villageId !== villageId) throw new AppError('NOT_FOUND', '村里没有这个人');
  return p;
}

/** A person's grid: the group of their own household (网格 is usually one 组). */
export async function gridOfPerson(ops: Reader, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const p = await ops.get<PersonRecord>('persons', personId);
  const h = p ? await ops.get<HouseholdRecord>('households', p.householdId) : null;
  return h?.groupId ?? null;
}
