import { FUNCTION_ROUTES } from '../../cloudfunctions/registry';
import type { Clock } from '../../cloudfunctions/shared/clock';
import type { FileStore } from '../../cloudfunctions/shared/files/port';
import { dispatch, type Envelope } from '../../cloudfunctions/shared/handler';
import type { Identity } from '../../cloudfunctions/shared/identity';
import type { Store } from '../../cloudfunctions/shared/store/port';
import { functionOf } from '../../core/action';

/** Calls an action the way the gateway does, as a given identity. */
export function caller(deps: { store: Store; clock: Clock; files?: FileStore }) {
  const call = (
    identity: Identity | null,
    action: string,
    payload: Record<string, unknown> = {},
  ): Promise<Envelope> => {
    const table = FUNCTION_ROUTES[functionOf(action) as keyof typeof FUNCTION_ROUTES];
    return dispatch(table, { ...payload, action }, { ...deps, identity });
  };
  /** The data of a call that must succeed; throws with the error code otherwise. */
  const ok = async <T = Record<string, unknown>>(
    identity: Identity | null,
    action: string,
    payload: Record<string, unknown> = {},
  ): Promise<T> => {
    const res = await call(identity, action, payload);
    if (!res.ok) throw new Error(`${action} failed: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  /** The error code of a call that must fail. */
  const code = async (
    identity: Identity | null,
    action: string,
    payload: Record<string, unknown> = {},
  ): Promise<string> => {
    const res = await call(identity, action, payload);
    if (res.ok) throw new Error(`${action} unexpectedly succeeded`);
    return res.error.code;
  };
  return { call, ok, code };
}

export const local = (accountId: string): Identity => ({ kind: 'local', accountId });
export const wechat = (openid: string): Identity => ({ kind: 'wechat', openid });
