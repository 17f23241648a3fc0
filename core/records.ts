import type { Role } from './roles';

/**
 * Shapes of stored records. Times are epoch milliseconds (numbers travel the same way through
 * both stores). Every village-owned record carries villageId.
 */
export interface TownshipRecord {
  readonly _id: string;
  readonly version?: number;
  readonly name: string;
}

export interface GroupInfo {
  readonly id: string;
  readonly name: string;
}

export interface VillageRecord {
  readonly _id: string;
  readonly version?: number;
  readonly townshipId: string;
  readonly name: string;
  readonly groups: readonly GroupInfo[];
  readonly householdCount: number;
  readonly residentCount: number;
}

export interface HouseholdRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  /** Printed on paper by the committee; a villager gives it when joining. */
  readonly code: string;
  readonly groupId: string;
  readonly tags: readonly string[];
  readonly memberCount: number;
}

export interface PersonRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly householdId: string;
  readonly name: string;
  readonly gender: 'm' | 'f';
  readonly birthYear: number;
  readonly isHouseholdRep: boolean;
}

/** A mutual-aid work team (互助工作队): written by the members function, read by matters (owners). */
export interface TeamRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  /** One team's in its village (a unique index). */
  readonly name: string;
  readonly memberIds: readonly string[];
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

export interface AccountPrefs {
  readonly elderMode: boolean | null;
}

export interface AccountRecord {
  readonly _id: string;
  readonly version?: number;
  readonly name: string;
  readonly personId: string | null;
  readonly villageId: string | null;
  readonly townshipId: string | null;
  readonly roles: readonly Role[];
  readonly prefs: AccountPrefs;
  /** Demo accounts are offered on the local gateway's login page, and nowhere else. */
  readonly demo?: boolean;
  readonly createdAt: number;
}

export interface JoinRequestRecord {
  readonly _id: string;
  readonly version?: number;
  readonly accountId: string;
  readonly accountName: string;
  readonly villageId: string;
  readonly personId: string;
  readonly name: string;
  readonly householdCode: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  /** True when the person is bound to another account already (a new phone): approval moves it. */
  readonly rebind: boolean;
  readonly reason: string | null;
  readonly createdAt: number;
  readonly decidedAt: number | null;
  readonly decidedBy: string | null;
}

/** A roster person's one account. Its id is the person's id, so a person has one binding at most. */
export interface BindingRecord {
  readonly _id: string;
  readonly version?: number;
  readonly accountId: string;
  readonly villageId: string;
  readonly boundAt: number;
}
