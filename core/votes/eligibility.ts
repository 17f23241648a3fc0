import { CATEGORIES, MATTER_CATEGORIES, type MatterCategory } from '../categories';
import { BODIES, type Body } from './bodies';

/**
 * Who may decide what, and who may vote on a motion.
 */

/**
 * The bodies that may decide each category. LAW.md keeps dismissal and the charter/village rules
 * from the delegate assembly. Dismissal is narrowed further to the adults' vote: the Organic Law
 * (art. 16) asks for more than half of the registered voters to vote on a dismissal, which a
 * household-representative meeting cannot show. Stricter than LAW.md's table, never looser.
 *
 * Whether the assembly has in fact authorised its delegates for a reserved matter is a village
 * setting the service checks; this table only says what the law could ever allow.
 */
export const BODIES_FOR_CATEGORY: Readonly<Record<MatterCategory, readonly Body[]>> = Object.fromEntries(
  MATTER_CATEGORIES.map((c) => {
    if (c === 'dismissal') return [c, ['adults'] as const];
    return [c, CATEGORIES[c].assemblyOnly ? (['adults', 'households'] as const) : BODIES];
  }),
) as Record<MatterCategory, readonly Body[]>;

export function bodyAllowedFor(category: MatterCategory, body: Body): boolean {
  return BODIES_FOR_CATEGORY[category].includes(body);
}

// ---------------------------------------------------------------------------------------------
// Ages, in Beijing time

/** China keeps one offset all year, UTC+8, with no daylight saving. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const VOTING_AGE = 18;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The calendar date in Beijing at an instant. */
export function shanghaiDate(ms: number): CivilDate {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** A real calendar date from "YYYY-MM-DD" (as printed on an ID card), or null. */
export function parseBirthDate(text: string): CivilDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

function onOrBefore(a: CivilDate, b: CivilDate): boolean {
  if (a.year !== b.year) return a.year < b.year;
  if (a.month !== b.month) return a.month < b.month;
  return a.day <= b.day;
}

export type AgeVerdict = 'adult' | 'minor' | 'unknown';

/**
 * From a full birth date: 18 on the day of the 18th birthday (born on or before the same month
 * and day 18 years earlier), as election rules count age on the election day. Someone born on
 * 29 February has no such day in a common year and comes of age on 1 March.
 */
function verdictFromDate(birth: CivilDate, on: CivilDate): AgeVerdict {
  return onOrBefore(birth, { year: on.year - VOTING_AGE, month: on.month, day: on.day }) ? 'adult' : 'minor';
}

/**
 * From the birth year alone. Born 19 or more years before: surely 18. Born 17 or fewer: surely
 * not. Born exactly 18 years before: 18 only if the birthday has passed, which we cannot know,
 * so `unknown`, except on 31 December when everyone born that year has had their birthday.
 * `unknown` keeps the person off the roll (see adultsElectorate) rather than let a 17-year-old vote.
 */
function verdictFromYear(birthYear: number, on: CivilDate): AgeVerdict {
  const gap = on.year - birthYear;
  if (gap > VOTING_AGE) return 'adult';
  if (gap < VOTING_AGE) return 'minor';
  return on.month === 12 && on.day === 31 ? 'adult' : 'unknown';
}

export interface RosterPerson {
  readonly id: string;
  readonly householdId: string;
  readonly birthYear: number;
  /** "YYYY-MM-DD"; decides the borderline year when given. */
  readonly birthDate?: string | null;
  readonly isHouseholdRep: boolean;
}

/**
 * A person's age verdict on the opening date. A birth date that is malformed or disagrees with
 * the birth year is not trusted over the year: the two readings must agree, or it is `unknown`.
 */
export function ageVerdict(person: RosterPerson, openingAt: number): AgeVerdict {
  const on = shanghaiDate(openingAt);
  const byYear = Number.isSafeInteger(person.birthYear) ? verdictFromYear(person.birthYear, on) : 'unknown';
  if (person.birthDate === undefined || person.birthDate === null || person.birthDate === '') return byYear;
  const birth = parseBirthDate(person.birthDate);
  if (!birth) return byYear;
  const byDate = verdictFromDate(birth, on);
  if (birth.year === person.birthYear) return byDate;
  return byDate === byYear ? byDate : 'unknown';
}

// ---------------------------------------------------------------------------------------------
// The frozen electorate

/**
 * One elector: a person (adults, delegates) or a household (households). `casterIds` are the
 * persons who may cast its one ballot: the person themself, or the household's representative.
 */
export interface Elector {
  readonly id: string;
  readonly casterIds: readonly string[];
}

export type ElectorateNote =
  /** Year of birth only and it is the borderline year: left off until a birth date is entered. */
  | { readonly note: 'ageUnknown'; readonly personId: string }
  /** Counted (it is one of the village's households) but nobody can cast for it. */
  | { readonly note: 'householdWithoutRep'; readonly householdId: string }
  /** More than one person marked representative: each of them may cast, and the household still votes once. */
  | { readonly note: 'householdWithManyReps'; readonly householdId: string; readonly personIds: readonly string[] }
  /** A delegate or committee member not found on the roster; kept, since the list names them. */
  | { readonly note: 'notOnRoster'; readonly personId: string };

export interface Electorate {
  readonly body: Body;
  /** The opening instant the roll was drawn for. */
  readonly asOf: number;
  /** Sorted by id, so the same roster always gives the same roll. */
  readonly electors: readonly Elector[];
  readonly notes: readonly ElectorateNote[];
}

export interface ElectorateSource {
  readonly persons: readonly RosterPerson[];
  /** Elected villagers' delegates (村民代表). */
  readonly delegateIds?: readonly string[];
  /** Villagers' committee members; they sit in the delegate assembly too. */
  readonly committeeIds?: readonly string[];
  readonly opensAt: number;
}

function byId<T extends { readonly id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function freeze(body: Body, asOf: number, electors: Elector[], notes: ElectorateNote[]): Electorate {
  const frozen = electors
    .sort(byId)
    .map((e) => Object.freeze({ id: e.id, casterIds: Object.freeze([...e.casterIds]) }));
  return Object.freeze({
    body,
    asOf,
    electors: Object.freeze(frozen),
    notes: Object.freeze(notes.map((n) => Object.freeze(n))),
  });
}

function uniquePersons(persons: readonly RosterPerson[]): RosterPerson[] {
  const seen = new Map<string, RosterPerson>();
  for (const p of persons) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()];
}

/** Every villager aged 18 or over on the opening date, each voting for themself. */
export function adultsElectorate(persons: readonly RosterPerson[], opensAt: number): Electorate {
  const electors: Elector[] = [];
  const notes: ElectorateNote[] = [];
  for (const p of uniquePersons(persons)) {
    const verdict = ageVerdict(p, opensAt);
    if (verdict === 'adult') electors.push({ id: p.id, casterIds: [p.id] });
    else if (verdict === 'unknown') notes.push({ note: 'ageUnknown', personId: p.id });
  }
  return freeze('adults', opensAt, electors, notes);
}

/**
 * Every household on the roster, one elector each, its ballot cast by its representative. A
 * household without a representative still counts toward the two thirds: leaving it out would
 * make the quorum easier to reach than the law allows.
 */
export function householdsElectorate(persons: readonly RosterPerson[], opensAt: number): Electorate {
  const reps = new Map<string, string[]>();
  for (const p of uniquePersons(persons)) {
    const list = reps.get(p.householdId) ?? [];
    if (p.isHouseholdRep) list.push(p.id);
    reps.set(p.householdId, list);
  }
  const electors: Elector[] = [];
  const notes: ElectorateNote[] = [];
  for (const [householdId, casterIds] of reps) {
    electors.push({ id: householdId, casterIds: [...casterIds].sort() });
    if (casterIds.length === 0) notes.push({ note: 'householdWithoutRep', householdId });
    if (casterIds.length > 1)
      notes.push({ note: 'householdWithManyReps', householdId, personIds: [...casterIds].sort() });
  }
  return freeze('households', opensAt, electors, notes);
}

/** The delegate assembly: delegates and committee members, each once even if both. */
export function delegatesElectorate(
  delegateIds: readonly string[],
  committeeIds: readonly string[],
  persons: readonly RosterPerson[],
  opensAt: number,
): Electorate {
  const onRoster = new Set(persons.map((p) => p.id));
  const ids = [...new Set([...delegateIds, ...committeeIds])];
  const notes: ElectorateNote[] = ids
    .filter((id) => !onRoster.has(id))
    .map((personId) => ({ note: 'notOnRoster', personId }));
  return freeze(
    'delegates',
    opensAt,
    ids.map((id) => ({ id, casterIds: [id] })),
    notes,
  );
}

const DERIVE: Readonly<Record<Body, (s: ElectorateSource) => Electorate>> = {
  adults: (s) => adultsElectorate(s.persons, s.opensAt),
  households: (s) => householdsElectorate(s.persons, s.opensAt),
  delegates: (s) => delegatesElectorate(s.delegateIds ?? [], s.committeeIds ?? [], s.persons, s.opensAt),
};

/** The electorate of a motion, drawn once when it opens and never redrawn. */
export function deriveElectorate(body: Body, source: ElectorateSource): Electorate {
  return DERIVE[body](source);
}

/**
 * The elector a person casts for, or null when they are not on this roll (NOT_ELIGIBLE). A
 * person can cast for one elector at most: themself, or the one household they represent.
 */
export function electorFor(electorate: Pick<Electorate, 'electors'>, personId: string): string | null {
  return electorate.electors.find((e) => e.casterIds.includes(personId))?.id ?? null;
}

/** Whether an elector id is on the roll (for a ballot the committee records on someone's behalf). */
export function isElector(electorate: Pick<Electorate, 'electors'>, electorId: string): boolean {
  return electorate.electors.some((e) => e.id === electorId);
}
