import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import { CATEGORIES } from '../../core/categories';
import { isReservedCategory } from '../../core/matter/category';
import { commentsOpen } from '../../core/matter/comments';
import { assemblyRequested, checkCosign, cosignId, cosignProgress } from '../../core/matter/cosign';
import { checkRating, evaluationSummary, ratingId, STARS, type Stars } from '../../core/matter/evaluation';
import { availableTransitions } from '../../core/matter/lifecycle';
import { screeningStatus } from '../../core/matter/screening';
import { stageStrip, stateInfo } from '../../core/matter/states';
import { comment, cosign, get, list, rate, reportComment } from '../../core/matter/actions';
import { can } from '../../core/policy';
import type { Store } from '../shared/store/port';
import { RATED_FIELDS, type MilestoneRecord, type RatingRecord, type StoredMatter } from './records';

/**
 * What pages see of a matter. The summary is built from the record alone, so a list of 20 costs
 * one query; the full view adds a handful of id-level reads and one small indexed list
 * (milestones), whatever the matter's history.
 */
export type MatterSummaryOut = OutputOf<typeof list>['items'][number];
export type MatterViewOut = OutputOf<typeof get>;
export type EvaluationSummaryOut = OutputOf<typeof rate>;

/** Milestones plan one matter's work: a few, never a feed. */
const MAX_MILESTONES = 50;

export function matterSummary(m: StoredMatter, caller: Caller, now: number): MatterSummaryOut {
  return {
    id: m._id,
    title: m.title,
    category: m.category,
    categoryLabel: CATEGORIES[m.category].label,
    reserved: isReservedCategory(m.category),
    groupId: m.groupId,
    state: m.state,
    stateLabel: stateInfo(m.state).label,
    strip: stageStrip(m.state, m.stoppedAt),
    authorName: m.authorName,
    raisedAt: m.raisedAt,
    updatedAt: m.updatedAt,
    cosignCount: m.cosignCount,
    commentCount: m.commentCount,
    progressPercent: m.progressPercent,
    screeningOverdue: screeningStatus(m.state, m.screeningDueAt, now)?.overdue ?? false,
    mine: caller.personId !== null && caller.personId === m.authorId,
  };
}

/** The ratings the counters stand for, so the published score is core's own arithmetic. */
export function ratingsOf(m: StoredMatter): number[] {
  return STARS.flatMap((s: Stars) => Array.from({ length: m[RATED_FIELDS[s]] }, () => s));
}

export function evaluationSummaryOf(m: StoredMatter): EvaluationSummaryOut {
  const s = evaluationSummary(ratingsOf(m));
  return { count: s.count, distribution: { ...s.distribution }, averageTenths: s.averageTenths, average: s.average };
}

export async function matterView(
  store: Pick<Store, 'get' | 'find'>,
  caller: Caller,
  now: number,
  m: StoredMatter,
  electorate: number,
): Promise<MatterViewOut> {
  const here = { villageId: m.villageId };
  const person = caller.personId;
  const [myCosign, myRating, milestones] = await Promise.all([
    person ? store.get('cosigns', cosignId(m._id, person)) : null,
    person && m.evaluationEndsAt !== null ? store.get<RatingRecord>('ratings', ratingId(m._id, person)) : null,
    store.find<MilestoneRecord>(
      'milestones',
      { matterId: m._id },
      { sort: [['createdAt', 'asc']], limit: MAX_MILESTONES },
    ),
  ]);
  const progress = cosignProgress(m.cosignCount, electorate);
  const cosignedByMe = myCosign !== null;
  const myStars = myRating?.stars ?? null;
  return {
    ...matterSummary(m, caller, now),
    description: m.description,
    photos: [...m.photos],
    stoppedAt: m.stoppedAt,
    closingReason: m.closingReason,
    mergedInto: m.mergedInto,
    screening: screeningStatus(m.state, m.screeningDueAt, now),
    cosign: {
      ...progress,
      assemblyRequested: assemblyRequested(m.state, m.cosignCount, electorate),
      cosignedByMe,
    },
    stances: { for: m.stanceFor, against: m.stanceAgainst, neutral: m.stanceNeutral },
    meetingCount: m.meetingCount,
    motionId: m.motionId,
    decidedBy: m.decidedBy,
    owner: m.owner
      ? {
          kind: m.owner.kind,
          id: m.owner.kind === 'team' ? m.owner.teamId : m.owner.personId,
          name: m.ownerName ?? '',
        }
      : null,
    laborDays: m.laborDays ?? 0,
    milestones: milestones.map((x) => ({ id: x._id, title: x.title, dueAt: x.dueAt, doneAt: x.doneAt })),
    completedAt: m.completedAt,
    evaluation:
      m.evaluationEndsAt === null
        ? null
        : {
            endsAt: m.evaluationEndsAt,
            open: m.state === 'evaluating' && now < m.evaluationEndsAt,
            summary: evaluationSummaryOf(m),
            myStars,
          },
    can: availableTransitions(m, { actor: caller, now, electorate }),
    canCosign: can(caller, cosign, here) && checkCosign(m, person, cosignedByMe).ok,
    canComment: can(caller, comment, here) && person !== null && commentsOpen(m.state),
    // Reports stay open after the talk ends: a comment may need looking at whenever it is read.
    canReport: can(caller, reportComment, here) && person !== null,
    canRate: can(caller, rate, here) && checkRating(m, person, now, myStars !== null).ok,
  };
}
