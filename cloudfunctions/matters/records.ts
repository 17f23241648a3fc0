import type { Stance } from '../../core/matter/comments';
import type { Stars } from '../../core/matter/evaluation';
import type { TransitionName } from '../../core/matter/lifecycle';
import type { MatterRecord } from '../../core/matter/record';
import type { TimelineKind } from '../../core/matter/schemas';
import type { MatterSettings } from '../../core/matter/settings';
import type { MatterState, Stage } from '../../core/matter/states';
import type { VillageRecord } from '../../core/records';

/**
 * What the matters function stores, collection by collection. Every record carries villageId.
 * The matter keeps the counters a page shows (co-signers, comments, stances, ratings), updated in
 * the same transaction as the record they count, so a list or a detail never counts history.
 */

/** The rating counters, one top-level field per number of stars (the store's inc is top-level only). */
export const RATED_FIELDS = { 1: 'rated1', 2: 'rated2', 3: 'rated3', 4: 'rated4', 5: 'rated5' } as const;
export const STANCE_FIELDS = { for: 'stanceFor', against: 'stanceAgainst', neutral: 'stanceNeutral' } as const;

export type MatterPhase = 'active' | 'ended';

export interface StoredMatter extends MatterRecord {
  readonly authorName: string;
  /** stageOf(state), kept beside it so a list filtered by stage is one indexed range. */
  readonly stage: Stage | null;
  /**
   * 'ended' once nothing more can happen to it (a terminal state: closed, rejected, declined,
   * merged, withdrawn), else 'active': the list's 已结束 filter is then one indexed range. A string,
   * not a boolean, because the embedded store's indexes match strings and numbers, not JSON true.
   */
  readonly phase: MatterPhase;
  /** updatedAt and id as one sortable string: the list's order and its cursor. */
  readonly activityKey: string;
  readonly commentCount: number;
  readonly stanceFor: number;
  readonly stanceAgainst: number;
  readonly stanceNeutral: number;
  readonly rated1: number;
  readonly rated2: number;
  readonly rated3: number;
  readonly rated4: number;
  readonly rated5: number;
  /** The owner's name when it was named, so a page needs no second read. */
  readonly ownerName: string | null;
  /** The last timeline entry's number: entries are numbered per matter, in order. */
  readonly eventSeq: number;
  /**
   * Set while moveToVote is opening a motion (a second store call the matter's transaction cannot
   * include). Until it expires, other steps wait, so the motion and the step cannot fall apart.
   */
  readonly voteOpening: { readonly token: string; readonly until: number } | null;
}

export interface CosignRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly personId: string;
  readonly name: string;
  readonly at: number;
}

export interface CommentRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly parentId: string | null;
  readonly depth: number;
  readonly authorId: string;
  readonly authorName: string;
  readonly stance: Stance;
  /** Null once hidden: the words are kept in the audit entry of the hiding, not here. */
  readonly text: string | null;
  readonly hidden: boolean;
  readonly hiddenReason: string | null;
  readonly hiddenAt: number | null;
  readonly createdAt: number;
  /** The thread's order: a reply's key starts with its parent's, so replies sort under it. */
  readonly threadKey: string;
  readonly reportCount: number;
}

/** A person's say on a matter: their latest visible top-level comment (see stanceCounts). */
export interface StanceRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly personId: string;
  readonly commentId: string;
  readonly stance: Stance;
  readonly createdAt: number;
}

export interface CommentReportRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly commentId: string;
  readonly personId: string;
  readonly reason: string | null;
  readonly at: number;
}

export interface MeetingRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly heldAt: number;
  readonly place: string;
  readonly attendees: number;
  readonly minutes: string;
  readonly outcome: string;
  readonly photos: readonly string[];
  readonly recordedBy: string;
  readonly recordedByName: string;
  readonly recordedAt: number;
}

export interface MilestoneRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly title: string;
  readonly dueAt: number | null;
  readonly doneAt: number | null;
  readonly createdAt: number;
}

export interface ProgressRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly text: string;
  readonly photos: readonly string[];
  readonly percent: number;
  readonly happenedAt: number;
  readonly milestoneId: string | null;
  /** 投工投劳 this report counts (absent on reports made before it was asked). */
  readonly laborDays?: number | null;
  readonly byPersonId: string | null;
  /** Who posted it (absent on reports made before it was kept): a resent report is theirs alone. */
  readonly byAccountId?: string;
  readonly byName: string;
  readonly postedAt: number;
  /** postedAt and id: the feed's order, newest first, and its cursor. */
  readonly feedKey: string;
}

export interface RatingRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly personId: string;
  readonly stars: Stars;
  readonly comment: string | null;
  readonly at: number;
}

export interface DraftRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly accountId: string;
  readonly title: string;
  readonly description: string;
  readonly category: MatterRecord['category'] | null;
  readonly groupId: string | null;
  readonly photos: readonly string[];
  readonly savedAt: number;
}

/**
 * One timeline entry. `fanout` says whether its notifications are still to be written: 'pending'
 * until the outbox has one record per recipient, so a crash between the two is finished by a timer.
 */
export interface MatterEventRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly matterId: string;
  readonly seq: number;
  readonly at: number;
  readonly kind: TimelineKind;
  readonly transition: TransitionName | null;
  readonly byAccountId: string | null;
  readonly byPersonId: string | null;
  readonly byName: string | null;
  readonly state: MatterState | null;
  readonly text: string | null;
  readonly fanout: 'pending' | 'done' | 'none';
}

/** One notification for one person about one event; the sender (subscribe messages) reads these. */
export interface OutboxRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly personId: string;
  readonly matterId: string | null;
  readonly eventId: string;
  readonly kind: string;
  readonly title: string;
  readonly text: string | null;
  readonly at: number;
  readonly sentAt: number | null;
}

export type { TeamRecord } from '../../core/records';

/** What a village may set for its matters in its charter; absent fields take the defaults. */
export type VillageWithMatterSettings = VillageRecord & {
  readonly matterSettings?: Partial<MatterSettings>;
  /** The assembly has authorised its delegate assembly to decide reserved matters. */
  readonly delegatesAuthorised?: boolean;
};
