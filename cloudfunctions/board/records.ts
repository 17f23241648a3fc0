import type { Caller } from '../../core/caller';
import type { AccountsTable } from '../../core/board/accounts';
import type { MatterStepFacts, VoteFacts } from '../../core/board/auto';
import type { NoticeKind, NoticeSource, NoticeState, Visibility } from '../../core/board/kinds';
import type { RevisionBody } from '../../core/board/revisions';

/**
 * What the board function stores. Every record carries villageId. The notice keeps what its card
 * shows (title, counters, its place on the board) so a list page reads one indexed range and
 * nothing else; what it says, and every earlier version of it, is in its revisions.
 */

export type NoticeFacts = VoteFacts | MatterStepFacts;

export interface NoticeRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly kind: NoticeKind;
  readonly state: NoticeState;
  /**
   * 'board' once published (retracted ones stay on it, marked), 'draft' before. A string, not a
   * boolean: the embedded store's boolean match cannot use an index.
   */
  readonly shelf: 'board' | 'draft';
  readonly visibility: Visibility;
  readonly pinned: boolean;
  /** Pinned first, then newest: the board's order and its cursor (core/board/revisions listKey). */
  readonly listKey: string;
  readonly source: NoticeSource;
  /** The motion, matter or month a system notice is about; null for the committee's own. */
  readonly sourceId: string | null;
  /** For accounts: the month covered ("2026-10"), which the monthly duty counts. */
  readonly period: string | null;
  /**
   * The draft's words before publication; afterwards a copy of the current revision's, for cards
   * (the notice page reads the revisions themselves and checks them).
   */
  readonly title: string;
  readonly body: string;
  readonly revision: number;
  readonly headHash: string | null;
  readonly corrections: number;
  readonly publishedAt: number | null;
  readonly correctedAt: number | null;
  readonly retractedAt: number | null;
  readonly retractReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly createdBy: { readonly accountId: string; readonly name: string };
  readonly readCount: number;
  readonly inquiryCount: number;
  readonly openInquiries: number;
}

/** One version of a notice, never changed once written. */
export interface RevisionRecord extends Omit<RevisionBody, 'table' | 'facts'> {
  readonly _id: string;
  readonly version?: number;
  readonly table: AccountsTable | null;
  readonly facts: NoticeFacts | null;
  readonly hash: string;
  /** The audit entry that recorded it (scope = villageId): its `after.hash` must equal `hash`. */
  readonly auditSeq: number;
}

/** That an account read a notice: its id is derived from both, so a second read is a DUPLICATE. */
export interface ReadRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly noticeId: string;
  readonly accountId: string;
  readonly at: number;
}

export interface InquiryRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly noticeId: string;
  readonly noticeTitle: string;
  readonly askerAccountId: string;
  readonly askerPersonId: string | null;
  readonly askerName: string;
  readonly text: string;
  readonly askedAt: number;
  /** askedAt and id: the notice's list order and its cursor. */
  readonly askKey: string;
  /** Fixed when asked (core/board/settings inquiryDueAt). */
  readonly dueAt: number;
  /** 'open' until answered: a string so the overdue lists are one indexed range. */
  readonly state: 'open' | 'answered';
  readonly answer: { readonly text: string; readonly byAccountId: string; readonly byName: string } | null;
  readonly answeredAt: number | null;
}

/** A village's board settings; the id is the village's. */
export interface BoardSettingsRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly monthlyAccounts: boolean;
  readonly inquiryDays: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

/** Automatic notices are published by nobody in particular; the audit log and the revision say so. */
export const BOARD_SYSTEM: Caller = {
  accountId: 'system',
  name: '系统自动发布',
  personId: null,
  villageId: null,
  townshipId: null,
  roles: [],
  scopeVillageIds: [],
};
