import type { ErrorCode } from '../errors';
import { derivedId } from './ids';
import type { MatterState } from './states';

/**
 * Co-signing (附议). LAW.md: the committee must convene the villagers' assembly when one tenth or
 * more of the villagers aged 18+ ask for it. In the product, co-signatures on a matter reaching that
 * line put it on the assembly's agenda. All arithmetic is on integers: "one tenth or more" is
 * `10 * cosigners >= electorate`, never a float division.
 *
 * The author's own support is implied by raising the matter and is not a co-signature, so the count
 * here is of other villagers only.
 */

/** Co-signing is open while the matter is still being raised or talked over; after that it is moot. */
export const COSIGN_OPEN_STATES = ['raised', 'deliberating'] as const satisfies readonly MatterState[];

export function isCosignOpen(state: MatterState): boolean {
  return (COSIGN_OPEN_STATES as readonly MatterState[]).includes(state);
}

/** One co-signature per villager per matter, enforced by the store's unique id. */
export function cosignId(matterId: string, personId: string): string {
  return derivedId('cosign', matterId, personId);
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${String(n)}`);
}

/**
 * The fewest co-signers that make "one tenth or more": ceil(electorate / 10), and never fewer than one.
 * With an empty roster (electorate 0) the law's fraction is vacuous; we still ask for one real
 * co-signer, because zero people cannot be a request.
 */
export function cosignThreshold(electorate: number): number {
  assertCount(electorate, 'electorate');
  const tenth = Math.floor((electorate + 9) / 10);
  return tenth > 0 ? tenth : 1;
}

export interface CosignProgress {
  readonly count: number;
  readonly electorate: number;
  readonly threshold: number;
  /** How many more co-signers are needed; 0 once reached. */
  readonly missing: number;
  readonly reached: boolean;
}

export function cosignProgress(count: number, electorate: number): CosignProgress {
  assertCount(count, 'count');
  const threshold = cosignThreshold(electorate);
  // Both forms of the rule, spelled out: the law's ratio and the at-least-one floor.
  const reached = count >= 1 && 10 * count >= electorate;
  return { count, electorate, threshold, missing: reached ? 0 : threshold - count, reached };
}

/**
 * Whether the committee is now obliged to put the matter to the assembly: the line is reached and
 * the matter has not gone to a vote (or ended) yet. The lifecycle uses this to refuse the ways a
 * committee could sidestep the request (decline, merge, decide alone) and the author's withdrawal,
 * since the request now belongs to the co-signers too.
 */
export function assemblyRequested(state: MatterState, count: number, electorate: number): boolean {
  return isCosignOpen(state) && cosignProgress(count, electorate).reached;
}

/** True when the co-signature that brings the count from `before` to `before + 1` is the one that crosses the line. */
export function crossesThreshold(before: number, electorate: number): boolean {
  return !cosignProgress(before, electorate).reached && cosignProgress(before + 1, electorate).reached;
}

export type CosignCheck = { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode };

/**
 * May this person co-sign this matter now? The store's unique id is the real guard against a second
 * co-signature; `alreadyCosigned` lets the service answer plainly before trying.
 */
export function checkCosign(
  matter: { readonly state: MatterState; readonly authorId: string },
  personId: string | null,
  alreadyCosigned: boolean,
): CosignCheck {
  // An account not bound to a roster person is not in the electorate.
  if (!personId) return { ok: false, code: 'FORBIDDEN' };
  if (!isCosignOpen(matter.state)) return { ok: false, code: 'COSIGN_CLOSED' };
  if (matter.authorId === personId) return { ok: false, code: 'OWN_MATTER' };
  if (alreadyCosigned) return { ok: false, code: 'ALREADY_COSIGNED' };
  return { ok: true };
}
