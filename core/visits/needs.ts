import type { Role } from '../roles';
import { daysLeft, periodEnd } from '../matter/time';

/**
 * 诉求: what a household asks for on a visit. Each is tracked until it is closed out (销号) with
 * what was done. One that stays open climbs a chain, each step with its own deadline:
 *   village  — the village deals with it, or reports it up (村里上报);
 *   township — the township handles it (乡镇处理);
 *   county   — the county closes it (县里办结).
 * A timer climbs a need whose step deadline has passed; the committee or township staff may also
 * climb it by hand. Past the county's deadline it stays at the top, shown as overdue.
 */
export const NEED_CATEGORIES = [
  'housing',
  'health',
  'elderCare',
  'assistance',
  'infrastructure',
  'employment',
  'dispute',
  'other',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const NEED_CATEGORY_LABELS: Readonly<Record<NeedCategory, string>> = {
  housing: '住房（漏雨、危房）',
  health: '看病吃药',
  elderCare: '养老照护',
  assistance: '低保救助',
  infrastructure: '水电路',
  employment: '务工就业',
  dispute: '矛盾纠纷',
  other: '其他',
};

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = { normal: '一般', urgent: '紧急' };

export const NEED_LEVELS = ['village', 'township', 'county'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];
export const NEED_LEVEL_LABELS: Readonly<Record<NeedLevel, string>> = {
  village: '村里办',
  township: '乡镇处理',
  county: '县里办结',
};

export type DaysPerLevel = Readonly<Record<NeedLevel, number>>;

/** The next step up, or null at the top. */
export function nextLevel(level: NeedLevel): NeedLevel | null {
  const i = NEED_LEVELS.indexOf(level);
  return i + 1 < NEED_LEVELS.length ? NEED_LEVELS[i + 1] : null;
}

/**
 * A step's deadline: N calendar days counted from the day after it reached the step (民法典 art.
 * 201, as matters count theirs), urgent needs on their shorter clock.
 */
export function needDeadline(
  level: NeedLevel,
  urgency: Urgency,
  from: number,
  days: { readonly normal: DaysPerLevel; readonly urgent: DaysPerLevel },
): number {
  return periodEnd(from, days[urgency][level]);
}

export type NeedState = 'open' | 'overdue' | 'closed';

/** The one definition of an overdue need, for lists, badges and dashboards alike. */
export function needState(
  need: { readonly closedAt: number | null; readonly deadlineAt: number },
  now: number,
): NeedState {
  if (need.closedAt !== null) return 'closed';
  return now >= need.deadlineAt ? 'overdue' : 'open';
}

export function needDaysLeft(need: { readonly deadlineAt: number }, now: number): number {
  return daysLeft(now, need.deadlineAt);
}

/**
 * Who may close a need out at its step: at the village, the committee or the need's owner; above
 * it, only township staff (recording the township's or the county's result). Township staff may
 * also close a village-level one, e.g. one they handled themselves.
 */
export function mayCloseOut(roles: readonly Role[], level: NeedLevel, isOwner: boolean): boolean {
  if (roles.includes('townshipStaff')) return true;
  return level === 'village' && (isOwner || roles.includes('committee'));
}

/** Who may climb it by hand: the village reports up; above the village, the township does. */
export function mayEscalate(roles: readonly Role[], level: NeedLevel): boolean {
  if (roles.includes('townshipStaff')) return level !== 'county';
  return level === 'village' && roles.includes('committee');
}
