import { AppError } from '../../core/errors';
import { electorate, importRoster, myHousehold, rosterTemplate, searchRoster } from '../../core/membership/actions';
import type { AccountRecord, BindingRecord, HouseholdRecord, PersonRecord } from '../../core/records';
import { rosterTemplate as templateCsv } from '../../core/roster/import';
import { callerOf, route, routes } from '../shared/handler';
import { PAGE_SIZE, targetVillage } from '../shared/scope';
import { decodeCsv, parseCsv } from './decode';
import { runImport } from './import';

/** A roster of a few thousand people is well under this; a 10 MB file is a mistake. */
export const MAX_ROSTER_BYTES = 2 * 1024 * 1024;

const SHANGHAI = 8 * 3600_000;

export const rosterRoutes = routes(
  route(importRoster, async (ctx) => {
    const caller = callerOf(ctx);
    const village = await targetVillage(ctx);
    if (!ctx.files) throw new AppError('UNAVAILABLE', '这里不能上传文件');
    const file = await ctx.files.read(ctx.input.fileId, MAX_ROSTER_BYTES);
    // Only the one who uploaded a file may import it: file ids are not secrets to rely on.
    if (file.uploadedBy !== null && file.uploadedBy !== caller.accountId)
      throw new AppError('NOT_FOUND', '没有找到这个文件');
    const { text, encoding } = decodeCsv(file.bytes);
    const table = parseCsv(text);
    return runImport(
      ctx.store,
      caller,
      ctx.clock.now(),
      village,
      table,
      { name: file.name, bytes: file.bytes, encoding },
      ctx.input.dryRun,
    );
  }),

  route(rosterTemplate, async () => ({ fileName: '花名册模板.csv', csv: templateCsv() })),

  route(searchRoster, async (ctx) => {
    const village = await targetVillage(ctx, ctx.input.villageId);
    // A village roster is a few thousand people at most: read it whole and match names in memory
    // (substring search is outside the store's filter subset).
    const [persons, households] = await Promise.all([
      ctx.store.find<PersonRecord>('persons', { villageId: village._id }, { limit: 10_000 }),
      ctx.store.find<HouseholdRecord>('households', { villageId: village._id }, { limit: 10_000 }),
    ]);
    const byId = new Map(households.map((h) => [h._id, h]));
    const q = ctx.input.q.toUpperCase();
    const matching = persons
      .filter((p) => {
        const h = byId.get(p.householdId);
        if (ctx.input.groupId && h?.groupId !== ctx.input.groupId) return false;
        return q === '' || p.name.includes(ctx.input.q) || (h?.code.toUpperCase().includes(q) ?? false);
      })
      .sort(
        (a, b) =>
          (byId.get(a.householdId)?.code ?? '').localeCompare(byId.get(b.householdId)?.code ?? '') ||
          a.name.localeCompare(b.name),
      );
    const start = ctx.input.page * PAGE_SIZE;
    const pageItems = matching.slice(start, start + PAGE_SIZE);
    const items = await Promise.all(
      pageItems.map(async (p) => {
        const h = byId.get(p.householdId);
        const binding = await ctx.store.get<BindingRecord>('bindings', p._id);
        return {
          id: p._id,
          name: p.name,
          gender: p.gender,
          birthYear: p.birthYear,
          isHouseholdRep: p.isHouseholdRep,
          householdId: p.householdId,
          householdCode: h?.code ?? '',
          groupName: village.groups.find((g) => g.id === h?.groupId)?.name ?? '',
          accountId: binding?.accountId ?? null,
        };
      }),
    );
    return {
      items,
      groups: village.groups.map((g) => ({ id: g.id, name: g.name })),
      total: matching.length,
      page: ctx.input.page,
      pageSize: PAGE_SIZE,
    };
  }),

  route(myHousehold, async (ctx) => {
    const caller = callerOf(ctx);
    const person = caller.personId ? await ctx.store.get<PersonRecord>('persons', caller.personId) : null;
    const household = person ? await ctx.store.get<HouseholdRecord>('households', person.householdId) : null;
    if (!person || !household) throw new AppError('NOT_FOUND', '没有找到您家的信息');
    ctx.authorize({ villageId: household.villageId });
    const village = await targetVillage(ctx, household.villageId);
    const members = await ctx.store.find<PersonRecord>(
      'persons',
      { villageId: household.villageId, householdId: household._id },
      { sort: [['birthYear', 'asc']], limit: 50 },
    );
    return {
      code: household.code,
      groupName: village.groups.find((g) => g.id === household.groupId)?.name ?? '',
      tags: [...household.tags],
      members: members.map((m) => ({ name: m.name, birthYear: m.birthYear, isHouseholdRep: m.isHouseholdRep })),
    };
  }),

  route(electorate, async (ctx) => {
    const village = await targetVillage(ctx, ctx.input.villageId);
    const asOf = ctx.input.asOf ?? ctx.clock.now();
    const year = new Date(asOf + SHANGHAI).getUTCFullYear();
    // A preview for the committee by birth year: everyone who turns 18 in or before this year.
    // The frozen electorate of a vote is computed when it opens (core/votes).
    const [adults, households, reps, accounts] = await Promise.all([
      ctx.store.count('persons', { villageId: village._id, birthYear: { $lte: year - 18 } }),
      ctx.store.count('households', { villageId: village._id }),
      ctx.store.count('persons', { villageId: village._id, isHouseholdRep: true }),
      ctx.store.find<AccountRecord>('accounts', { villageId: village._id }, { limit: 10_000 }),
    ]);
    return {
      asOf,
      adults,
      households,
      householdReps: reps,
      delegates: accounts.filter((a) => a.roles.includes('villagerDelegate')).length,
    };
  }),
);
