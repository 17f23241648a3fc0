import { openCloudbaseStore } from '../shared/store/cloudbase';
import type { Store } from '../shared/store/port';
import { runTimers, type TimerReport } from './run';

/**
 * CloudBase timer trigger (cloudbaserc.json: every minute). It takes no user input and acts as the
 * system; a call from a user reaches nothing here but the same idempotent work.
 */
let store: Store | undefined;

export async function main(): Promise<
  { ok: true; data: TimerReport } | { ok: false; error: { code: 'INTERNAL'; message: string } }
> {
  store ??= openCloudbaseStore({ env: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? '' });
  try {
    return { ok: true, data: await runTimers(store, Date.now()) };
  } catch (e) {
    console.log(JSON.stringify({ timer: 'failed', error: e instanceof Error ? e.message : String(e) }));
    return { ok: false, error: { code: 'INTERNAL', message: '定时任务出错，下一分钟会再试' } };
  }
}
