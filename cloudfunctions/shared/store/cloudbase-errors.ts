import { AppError, isAppError } from '../../../core/errors';

/**
 * What the SDK throws, mapped to the port's errors. Observed shapes (../shared/CLOUDBASE-SDK.md §3):
 * a TcbError carrying the service's `code`, a Node socket error carrying `code`, a SyntaxError when
 * the reply is not JSON, and a numeric `code` equal to the HTTP status for a non-200 reply.
 * Anything unrecognised passes through unchanged, so the handler edge reports it as INTERNAL.
 */

// The real service's duplicate-key reply was never observed: accept every form reported for it.
const DUPLICATE_CODES: ReadonlySet<unknown> = new Set(['DATABASE_DUPLICATE_WRITE', 11000, '11000']);
const DUPLICATE_MESSAGE = /E11000 duplicate key/;

const TRANSPORT_CODES: ReadonlySet<unknown> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface CodedError {
  readonly code?: unknown;
  readonly message?: unknown;
}

function fields(e: unknown): CodedError {
  return typeof e === 'object' && e !== null ? (e as CodedError) : {};
}

export function mapCloudbaseError(e: unknown): unknown {
  if (isAppError(e)) return e;
  const { code, message } = fields(e);
  if (DUPLICATE_CODES.has(code) || (typeof message === 'string' && DUPLICATE_MESSAGE.test(message))) {
    return new AppError('DUPLICATE');
  }
  // A transaction lost a write race: the same advice as a stale version ("refresh and retry").
  if (code === 'DATABASE_TRANSACTION_CONFLICT') return new AppError('CONFLICT');
  if (TRANSPORT_CODES.has(code)) return new AppError('UNAVAILABLE');
  // A reply that is not JSON comes from a proxy or an outage page, not from the database.
  if (e instanceof SyntaxError) return new AppError('UNAVAILABLE');
  // The SDK turns a non-200 status into a TcbError whose code is the status number.
  if (typeof code === 'number' && (code === 429 || (code >= 500 && code <= 599))) return new AppError('UNAVAILABLE');
  return e;
}

/** Runs one SDK call and maps whatever it throws (synchronously or not). */
export async function sdkCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw mapCloudbaseError(e);
  }
}
