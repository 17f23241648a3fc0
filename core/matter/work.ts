import type { Caller } from '../caller';
import type { MatterOwner } from './record';
import type { MatterState } from './states';

/**
 * Carrying the work out (民事民办): who runs it and who may report on it. Progress posts are the
 * owner's record of the work; the committee may post too, since it answers for every matter.
 */

/** An owner can be named while the decision is being made, and changed while work goes on. */
export const OWNER_STATES = ['deliberating', 'passed', 'implementing'] as const satisfies readonly MatterState[];
/** Milestones plan the work, so they may be set as soon as it is decided. */
export const MILESTONE_STATES = ['passed', 'implementing'] as const satisfies readonly MatterState[];
/** Progress is reported while the work is under way, not before and not after completion. */
export const PROGRESS_STATES = ['implementing'] as const satisfies readonly MatterState[];

function within(states: readonly MatterState[], state: MatterState): boolean {
  return states.includes(state);
}

export function canAssignOwner(state: MatterState): boolean {
  return within(OWNER_STATES, state);
}

export function canAddMilestone(state: MatterState): boolean {
  return within(MILESTONE_STATES, state);
}

export function canPostProgress(state: MatterState): boolean {
  return within(PROGRESS_STATES, state);
}

/**
 * May this caller report on the work? The committee always; otherwise the person named as owner, or
 * a member of the team named as owner (`teamMemberIds`, read by the service from the team record).
 */
export function mayReportWork(
  caller: Pick<Caller, 'personId' | 'roles'>,
  owner: MatterOwner | null,
  teamMemberIds: readonly string[] = [],
): boolean {
  if (caller.roles.includes('committee')) return true;
  if (!owner || !caller.personId) return false;
  return owner.kind === 'person' ? owner.personId === caller.personId : teamMemberIds.includes(caller.personId);
}
