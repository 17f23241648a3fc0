import type { Role } from './roles';

/**
 * Who is calling, as resolved from the platform (the WeChat OPENID in production, a verified local
 * token in development) and the store. Never built from a request body.
 */
export interface Caller {
  readonly accountId: string;
  readonly name: string;
  /** The roster person this account is bound to, once the committee approved it. */
  readonly personId: string | null;
  /** The one village the caller belongs to; null for township staff and for accounts not yet joined. */
  readonly villageId: string | null;
  readonly townshipId: string | null;
  readonly roles: readonly Role[];
  /** Villages a township role may see; empty for everyone else. */
  readonly scopeVillageIds: readonly string[];
}

export function hasRole(caller: Caller, ...roles: readonly Role[]): boolean {
  return caller.roles.some((r) => roles.includes(r));
}
