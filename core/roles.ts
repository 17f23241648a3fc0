/** Roles held in one village (GLOSSARY.md), and the one role held above villages. */
export const VILLAGE_ROLES = [
  'villager',
  'householdRep',
  'villagerDelegate',
  'partyMember',
  'gridLeader',
  'committee',
] as const;
export const TOWNSHIP_ROLES = ['townshipStaff'] as const;

export type VillageRole = (typeof VILLAGE_ROLES)[number];
export type TownshipRole = (typeof TOWNSHIP_ROLES)[number];
export type Role = VillageRole | TownshipRole;

export const ROLES: readonly Role[] = [...VILLAGE_ROLES, ...TOWNSHIP_ROLES];

/** Plain words for the UI. */
export const ROLE_LABELS: Record<Role, string> = {
  villager: '村民',
  householdRep: '户代表',
  villagerDelegate: '村民代表',
  partyMember: '党员',
  gridLeader: '网格长',
  committee: '村两委',
  townshipStaff: '乡镇干部',
};
