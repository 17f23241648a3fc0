import type { z } from 'zod';
import type { ErrorCode } from './errors';
import type { Role } from './roles';

/**
 * Who may call an action, before any resource check:
 * - 'public': anyone, even without an account (public notices);
 * - 'signedIn': every account, joined or not (whoami, join requests);
 * - 'member': an account approved into a village, whatever its roles;
 * - a list of roles: a caller holding at least one of them.
 */
export type Audience = 'public' | 'signedIn' | 'member' | readonly Role[];

export interface ActionDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  N extends `${string}.${string}` = `${string}.${string}`,
> {
  /** `<function>.<verb>`: the function it is deployed in, then the action inside it. */
  readonly name: N;
  /** One line for docs/API.md. */
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  readonly who: Audience;
  /** Codes this action may return besides the ones every action may (see COMMON_ERRORS). */
  readonly errors: readonly ErrorCode[];
  /** Domain events it records. */
  readonly emits?: readonly string[];
}

/** Codes any action can return: bad input, no identity, policy refusal, store trouble. */
export const COMMON_ERRORS: readonly ErrorCode[] = ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'INTERNAL'];

export function action<I extends z.ZodType, O extends z.ZodType, N extends `${string}.${string}`>(
  def: ActionDef<I, O, N>,
): ActionDef<I, O, N> {
  return def;
}

export type InputOf<A> = A extends ActionDef<infer I, z.ZodType, string & `${string}.${string}`> ? z.input<I> : never;
export type ParsedInputOf<A> =
  A extends ActionDef<infer I, z.ZodType, string & `${string}.${string}`> ? z.output<I> : never;
export type OutputOf<A> = A extends ActionDef<z.ZodType, infer O, string & `${string}.${string}`> ? z.output<O> : never;

export function functionOf(name: string): string {
  return name.slice(0, name.indexOf('.'));
}
