import type { OutputOf } from '../../core/action';
import type { ActionByName } from '../../core';
import type { Body } from '../../core/votes/bodies';
import type { VoteResult } from '../../core/votes/tally';
import type { WindowState } from '../../core/votes/window';

/** What the vote pages show, typed from the votes actions (type-only: no zod on the phone). */
export type MotionView = OutputOf<ActionByName<'votes.get'>>;
export type Motion = MotionView['motion'];
export type MotionOption = Motion['options'][number];
export type MotionSummary = OutputOf<ActionByName<'votes.list'>>['items'][number];
export type VoteResultView = OutputOf<ActionByName<'votes.result'>>;
export type TallyView = VoteResultView['tally'];

export const STATE_WORDS: Readonly<Record<WindowState, string>> = {
  notOpen: '还没开始',
  open: '正在投票',
  closed: '已经结束',
};

/** The result said plainly; "not enough people" is not the same as "voted down". */
export const RESULT_WORDS: Readonly<Record<VoteResult, string>> = {
  passed: '通过',
  rejected: '没通过',
  noQuorum: '人数不够，不算数',
};

export const RESULT_MARK: Readonly<
  Record<VoteResult, { readonly mark: string; readonly tone: 'ok' | 'bad' | 'wait' }>
> = {
  passed: { mark: '✓', tone: 'ok' },
  rejected: { mark: '✗', tone: 'bad' },
  noQuorum: { mark: '！', tone: 'wait' },
};

export const MODE_WORDS = {
  secret: { name: '不记名投票', hint: '别人看不到您投了什么' },
  open: { name: '记名投票', hint: '结果里会公布每个人投了什么' },
} as const;

/** One elector of a body, counted: a household votes as one 户, everyone else as one 人. */
export function electorUnit(body: Body): string {
  return body === 'households' ? '户' : '人';
}

/** A long hex digest, shortened to be read aloud and compared: "a9f5…c7e1". */
export function shortHash(hex: string): string {
  return hex.length > 10 ? `${hex.slice(0, 4)}…${hex.slice(-4)}` : hex;
}

/** A stretch of time in words, to the minute: "2 天 3 小时", "45 分钟", "不到 1 分钟". */
export function spanText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '不到 1 分钟';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return mins > 0 ? `${hours} 小时 ${mins} 分钟` : `${hours} 小时`;
  return `${mins} 分钟`;
}

/**
 * "还有 3 天 2 小时开始投票" / "还有 40 分钟结束投票" / "投票已经结束", for the state the server
 * gave; the phone's clock only counts down to the next moment.
 */
export function countdownText(motion: Pick<Motion, 'opensAt' | 'closesAt'>, state: WindowState, now: number): string {
  if (state === 'notOpen') return `还有 ${spanText(motion.opensAt - now)}开始投票`;
  if (state === 'open') return `还有 ${spanText(motion.closesAt - now)}结束投票`;
  return '投票已经结束';
}

/** The labels of the chosen options, in the motion's order. */
export function choiceLabels(options: readonly MotionOption[], choices: readonly string[]): string[] {
  return options.filter((o) => choices.includes(o.id)).map((o) => o.label);
}

/** How many a ballot may pick, in words; empty for one-pick kinds (the buttons say it). */
export function choiceRuleText(motion: Pick<Motion, 'kind' | 'minChoices' | 'maxChoices'>): string {
  if (motion.kind !== 'multiple') return '';
  const { minChoices: min, maxChoices: max } = motion;
  const howMany = min === max ? `要选 ${min} 项` : `最少选 ${min} 项，最多选 ${max} 项`;
  return `可以选几项：${howMany}。不想选的，可以只选“弃权”。`;
}

// ---- Beijing time for the date and time pickers -------------------------------------------------

const BEIJING_MS = 8 * 3600_000;
const two = (n: number) => String(n).padStart(2, '0');

/** "2026-12-03" in Beijing, as the date picker takes it. */
export function beijingDate(ms: number): string {
  const d = new Date(ms + BEIJING_MS);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** "09:30" in Beijing, as the time picker takes it. */
export function beijingClock(ms: number): string {
  const d = new Date(ms + BEIJING_MS);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** A picked date and time, read as Beijing time (whatever the phone's time zone), or null. */
export function fromBeijing(date: string, clock: string): number | null {
  const dm = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date);
  const tm = /^(\d{1,2}):(\d{2})$/.exec(clock);
  if (!dm || !tm) return null;
  const ms = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2])) - BEIJING_MS;
  return Number.isFinite(ms) ? ms : null;
}

/** The same Beijing wall time `days` later (China keeps one offset all year). */
export function addDays(ms: number, days: number): number {
  return ms + days * 24 * 3600_000;
}

// ---- choosing on a ballot ------------------------------------------------------------------------

/**
 * A tap on an option: one-pick kinds take that option; for several, a tap adds or removes it, and
 * 弃权 stands alone (choosing it clears the rest, choosing another clears it). Never more than the
 * most allowed: the page says why instead.
 */
export function toggleChoice(
  motion: Pick<Motion, 'kind' | 'options' | 'maxChoices'>,
  current: readonly string[],
  id: string,
): string[] {
  const option = motion.options.find((o) => o.id === id);
  if (!option) return [...current];
  if (motion.kind !== 'multiple') return [id];
  if (option.abstain) return current.includes(id) ? [] : [id];
  const abstainIds = motion.options.filter((o) => o.abstain).map((o) => o.id);
  const real = current.filter((c) => !abstainIds.includes(c));
  if (real.includes(id)) return real.filter((c) => c !== id);
  if (real.length >= motion.maxChoices) return real;
  return [...real, id];
}

/** What is wrong with the choices so far, in words, or null when they may be cast. */
export function choiceProblem(
  motion: Pick<Motion, 'kind' | 'options' | 'minChoices' | 'maxChoices'>,
  choices: readonly string[],
): string | null {
  if (choices.length === 0) return '还没有选';
  const abstaining = motion.options.some((o) => o.abstain && choices.includes(o.id));
  if (abstaining) return choices.length === 1 ? null : '选了弃权，就不能再选别的';
  if (choices.length < motion.minChoices) return `至少要选 ${motion.minChoices} 项，现在选了 ${choices.length} 项`;
  if (choices.length > motion.maxChoices) return `最多只能选 ${motion.maxChoices} 项，现在选了 ${choices.length} 项`;
  return null;
}

export type VotePage = 'detail' | 'ballot' | 'confirm' | 'receipt' | 'result';

/** Where each voting page lives (the pkg-vote subpackage, loaded when someone votes). */
export function voteUrl(page: VotePage, motionId: string): string {
  return `/pkg-vote/${page}/index?id=${encodeURIComponent(motionId)}`;
}
