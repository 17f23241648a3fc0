import Taro from '@tarojs/taro';
import { useCallback, useEffect } from 'react';
import type { OutputOf } from '../../core/action';
import type { ActionByName } from '../../core';
import { call, errorOf, type ApiError } from '../services/api';
import { getToken } from '../services/session';
import { shared } from './store';

export type WhoAmI = OutputOf<ActionByName<'account.whoami'>>;

type State =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly me: WhoAmI }
  | { readonly status: 'error'; readonly error: ApiError };

const state = shared<State>({ status: 'loading' });
let inflight: Promise<void> | null = null;

export const DEV_LOGIN_URL = '/pkg-dev/login/index';

/** Loads who the user is, once for all pages; `reload` after a sign-in or a settings change. */
function toDevLogin(): void {
  const pages = Taro.getCurrentPages();
  const here = pages.length > 0 ? `/${pages[pages.length - 1].route ?? ''}` : '';
  if (!here.startsWith(DEV_LOGIN_URL)) void Taro.navigateTo({ url: DEV_LOGIN_URL });
}

export function loadWhoAmI(): Promise<void> {
  if (process.env.TARO_ENV === 'h5' && !getToken()) {
    // On the local gateway a visitor first picks a demo user.
    toDevLogin();
    return Promise.resolve();
  }
  inflight ??= call('account.whoami', {})
    .then((me) => state.set({ status: 'ready', me }))
    .catch((e: unknown) => {
      const error = errorOf(e);
      state.set({ status: 'error', error });
      if (process.env.TARO_ENV === 'h5' && error.code === 'UNAUTHENTICATED') toDevLogin();
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

export function resetWhoAmI(): void {
  state.set({ status: 'loading' });
}

export function useWhoAmI(): State & { reload: () => void } {
  const current = state.use();
  useEffect(() => {
    if (current.status === 'loading') void loadWhoAmI();
  }, [current.status]);
  const reload = useCallback(() => {
    state.set({ status: 'loading' });
  }, []);
  return { ...current, reload };
}

/** Reads who the user is without asking the server: for the frame, which every page has. */
export function useKnownMe(): WhoAmI | null {
  const s = state.use();
  return s.status === 'ready' ? s.me : null;
}

export function updateMe(patch: Partial<WhoAmI>): void {
  const s = state.get();
  if (s.status === 'ready') state.set({ status: 'ready', me: { ...s.me, ...patch } });
}
