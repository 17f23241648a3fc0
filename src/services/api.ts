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
/** For INVALID_INPUT: which field was wrong and why, so a form can mark the field. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problem with one field (its path, e.g. `title` or `options.0`), if the server named it. */
  problemWith(path: string): string | null {
    return this.details.find((d) => d.path === path || d.path.startsWith(`${path}.`))?.message ?? null;
  }
}

type Envelope =
  { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** The names villagers see for the fields forms send most; others are named by their position. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  title: '标题',
  description: '内容',
  question: '表决的问题',
  options: '选项',
  choices: '选择',
  reason: '理由',
  urgentReason: '提前开始的理由',
  opensAt: '开始时间',
  closesAt: '结束时间',
  name: '姓名',
  householdCode: '户号',
  text: '文字',
  body: '正文',
  notes: '记录',
  photos: '照片',
  category: '类别',
};

/** `填写的内容有误（标题：…）`: the first problem the server named, in words a form can show. */
export function describeProblems(message: string, details: readonly FieldProblem[]): string {
  const first = details[0];
  if (!first) return message;
  const field = FIELD_NAMES[first.path.split('.')[0]];
  return `${message}（${field ? `${field}：` : ''}${first.message}）`;
}

function fieldProblems(v: unknown): FieldProblem[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((d: unknown) => {
    const { path, message } = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

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
  const details = fieldProblems(reply.error.details);
  throw new ApiError(code, describeProblems(reply.error.message || ERROR_MESSAGES[code], details), details);
}

export function errorOf(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('INTERNAL', ERROR_MESSAGES.INTERNAL);
}
