import { createHmac, timingSafeEqual } from 'node:crypto';
import tcb from '@cloudbase/node-sdk';
import type { Caller } from '../../core/caller';
import { sha256 } from './hash';
import { AppError } from '../../core/errors';
import type { AccountRecord, VillageRecord } from '../../core/records';
import type { Store } from './store/port';

/**
 * The one place that knows where identity comes from:
 * - production: the verified OPENID of the WeChat call context, read from the CloudBase context;
 * - local: a token this gateway signed, verified here.
 * Whatever the request body says about users, roles or villages is never read here.
 */
export type Identity =
  { readonly kind: 'wechat'; readonly openid: string } | { readonly kind: 'local'; readonly accountId: string };

/** Context fields the CloudBase runtime puts in the function's environment. */
export interface CloudContextEnv {
  readonly WX_OPENID?: string;
  readonly TCB_SOURCE?: string;
}

/**
 * Reads the caller from the CloudBase context (what `getCloudbaseContext(context)` returns).
 * A call from a timer or another function has no OPENID: it is not a user.
 */
export function identityFromCloudContext(env: CloudContextEnv): Identity | null {
  const openid = env.WX_OPENID;
  if (typeof openid !== 'string' || openid.length === 0) return null;
  return { kind: 'wechat', openid };
}

/** One WeChat user has one account by construction: its id is derived from the openid. */
export function accountIdForOpenid(openid: string): string {
  return `wx_${sha256(openid).slice(0, 32)}`;
}

// ---- local tokens -------------------------------------------------------------------------------

const TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signLocalToken(secret: string, accountId: string, now: number): string {
  const payload = b64url(JSON.stringify({ sub: accountId, exp: now + TOKEN_TTL_MS }));
  return `${payload}.${sign(secret, payload)}`;
}

/** Returns the identity a token carries, or null for a missing, forged or expired token. */
export function verifyLocalToken(secret: string, token: string | undefined, now: number): Identity | null {
  if (!token || token.length > 1000) return null;
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp < now) return null;
    return { kind: 'local', accountId: claims.sub };
  } catch {
    return null;
  }
}

// ---- caller -------------------------------------------------------------------------------------

/**
 * Turns an identity into a Caller, reading roles and village from the store. A WeChat user who has
 * no account yet is a signed-in caller with no village and no roles. A local token whose account
 * is gone is not accepted.
 */
export async function resolveCaller(store: Store, identity: Identity | null): Promise<Caller | null> {
  if (!identity) return null;
  const accountId = identity.kind === 'wechat' ? accountIdForOpenid(identity.openid) : identity.accountId;
  const account = await store.get<AccountRecord>('accounts', accountId);
  if (!account) {
    if (identity.kind === 'local') throw new AppError('UNAUTHENTICATED');
    return {
      accountId,
      name: '微信用户',
      personId: null,
      villageId: null,
      townshipId: null,
      roles: [],
      scopeVillageIds: [],
    };
  }
  let scopeVillageIds: string[] = [];
  if (account.townshipId && account.roles.includes('townshipStaff')) {
    const villages = await store.find<VillageRecord>('villages', { townshipId: account.townshipId }, { limit: 1000 });
    scopeVillageIds = villages.map((v) => v._id);
  }
  return {
    accountId,
    name: account.name,
    personId: account.personId,
    villageId: account.villageId,
    townshipId: account.townshipId,
    roles: account.roles,
    scopeVillageIds,
  };
}

/**
 * Production: the identity of a cloud-function call, read from the CloudBase context, which the
 * platform fills from the WeChat session. This is the one line in the code base that reads it.
 */
export function identityFromCloudCall(context: unknown): Identity | null {
  try {
    const env = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
    return identityFromCloudContext(env);
  } catch {
    // A context the SDK cannot read vouches for nobody: the call goes on as anonymous and is refused.
    return null;
  }
}
