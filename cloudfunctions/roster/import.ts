import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import { importRoster } from '../../core/membership/actions';
import type { GroupInfo, HouseholdRecord, PersonRecord, VillageRecord } from '../../core/records';
import { checkRoster, type RosterHousehold } from '../../core/roster/import';
import { appendAudit, sha256 } from '../shared/audit';
import type { Store } from '../shared/store/port';

type Report = OutputOf<typeof importRoster>;

/** Ids for new roster records, derived from what identifies them, so a retried import reuses them. */
const householdIdFor = (villageId: string, code: string) => `h_${sha256(`${villageId}|${code}`).slice(0, 24)}`;
const personIdFor = (villageId: string, code: string, name: string, birthYear: number) =>
  `p_${sha256(`${villageId}|${code}|${name}|${birthYear}`).slice(0, 24)}`;

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

interface Plan {
  readonly households: HouseholdRecord[]; // new or changed
  readonly persons: PersonRecord[]; // new or changed
  readonly groups: GroupInfo[];
  readonly counts: Pick<
    Report,
    'householdsAdded' | 'householdsChanged' | 'personsAdded' | 'personsChanged' | 'groupsAdded'
  >;
  readonly householdCount: number;
  readonly residentCount: number;
}

async function plan(store: Store, village: VillageRecord, households: readonly RosterHousehold[]): Promise<Plan> {
  const existingHouseholds = await store.find<HouseholdRecord>(
    'households',
    { villageId: village._id },
    { limit: 10_000 },
  );
  const existingPersons = await store.find<PersonRecord>('persons', { villageId: village._id }, { limit: 10_000 });
  const byCode = new Map(existingHouseholds.map((h) => [h.code, h]));
  const groups = [...village.groups];
  const groupsAdded: string[] = [];
  const groupId = (name: string): string => {
    const found = groups.find((g) => g.name === name);
    if (found) return found.id;
    const id = `${village._id}-g${groups.length + 1}`;
    groups.push({ id, name });
    groupsAdded.push(name);
    return id;
  };
  const outHouseholds: HouseholdRecord[] = [];
  const outPersons: PersonRecord[] = [];
  let householdsAdded = 0;
  let householdsChanged = 0;
  let personsAdded = 0;
  let personsChanged = 0;
  let newPeople = 0;
  for (const h of households) {
    const old = byCode.get(h.code);
    const hid = old?._id ?? householdIdFor(village._id, h.code);
    const members = existingPersons.filter((p) => p.householdId === hid);
    for (const m of h.members) {
      const prev = members.find((p) => p.name === m.name && p.birthYear === m.birthYear);
      const person: PersonRecord = {
        _id: prev?._id ?? personIdFor(village._id, h.code, m.name, m.birthYear),
        villageId: village._id,
        householdId: hid,
        name: m.name,
        gender: m.gender,
        birthYear: m.birthYear,
        isHouseholdRep: m.isRep,
      };
      if (!prev) {
        personsAdded += 1;
        newPeople += 1;
        outPersons.push(person);
      } else if (prev.gender !== m.gender || prev.isHouseholdRep !== m.isRep) {
        personsChanged += 1;
        outPersons.push({ ...person, version: prev.version });
      }
    }
    // Members the file does not list stay on the roster: removing people is a decision, not an import.
    const kept = members.filter((p) => !h.members.some((m) => m.name === p.name && m.birthYear === p.birthYear)).length;
    const household: HouseholdRecord = {
      _id: hid,
      villageId: village._id,
      code: h.code,
      groupId: groupId(h.groupName),
      tags: h.tags,
      memberCount: h.members.length + kept,
    };
    if (!old) {
      householdsAdded += 1;
      outHouseholds.push(household);
    } else if (
      old.groupId !== household.groupId ||
      !sameTags(old.tags, household.tags) ||
      old.memberCount !== household.memberCount
    ) {
      householdsChanged += 1;
      outHouseholds.push({ ...household, version: old.version });
    }
  }
  return {
    households: outHouseholds,
    persons: outPersons,
    groups,
    counts: { householdsAdded, householdsChanged, personsAdded, personsChanged, groupsAdded },
    householdCount: existingHouseholds.length + householdsAdded,
    residentCount: existingPersons.length + newPeople,
  };
}

/**
 * Checks the whole file, then writes every change in one transaction with its audit entry: all or
 * nothing. Importing the same file again finds nothing to change and writes nothing.
 */
export async function runImport(
  store: Store,
  caller: Caller,
  now: number,
  village: VillageRecord,
  table: string[][],
  file: { name: string; bytes: Buffer; encoding: 'utf-8' | 'gbk' },
  dryRun: boolean,
): Promise<Report> {
  const year = new Date(now + 8 * 3600_000).getUTCFullYear(); // the year in Asia/Shanghai
  const base = { dryRun, encoding: file.encoding, rows: Math.max(0, table.length - 1) };
  const checked = checkRoster(table, year);
  const none = { householdsAdded: 0, householdsChanged: 0, personsAdded: 0, personsChanged: 0, groupsAdded: [] };
  if (!checked.ok) return { ...base, ...none, applied: false, problems: [...checked.problems] };
  const p = await plan(store, village, checked.households);
  const nothing = p.households.length === 0 && p.persons.length === 0;
  if (dryRun || nothing) return { ...base, ...p.counts, rows: checked.rows, applied: !dryRun, problems: [] };
  await store.transaction(async (tx) => {
    const current = await tx.get<VillageRecord>('villages', village._id);
    for (const h of p.households) {
      if (h.version === undefined) await tx.insert<HouseholdRecord>('households', h);
      else
        await tx.update<HouseholdRecord>(
          'households',
          h._id,
          { groupId: h.groupId, tags: h.tags, memberCount: h.memberCount },
          { expectVersion: h.version },
        );
    }
    for (const person of p.persons) {
      if (person.version === undefined) await tx.insert<PersonRecord>('persons', person);
      else
        await tx.update<PersonRecord>(
          'persons',
          person._id,
          { gender: person.gender, isHouseholdRep: person.isHouseholdRep },
          { expectVersion: person.version },
        );
    }
    await tx.update<VillageRecord>(
      'villages',
      village._id,
      { groups: p.groups, householdCount: p.householdCount, residentCount: p.residentCount },
      { expectVersion: current?.version },
    );
    await appendAudit(tx, caller, now, {
      scope: village._id,
      action: 'roster.import',
      target: { collection: 'villages', id: village._id, label: village.name },
      before: {
        householdCount: village.householdCount,
        residentCount: village.residentCount,
        groups: village.groups.length,
      },
      after: {
        ...p.counts,
        householdCount: p.householdCount,
        residentCount: p.residentCount,
        file: file.name,
        sha256: sha256(file.bytes.toString('base64')),
      },
    });
  });
  return { ...base, ...p.counts, rows: checked.rows, applied: true, problems: [] };
}
