import type { MatterCategory } from '../categories';
import { screeningDue } from './screening';
import { DEFAULT_SCREENING_DAYS } from './settings';
import type { MatterState, Stage } from './states';

/**
 * The stored shape of a matter (collection `matters`). Times are epoch ms. Counters the rules read
 * (co-signers, meetings) live on the record so a transition needs one read; comments, ratings and
 * progress posts are their own records.
 */

/** Who carries the work out (民事民办): a mutual-aid team or one person. */
export type MatterOwner =
  { readonly kind: 'team'; readonly teamId: string } | { readonly kind: 'person'; readonly personId: string };

/** How a matter reached `implementing`: by the villagers' vote, or by the committee for non-reserved matters. */
export type DecidedBy = 'vote' | 'committee';

export interface MatterRecord {
  readonly _id: string;
  readonly version?: number;
  readonly villageId: string;
  readonly title: string;
  readonly description: string;
  readonly category: MatterCategory;
  readonly groupId: string | null;
  readonly photos: readonly string[];
  /** The roster person who raised it. */
  readonly authorId: string;
  readonly state: MatterState;
  readonly raisedAt: number;
  readonly updatedAt: number;
  /** Set on entering `raised` (again); see screening.ts. */
  readonly screeningDueAt: number | null;
  readonly cosignCount: number;
  readonly meetingCount: number;
  readonly owner: MatterOwner | null;
  readonly decidedBy: DecidedBy | null;
  /** The motion of the latest vote on it, if any (core/votes owns motions). */
  readonly motionId: string | null;
  /** For `merged`: the matter that carries it on. */
  readonly mergedInto: string | null;
  /** For the side exits (declined, merged, withdrawn): the stage it stopped in, for the strip. */
  readonly stoppedAt: Stage | null;
  /** The published reason of a decline, merge or withdrawal. */
  readonly closingReason: string | null;
  readonly progressPercent: number | null;
  /** 投工投劳: person-days of volunteer work reported so far (absent on matters made before it). */
  readonly laborDays?: number;
  readonly completedAt: number | null;
  /** Fixed when completed; see evaluation.ts. */
  readonly evaluationEndsAt: number | null;
}

export interface NewMatter {
  readonly id: string;
  readonly villageId: string;
  readonly authorId: string;
  readonly title: string;
  readonly description: string;
  readonly category: MatterCategory;
  readonly groupId: string | null;
  readonly photos: readonly string[];
  readonly now: number;
  readonly screeningDays?: number;
}

/** A freshly raised matter. Raising is creation, not a transition: there is no state before it. */
export function raisedMatter(m: NewMatter): MatterRecord {
  return {
    _id: m.id,
    villageId: m.villageId,
    title: m.title,
    description: m.description,
    category: m.category,
    groupId: m.groupId,
    photos: m.photos,
    authorId: m.authorId,
    state: 'raised',
    raisedAt: m.now,
    updatedAt: m.now,
    screeningDueAt: screeningDue(m.now, m.screeningDays ?? DEFAULT_SCREENING_DAYS),
    cosignCount: 0,
    meetingCount: 0,
    owner: null,
    decidedBy: null,
    motionId: null,
    mergedInto: null,
    stoppedAt: null,
    closingReason: null,
    progressPercent: null,
    laborDays: 0,
    completedAt: null,
    evaluationEndsAt: null,
  };
}
