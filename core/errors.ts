/**
 * Every failure a user can meet has a stable English code and a plain Chinese message.
 * Errors are thrown in one typed form (AppError) and mapped once, at the handler edge.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNKNOWN_ACTION: '没有这项操作',
  UNAUTHENTICATED: '请先登录',
  NOT_JOINED: '您还没有加入村子，请先申请加入',
  FORBIDDEN: '您没有权限做这件事',
  NOT_FOUND: '没有找到这条记录',
  DUPLICATE: '这条记录已经存在',
  CONFLICT: '别人刚刚改过这条记录，请刷新后再试',
  INVALID_TRANSITION: '现在不能做这一步',
  NOT_ELIGIBLE: '您不在这次表决的名单里',
  ALREADY_VOTED: '您已经投过票了，每人只能投一次',
  VOTING_NOT_OPEN: '投票还没有开始',
  VOTING_CLOSED: '投票已经结束',
  PAYLOAD_TOO_LARGE: '内容太多了，请删减后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL: '系统出了点问题，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for INVALID_INPUT, in Chinese, keyed by dotted path. */
  details?: ReadonlyArray<{ path: string; message: string }>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorBody['details'];

  constructor(code: ErrorCode, message?: string, details?: ErrorBody['details']) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    return this.details ? { ...body, details: this.details } : body;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}
