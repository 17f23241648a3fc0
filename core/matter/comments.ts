import type { ErrorCode } from '../errors';
import { derivedId } from './ids';
import { isTerminal, type MatterState } from './states';

/**
 * Comments in deliberation (民事民议): each says where its writer stands: for, against, or neutral
 * (a question, a fact, a worry). Threads stay shallow so an elder can follow them on a phone: a
 * comment, a reply to it, and a reply to that reply; no deeper.
 */

export const STANCES = [
  { id: 'for', label: '赞成' },
  { id: 'against', label: '反对' },
  { id: 'neutral', label: '说说看法' },
] as const;
export type Stance = (typeof STANCES)[number]['id'];
export const STANCE_IDS = STANCES.map((s) => s.id) as [Stance, ...Stance[]];

/** Depth of a top-level comment is 0; replies are 1 and 2. */
export const MAX_REPLY_DEPTH = 2;

/** Talk stays open until the matter is over; a finished matter's page is a record, not a forum. */
export function commentsOpen(state: MatterState): boolean {
  return !isTerminal(state);
}

export interface ParentComment {
  readonly matterId: string;
  readonly depth: number;
}

export type CommentPlacement =
  { readonly ok: true; readonly depth: number } | { readonly ok: false; readonly code: ErrorCode };

/** Where a new comment goes, or why it cannot be posted. */
export function placeComment(
  matter: { readonly _id: string; readonly state: MatterState },
  parent: ParentComment | null,
): CommentPlacement {
  if (!commentsOpen(matter.state)) return { ok: false, code: 'COMMENTS_CLOSED' };
  if (!parent) return { ok: true, depth: 0 };
  // A reply to a comment on another matter is a forged or stale parent id: the same as not finding it.
  if (parent.matterId !== matter._id) return { ok: false, code: 'NOT_FOUND' };
  const depth = parent.depth + 1;
  if (depth > MAX_REPLY_DEPTH) return { ok: false, code: 'REPLY_TOO_DEEP' };
  return { ok: true, depth };
}

export interface StanceComment {
  readonly authorId: string;
  readonly stance: Stance;
  readonly depth: number;
  readonly hidden: boolean;
  readonly createdAt: number;
}

export interface StanceCounts {
  readonly for: number;
  readonly against: number;
  readonly neutral: number;
}

/**
 * How many people are for, against or neutral. A person counts once, by their latest visible
 * top-level comment: saying "against" five times is one voice, a change of mind replaces the old
 * one, and a reply's stance is about the comment it answers, not the matter. Hidden comments do not
 * count, since nobody can read them.
 */
export function stanceCounts(comments: readonly StanceComment[]): StanceCounts {
  const latest = new Map<string, StanceComment>();
  for (const c of comments) {
    if (c.depth !== 0 || c.hidden) continue;
    const seen = latest.get(c.authorId);
    if (!seen || c.createdAt >= seen.createdAt) latest.set(c.authorId, c);
  }
  const counts = { for: 0, against: 0, neutral: 0 };
  for (const c of latest.values()) counts[c.stance] += 1;
  return counts;
}

/** One report per person per comment; a second report is a no-op rather than an error. */
export function reportId(commentId: string, personId: string): string {
  return derivedId('report', commentId, personId);
}
