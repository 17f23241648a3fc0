import Taro from '@tarojs/taro';
import type { InputOf, OutputOf } from '../../core/action';
import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from '../../core/errors';
import type { ActionByName, ActionName } from '../../core';
import { getToken } from './session';

/**
 * The one API client. Pages call `call('account.whoami', {})` and get the typed result or an
 * ApiError with a code and a Chinese message; they never see transport details.
 * - weapp: wx.cloud.callFunction (WeChat attaches the user's identity);
 * - H5: POST /api/<function> on the local gateway with the session token.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

function isEnvelope(v: unknown): v is Envelope {
  if (typeof v !== 'object' || v === null) return false;
  const ok = (v as { ok?: unknown }).ok;
  if (ok === true) return 'data' in v;
  if (ok !== false) return false;
  const err = (v as { error?: unknown }).error;
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

const NETWORK_MESSAGE = '网络不太好，没有连上，请稍后再试';

async function send(fn: string, body: Record<string, unknown>): Promise<unknown> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.callFunction({ name: fn, data: body });
    return res.result;
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`/api/${fn}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return res.json();
}

export async function call<N extends ActionName>(
  name: N,
  input: InputOf<ActionByName<N>>,
): Promise<OutputOf<ActionByName<N>>> {
  const fn = name.slice(0, name.indexOf('.'));
  let reply: unknown;
  try {
    reply = await send(fn, { ...(input as Record<string, unknown>), action: name });
  } catch {
    throw new ApiError('UNAVAILABLE', NETWORK_MESSAGE);
  }
  if (!isEnvelope(reply)) throw new ApiError('INTERNAL', ERROR_MESSAGES.INTERNAL);
  if (reply.ok) return reply.data as OutputOf<ActionByName<N>>;
  const code = isErrorCode(reply.error.code) ? reply.error.code : 'INTERNAL';
  throw new ApiError(code, reply.error.message || ERROR_MESSAGES[code]);
}

export function errorOf(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('INTERNAL', ERROR_MESSAGES.INTERNAL);
}
