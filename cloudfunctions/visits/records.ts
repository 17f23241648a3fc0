import type { z } from 'zod';
import type { NeedCategory, NeedLevel, Urgency } from '../../core/visits/needs';
import type { MonthKey, PeriodKind } from '../../core/visits/periods';
import type { Location, NeedHistoryEntry } from '../../core/visits/schemas';
import type { VisitSettings } from '../../core/visits/settings';

/**
 * What the visits function stores, collection by collection. Every record carries villageId (and
 * townshipId where a township's dashboard reads it). Counters live in visitStats and are written in
 * the same transaction as the records they count, so a dashboard reads counters, never history.
 */

export interface VisitSettingsRecord extends VisitSettings {
  readonly _id: string;
  readonly version?: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

/**
 * A household as the contact work sees it: its grid, its tags and who looks after it now. Created
 * for every household of the roster by generation (so gaps are a plain query), or by an assignment
 * or a check-in that comes first. memberId null: a gap.
 */
export interface VisitHouseholdRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly townshipId: string;
  readonly groupId: string;
  readonly code: string;
  readonly tags: readonly string[];
  readonly memberId: string | null;
  readonly memberName: string | null;
  readonly since: number | null;
  /** How many assignments the household has had: the next one's id is derived from it. */
  readonly assignmentSeq: number;
  readonly lastVisitAt: number | null;
  readonly visitCount: number;
}

/** One spell of one member looking after one household. Closed (to set), never deleted. */
export interface ContactAssignmentRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly householdId: string;
  readonly groupId: string;
  readonly memberId: string;
  readonly memberName: string;
  readonly from: number;
  readonly to: number | null;
  readonly byName: string;
  readonly endedByName: string | null;
  readonly reason: string | null;
}

/** A party member's standing count of households, for the range warning. Id: the person's id. */
export interface VisitMemberRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly townshipId: string;
  readonly name: string;
  readonly householdCount: number;
}

/**
 * `stage` is what the timers have done about a task, so each notice goes out once: open →
 * reminded → overdue (grid leader told), or done at any point. Whether it is due or overdue is
 * never read from here: core/visits/status.ts decides from the times.
 */
export type TaskStage = 'open' | 'reminded' | 'overdue' | 'done';

export interface VisitTaskRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly townshipId: string;
  readonly groupId: string;
  readonly householdId: string;
  readonly householdCode: string;
  readonly tags: readonly string[];
  /** Whose task it is (the household's member when made or reassigned); null for a gap. */
  readonly memberId: string | null;
  readonly memberName: string | null;
  readonly periodKind: PeriodKind;
  readonly periodKey: string;
  readonly month: MonthKey;
  readonly startAt: number;
  readonly dueAt: number;
  readonly remindAt: number;
  readonly stage: TaskStage;
  readonly doneAt: number | null;
  readonly visitId: string | null;
  readonly createdAt: number;
}

export type LocationValue = z.output<typeof Location>;

export interface MomentRecord {
  readonly at: number;
  /** null: not asked (an old phone, a visit written up afterwards). A refusal is a value, not null. */
  readonly location: LocationValue | null;
  readonly photos: readonly string[];
}

export interface VisitRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly townshipId: string;
  readonly groupId: string;
  readonly householdId: string;
  readonly householdCode: string;
  /** The visitor (a roster person); may differ from the task's member when someone stands in. */
  readonly memberId: string;
  readonly memberName: string;
  readonly accountId: string;
  readonly clientId: string;
  /** start.at, top-level so lists can sort on it. */
  readonly startedAt: number;
  readonly start: MomentRecord;
  readonly end: MomentRecord;
  readonly receivedAt: number;
  readonly met: ReadonlyArray<{ readonly personId: string; readonly name: string }>;
  readonly metOthers: string;
  readonly notes: string;
  readonly periodKey: string;
  readonly taskId: string;
  readonly needIds: readonly string[];
}

export type NeedHistoryValue = z.output<typeof NeedHistoryEntry>;

export interface NeedRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly townshipId: string;
  readonly groupId: string;
  readonly householdId: string;
  readonly householdCode: string;
  readonly visitId: string;
  readonly category: NeedCategory;
  readonly urgency: Urgency;
  readonly text: string;
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly raisedById: string;
  readonly raisedByName: string;
  readonly createdAt: number;
  readonly level: NeedLevel;
  readonly levelSince: number;
  readonly deadlineAt: number;
  readonly status: 'open' | 'closed';
  readonly closedAt: number | null;
  readonly closeOut: {
    readonly at: number;
    readonly byName: string;
    readonly text: string;
    readonly photos: readonly string[];
  } | null;
  readonly matterId: string | null;
  /** Held while a matter is being raised from it (a second store call the need's transaction cannot include). */
  readonly matterClaim: { readonly token: string; readonly until: number } | null;
  readonly history: readonly NeedHistoryValue[];
  /** createdAt and id: the list's order (newest first) and its cursor. */
  readonly listKey: string;
}

/**
 * Counters. Three kinds, each small and each written by few hands (no village- or township-wide
 * hot document; the village is the sum of its grids, the township of its villages' grids):
 * - memberPeriod: one member's tasks in one grid in one reporting month (t_/d_ buckets, visits);
 * - gridPeriod:   one grid's tasks in one reporting month (t_/d_ buckets, visits);
 * - grid:         one grid's standing numbers (households, assigned, needs raised/closed/open).
 */
export type StatsKind = 'memberPeriod' | 'gridPeriod' | 'grid';

export interface StatsBase {
  readonly _id: string;
  readonly kind: StatsKind;
  readonly villageId: string;
  readonly townshipId: string;
  readonly groupId: string;
  /** '' for the standing kind. */
  readonly month: string;
  readonly memberId: string | null;
  readonly memberName: string | null;
}

export interface VisitStatsRecord extends StatsBase {
  readonly version?: number;
  readonly [field: string]: unknown;
}

export const STANDING_FIELDS = {
  households: 'households',
  assigned: 'assigned',
  raised: 'needsRaised',
  closed: 'needsClosed',
  open: { village: 'openVillage', township: 'openTownship', county: 'openCounty' },
} as const;

export interface GenerationMarker {
  readonly _id: string;
  readonly version?: number;
  readonly at: number;
  readonly created: number;
}
