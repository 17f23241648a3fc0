import { isMatterCategory, type MatterCategory } from '../categories';
import { BODIES, type Body } from '../votes/bodies';
import { bodyAllowedFor } from '../votes/eligibility';
import { isReservedCategory } from './category';
import { assemblyRequested } from './cosign';
import type { MatterState } from './states';

/**
 * Which bodies a matter may be put to when it goes to a vote. core/votes says what the law could
 * ever allow per category (bodyAllowedFor); the matter adds two things it alone knows:
 * - when one tenth of the villagers co-signed, they asked for the villagers' assembly (LAW.md), so
 *   the delegate assembly will not do;
 * - a reserved category goes to the delegates only where the assembly has authorised them (a
 *   village setting). A general matter the committee could settle alone may always go to them.
 */
export interface BodyContext {
  readonly category: MatterCategory;
  readonly state: MatterState;
  readonly cosignCount: number;
  readonly electorate: number;
  /** The assembly has authorised its delegate assembly to decide reserved matters (village charter). */
  readonly delegatesAuthorised: boolean;
}

export function allowedBodies(c: BodyContext): Body[] {
  // A stale category is treated as reserved (category.ts) and kept from the delegates.
  if (!isMatterCategory(c.category)) return ['adults', 'households'];
  const requested = assemblyRequested(c.state, c.cosignCount, c.electorate);
  return BODIES.filter((b) => {
    if (!bodyAllowedFor(c.category, b)) return false;
    if (b !== 'delegates') return true;
    return !requested && (!isReservedCategory(c.category) || c.delegatesAuthorised);
  });
}
