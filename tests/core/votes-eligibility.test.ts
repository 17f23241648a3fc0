import { CATEGORIES, MATTER_CATEGORIES, type MatterCategory } from '../../core/categories';
import { BODIES, type Body } from '../../core/votes/bodies';
import {
  adultsElectorate,
  ageVerdict,
  bodyAllowedFor,
  delegatesElectorate,
  deriveElectorate,
  electorFor,
  householdsElectorate,
  isElector,
  parseBirthDate,
  shanghaiDate,
  type AgeVerdict,
  type RosterPerson,
} from '../../core/votes/eligibility';

describe('categories: the nine reserved matters, plus dismissal, charter and general', () => {
  test('twelve categories, each labelled in Chinese', () => {
    expect(MATTER_CATEGORIES).toHaveLength(12);
    for (const c of MATTER_CATEGORIES) expect(CATEGORIES[c].label).toMatch(/^[\u4e00-\u9fa5，、：]+$/);
  });

  test('only general may be closed without a vote', () => {
    expect(MATTER_CATEGORIES.filter((c) => !CATEGORIES[c].needsVote)).toEqual(['general']);
  });
});

describe('bodyAllowedFor: the delegate assembly never decides dismissal or the charter', () => {
  const expected: Record<MatterCategory, readonly Body[]> = {
    allowances: BODIES,
    collectiveIncome: BODIES,
    publicWelfare: BODIES,
    landContract: BODIES,
    collectiveProjects: BODIES,
    homestead: BODIES,
    requisitionCompensation: BODIES,
    collectiveProperty: BODIES,
    otherAssembly: BODIES,
    dismissal: ['adults'],
    charter: ['adults', 'households'],
    general: BODIES,
  };
  const rows = MATTER_CATEGORIES.flatMap((c) => BODIES.map((b) => [c, b, expected[c].includes(b)] as const));
  test.each(rows)('%s by %s → %s', (category, body, allowed) => {
    expect(bodyAllowedFor(category, body)).toBe(allowed);
  });
});

describe('ages, in Beijing time', () => {
  test.each([
    [Date.UTC(2024, 11, 31, 15, 59, 59), { year: 2024, month: 12, day: 31 }],
    [Date.UTC(2024, 11, 31, 16, 0, 0), { year: 2025, month: 1, day: 1 }],
    [Date.UTC(2026, 5, 15, 0, 0, 0), { year: 2026, month: 6, day: 15 }],
  ])('%i is %j in Beijing', (ms, date) => {
    expect(shanghaiDate(ms)).toEqual(date);
  });

  test.each([
    ['2008-03-15', { year: 2008, month: 3, day: 15 }],
    ['2008-02-29', { year: 2008, month: 2, day: 29 }],
    ['2007-02-29', null],
    ['2008-13-01', null],
    ['2008-3-5', null],
    ['20080315', null],
    ['', null],
  ])('parseBirthDate(%p)', (text, date) => {
    expect(parseBirthDate(text)).toEqual(date);
  });

  // Opening instants, as Beijing dates.
  const mar15 = Date.UTC(2026, 2, 14, 16, 0, 0); // 2026-03-15 00:00 in Beijing, still the 14th in UTC
  const feb28 = Date.UTC(2026, 1, 28, 4, 0, 0);
  const mar01 = Date.UTC(2026, 2, 1, 4, 0, 0);
  const dec31 = Date.UTC(2026, 11, 31, 15, 59, 0); // 23:59 on 31 December in Beijing
  const jan01 = Date.UTC(2026, 11, 31, 16, 0, 0); // 00:00 on 1 January 2027 in Beijing

  const person = (birthYear: number, birthDate?: string | null): RosterPerson => ({
    id: 'p',
    householdId: 'h',
    birthYear,
    birthDate,
    isHouseholdRep: false,
  });
  const cases: Array<[string, RosterPerson, number, AgeVerdict]> = [
    ['18th birthday on the opening day (Beijing date, not UTC)', person(2008, '2008-03-15'), mar15, 'adult'],
    ['18th birthday the day after', person(2008, '2008-03-16'), mar15, 'minor'],
    ['18th birthday the day before', person(2008, '2008-03-14'), mar15, 'adult'],
    ['born 29 Feb, on 28 Feb of a common year', person(2008, '2008-02-29'), feb28, 'minor'],
    ['born 29 Feb, on 1 Mar of a common year', person(2008, '2008-02-29'), mar01, 'adult'],
    ['year only, 19 years before', person(2007), mar15, 'adult'],
    ['year only, 18 years before: cannot tell', person(2008), mar15, 'unknown'],
    ['year only, 17 years before', person(2009), mar15, 'minor'],
    ['year only, 18 years before, on 31 December', person(2008), dec31, 'adult'],
    ['year only, 18 years before, on 1 January', person(2009), jan01, 'unknown'],
    ['year only, old', person(1940), mar15, 'adult'],
    ['a birth date decides the borderline year', person(2008, '2008-01-02'), mar15, 'adult'],
    ['a null birth date is the year alone', person(2008, null), mar15, 'unknown'],
    ['a malformed birth date falls back to the year', person(1970, '1970-02-30'), mar15, 'adult'],
    ['a malformed birth date cannot settle the borderline', person(2008, '2008-02-30'), mar15, 'unknown'],
    ['year and date disagree but both say adult', person(1960, '1961-05-01'), mar15, 'adult'],
    ['year and date disagree across the bound', person(2008, '2007-01-01'), mar15, 'unknown'],
    ['year and date disagree, both minor', person(2010, '2011-01-01'), mar15, 'minor'],
  ];
  test.each(cases)('%s', (_label, p, at, verdict) => {
    expect(ageVerdict(p, at)).toBe(verdict);
  });
});

// A small village: four households, on 2026-03-15 in Beijing.
const OPENS = Date.UTC(2026, 2, 15, 1, 0, 0);
const roster: RosterPerson[] = [
  { id: 'p1', householdId: 'h1', birthYear: 1960, isHouseholdRep: true },
  { id: 'p2', householdId: 'h1', birthYear: 1962, isHouseholdRep: false },
  { id: 'p3', householdId: 'h1', birthYear: 2015, isHouseholdRep: false },
  { id: 'p4', householdId: 'h2', birthYear: 2008, birthDate: '2008-03-15', isHouseholdRep: false },
  { id: 'p5', householdId: 'h2', birthYear: 2008, isHouseholdRep: false },
  { id: 'p6', householdId: 'h3', birthYear: 1980, isHouseholdRep: true },
  { id: 'p7', householdId: 'h3', birthYear: 1982, isHouseholdRep: true },
  { id: 'p0', householdId: 'h4', birthYear: 1950, isHouseholdRep: true },
];

describe('the frozen electorate', () => {
  test('adults: 18 or over on the opening date, sorted, the borderline year noted', () => {
    const e = adultsElectorate(roster, OPENS);
    expect(e.body).toBe('adults');
    expect(e.asOf).toBe(OPENS);
    expect(e.electors.map((x) => x.id)).toEqual(['p0', 'p1', 'p2', 'p4', 'p6', 'p7']);
    expect(e.electors.every((x) => x.casterIds.length === 1 && x.casterIds[0] === x.id)).toBe(true);
    expect(e.notes).toEqual([{ note: 'ageUnknown', personId: 'p5' }]);
  });

  test('adults: a person listed twice is one elector', () => {
    expect(adultsElectorate([...roster, roster[0]], OPENS).electors).toHaveLength(6);
  });

  test('households: one elector each, cast by the representative', () => {
    const e = householdsElectorate(roster, OPENS);
    expect(e.electors).toEqual([
      { id: 'h1', casterIds: ['p1'] },
      { id: 'h2', casterIds: [] },
      { id: 'h3', casterIds: ['p6', 'p7'] },
      { id: 'h4', casterIds: ['p0'] },
    ]);
    expect(e.notes).toEqual([
      { note: 'householdWithoutRep', householdId: 'h2' },
      { note: 'householdWithManyReps', householdId: 'h3', personIds: ['p6', 'p7'] },
    ]);
  });

  test('delegates: delegates and committee members, once each', () => {
    const e = delegatesElectorate(['p6', 'p1', 'px'], ['p1', 'p0'], roster, OPENS);
    expect(e.electors.map((x) => x.id)).toEqual(['p0', 'p1', 'p6', 'px']);
    expect(e.notes).toEqual([{ note: 'notOnRoster', personId: 'px' }]);
  });

  test.each([
    ['adults', 6],
    ['households', 4],
    ['delegates', 3],
  ] as const)('deriveElectorate(%s) has %i electors', (body, size) => {
    const e = deriveElectorate(body, {
      persons: roster,
      delegateIds: ['p6'],
      committeeIds: ['p1', 'p0'],
      opensAt: OPENS,
    });
    expect(e.body).toBe(body);
    expect(e.electors).toHaveLength(size);
  });

  test('an empty roster gives an empty roll', () => {
    expect(deriveElectorate('households', { persons: [], opensAt: OPENS }).electors).toEqual([]);
    expect(deriveElectorate('delegates', { persons: roster, opensAt: OPENS }).electors).toEqual([]);
  });

  test('the roll is frozen', () => {
    const e = householdsElectorate(roster, OPENS);
    expect(Object.isFrozen(e)).toBe(true);
    expect(Object.isFrozen(e.electors)).toBe(true);
    expect(Object.isFrozen(e.electors[0])).toBe(true);
    expect(Object.isFrozen(e.electors[0].casterIds)).toBe(true);
    expect(() => (e.electors as unknown as unknown[]).push({ id: 'h9', casterIds: [] })).toThrow(TypeError);
  });

  const adults = adultsElectorate(roster, OPENS);
  const households = householdsElectorate(roster, OPENS);
  test.each([
    ['adults: an adult casts for themself', adults, 'p2', 'p2'],
    ['adults: a child is not on the roll', adults, 'p3', null],
    ['adults: the borderline year is not on the roll', adults, 'p5', null],
    ['households: the representative casts for the household', households, 'p1', 'h1'],
    ['households: another member does not', households, 'p2', null],
    ['households: either of two representatives', households, 'p7', 'h3'],
    ['households: a stranger', households, 'zz', null],
  ] as const)('%s', (_label, e, personId, electorId) => {
    expect(electorFor(e, personId)).toBe(electorId);
  });

  test('isElector checks the roll for assisted ballots', () => {
    expect(isElector(households, 'h2')).toBe(true);
    expect(isElector(households, 'p1')).toBe(false);
  });
});
