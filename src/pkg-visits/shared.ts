import Taro from '@tarojs/taro';
import type { OutputOf } from '../../core/action';
import type { ActionByName } from '../../core';
import { ApiError, call } from '../services/api';

/** What the visits pages share: their addresses, the views they read, and a copy kept for going offline. */

export type TasksView = OutputOf<ActionByName<'visits.myTasks'>>;
export type TaskRow = TasksView['items'][number];
export type MemberBoard = OutputOf<ActionByName<'visits.memberBoard'>>;
export type HouseholdView = OutputOf<ActionByName<'visits.household'>>;
export type NeedRow = HouseholdView['needs'][number];
export type Tally = TasksView['tally'];
export type CoverageRow = OutputOf<ActionByName<'visits.villageBoard'>>['village'];

export const VISITS = '/pkg-visits';
export const urls = {
  tasks: () => `${VISITS}/tasks/index`,
  checkIn: (householdId: string) => `${VISITS}/checkin/index?householdId=${encodeURIComponent(householdId)}`,
  household: (householdId: string) => `${VISITS}/household/index?id=${encodeURIComponent(householdId)}`,
  needs: (villageId?: string) =>
    `${VISITS}/needs/index${villageId ? `?villageId=${encodeURIComponent(villageId)}` : ''}`,
  grid: (q: { villageId?: string; groupId?: string } = {}) => {
    const parts = Object.entries(q).flatMap(([k, v]) => (v ? [`${k}=${encodeURIComponent(v)}`] : []));
    return `${VISITS}/grid/index${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
  },
  village: (villageId?: string) =>
    `${VISITS}/village/index${villageId ? `?villageId=${encodeURIComponent(villageId)}` : ''}`,
  township: () => `${VISITS}/township/index`,
  assign: (villageId?: string) =>
    `${VISITS}/assign/index${villageId ? `?villageId=${encodeURIComponent(villageId)}` : ''}`,
};

export const go = (url: string) => void Taro.navigateTo({ url });

/** Back to 我的联系户 if it is under this page (so back does not walk through the form again), else opened. */
export function backToTasks(): void {
  const pages = Taro.getCurrentPages();
  for (let i = pages.length - 2; i >= 0; i -= 1) {
    if ((pages[i].route ?? '').replace(/^\//, '').split('?')[0] === 'pkg-visits/tasks/index') {
      void Taro.navigateBack({ delta: pages.length - 1 - i });
      return;
    }
  }
  void Taro.redirectTo({ url: urls.tasks() });
}

// ---- a copy on the phone, for the hills ------------------------------------------------------------

const CACHE = 'xz.visits.cache.';

export interface Kept<T> {
  readonly data: T;
  /** Set when the network failed and this is the copy kept from `at`. */
  readonly keptAt: number | null;
}

/**
 * Asks the server, and keeps the answer on the phone; with no network, gives the kept copy (said so
 * on the page), so a member in the hills still sees their list and can fill in a check-in.
 */
export async function withCopy<T>(key: string, load: () => Promise<T>): Promise<Kept<T>> {
  try {
    const data = await load();
    Taro.setStorageSync(CACHE + key, { at: Date.now(), data });
    return { data, keptAt: null };
  } catch (e) {
    if (e instanceof ApiError && e.code === 'UNAVAILABLE') {
      const kept = Taro.getStorageSync(CACHE + key) as { at?: unknown; data?: unknown } | '';
      if (kept && typeof kept.at === 'number' && kept.data !== undefined)
        return { data: kept.data as T, keptAt: kept.at };
    }
    throw e;
  }
}

export const loadHousehold = (householdId: string) =>
  withCopy(`hh.${householdId}`, () => call('visits.household', { householdId }));

export const loadMyTasks = () =>
  withCopy('mine', async () => {
    const [tasks, board] = await Promise.all([call('visits.myTasks', {}), call('visits.memberBoard', {})]);
    return { tasks, board };
  });

/** Keeps each household still to visit on the phone, so its check-in form works without a network later. */
export async function keepHouseholds(ids: readonly string[]): Promise<void> {
  for (const id of ids.slice(0, 20)) {
    try {
      await loadHousehold(id);
    } catch {
      return;
    }
  }
}

// ---- words --------------------------------------------------------------------------------------

export function tallyText(t: Tally): string {
  return `已走访 ${t.done} · 待走访 ${t.due} · 逾期 ${t.overdue}`;
}

export function coverageText(c: number | null): string {
  return c === null ? '这个月还没有要走访的' : `${c}%`;
}

export function taskStatusText(t: TaskRow): string {
  if (t.status === 'done') return '已走访';
  if (t.status === 'overdue') return '逾期未走访';
  return t.daysLeft <= 1 ? '今天要走访' : `还有${t.daysLeft}天`;
}

export function clock(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
