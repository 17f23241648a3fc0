import { CATEGORIES, MATTER_CATEGORIES, type MatterCategory } from '../../core/categories';
import type { TimelineKind } from '../../core/matter/schemas';
import type { Stage } from '../../core/matter/states';

/**
 * The words the matter pages use. The rules (which state, which stage, who may do what) come from
 * core/ and the server; this file only says them in the village's words.
 */

/** The list's stage filter: the five stages, plus everything that has ended (matters.list's `ended`: the terminal states). */
export type StageFilter = 'all' | Stage | 'ended';

export const STAGE_FILTERS: ReadonlyArray<{ readonly id: StageFilter; readonly label: string }> = [
  { id: 'all', label: '全部' },
  { id: 'raise', label: '民提' },
  { id: 'deliberate', label: '民议' },
  { id: 'decide', label: '民决' },
  { id: 'carryOut', label: '民办' },
  { id: 'evaluate', label: '民评' },
  { id: 'ended', label: '已结束' },
];

/** What each timeline entry was, in words a villager reads aloud. Exhaustive: a new kind fails to compile here. */
export const TIMELINE_LABELS: Readonly<Record<TimelineKind, string>> = {
  MatterRaised: '提出了这件事',
  MatterAccepted: '村两委受理了，请大家商量',
  MatterDeclined: '村两委没有受理',
  MatterMerged: '并到了另一件同样的事里',
  MatterWithdrawn: '提出人撤回了',
  MatterReturnedToRaised: '退回给提出人改一改',
  MatterPutToVote: '交给大家表决',
  MatterDecidedByCommittee: '村两委决定去办',
  MatterPassed: '表决通过',
  MatterRejected: '表决没有通过',
  MatterMissedQuorum: '参加表决的人不够，表决无效',
  MatterReopened: '重新商量',
  WorkStarted: '开工了',
  MatterCompleted: '办完了，请大家评价',
  MatterClosed: '评价结束，已办结',
  AssemblyRequested: '附议的人满了十分之一，必须交村民会议',
  MeetingRecorded: '开了议事协商会',
  OwnerAssigned: '定下了负责人',
  MilestoneAdded: '定了一个节点',
  ProgressPosted: '报了进度',
  CommentHidden: '隐藏了一条留言',
};

export const STAR_WORDS: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  1: '很不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '很满意',
};

export const STANCE_WORDS = { for: '赞成', against: '反对', neutral: '中立' } as const;
export type StanceId = keyof typeof STANCE_WORDS;
export const STANCE_CHOICES: ReadonlyArray<{ readonly id: StanceId; readonly label: string }> = [
  { id: 'for', label: '赞成' },
  { id: 'against', label: '反对' },
  { id: 'neutral', label: '中立' },
];

/** 一般村务 first: most matters are everyday ones; the law's reserved kinds follow, as the law lists them. */
export const CATEGORY_CHOICES: ReadonlyArray<{ readonly id: MatterCategory; readonly label: string }> = [
  { id: 'general', label: `${CATEGORIES.general.label}（修路、路灯、卫生这类）` },
  ...MATTER_CATEGORIES.filter((c) => c !== 'general').map((c) => ({ id: c, label: CATEGORIES[c].label })),
];

export function categoryNeedsVote(category: MatterCategory): boolean {
  return CATEGORIES[category].needsVote;
}

const DAY = 86_400_000;

/** The same time of day, `days` days ago: when a meeting was held or work was done (never a later day). */
export function daysAgo(now: number, days: number): number {
  return now - days * DAY;
}

/** A date only, as the village writes it: 2026年12月4日. */
export function formatDate(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export const WHEN_CHOICES: ReadonlyArray<{ readonly id: string; readonly label: string; readonly days: number }> = [
  { id: '0', label: '今天', days: 0 },
  { id: '1', label: '昨天', days: 1 },
  { id: '2', label: '前天', days: 2 },
];

/** The schema's limit (core/matter/schemas.ts MAX_PHOTOS), kept here so zod is not shipped to phones. */
export const MAX_PHOTOS = 6;
