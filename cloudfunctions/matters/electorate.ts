import { ageVerdict, shanghaiDate, VOTING_AGE } from '../../core/votes/eligibility';
import type { Store } from '../shared/store/port';

/**
 * The electorate the one-tenth rule is measured against: villagers aged 18 or over (LAW.md). The
 * roster keeps birth years, so the rule reduces to "born in or before year Y"; Y is asked of core's
 * own age rule (ageVerdict), which keeps the borderline year off the roll as the vote itself does.
 * One indexed count (persons by village and birth year) per request: the village's size, never
 * the number of matters.
 */
export function latestAdultBirthYear(now: number): number {
  const year = shanghaiDate(now).year;
  // At most two steps: the borderline year is adult only on 31 December, the year before always.
  for (let y = year - VOTING_AGE; ; y -= 1) {
    if (ageVerdict({ id: '-', householdId: '-', birthYear: y, isHouseholdRep: false }, now) === 'adult') return y;
  }
}

export async function adultElectorate(store: Store, villageId: string, now: number): Promise<number> {
  return store.count('persons', { villageId, birthYear: { $lte: latestAdultBirthYear(now) } });
}
