import { CATEGORIES, isMatterCategory, type MatterCategory } from '../categories';

/**
 * Whether a matter's category is one the law reserves for the villagers' assembly (LAW.md): the
 * committee cannot settle it alone. A value missing from the table (a stale record, a category
 * retired later) counts as reserved: wrongly demanding a vote is recoverable, wrongly letting the
 * committee decide alone is not.
 */
export function isReservedCategory(category: MatterCategory): boolean {
  return isMatterCategory(category) ? CATEGORIES[category].needsVote : true;
}
