import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { addMilestone, assignOwner, get, postProgress, progress, teams } from '../../core/matter/actions';
import type { MatterOwner } from '../../core/matter/record';
import { isLaterDay } from '../../core/matter/time';
import { canAddMilestone, canAssignOwner, canPostProgress, mayReportWork } from '../../core/matter/work';
import { VILLAGE_MAX_TEAMS } from '../../core/membership/actions';
import type { PersonRecord } from '../../core/records';
import { appendAudit } from '../shared/audit';
import { callerOf, type ActionContext } from '../shared/handler';
import { once } from '../shared/once';
import { targetVillage } from '../shared/scope';
import type { DocOps } from '../shared/store/port';
import { adultElectorate } from './electorate';
import { idFor, timeKey } from './ids';
import { loadMatter } from './load';
import { page } from './paging';
import { checkPhotos } from './photos';
import type { MilestoneRecord, ProgressRecord, StoredMatter, TeamRecord } from './records';
import { touched } from './steps';
import { appendEvents } from './timeline';
import { matterView } from './view';

/**
 * 民办: who carries the work out, its milestones, and the progress posted with photos. Core says
 * in which states each may happen (work.ts) and who may report (the committee, the owner, a member
 * of the owning team); the committee's part goes to the audit log too.
 */
type ProgressView = OutputOf<typeof postProgress>;

function stateError(): AppError {
  return new AppError('INVALID_TRANSITION');
}

/** The owner as named in the request, checked to be of the matter's own village. */
async function resolveOwner(
  ops: Pick<DocOps, 'get'>,
  villageId: string,
  owner: MatterOwner,
): Promise<{ owner: MatterOwner; name: string }> {
  if (owner.kind === 'person') {
    const p = await ops.get<PersonRecord>('persons', owner.personId);
    if (!p || p.villageId !== villageId) throw new AppError('NOT_FOUND', '村里花名册上没有这个人');
    return { owner: { kind: 'person', personId: p._id }, name: p.name };
  }
  const t = await ops.get<TeamRecord>('teams', owner.teamId);
  if (!t || t.villageId !== villageId) throw new AppError('NOT_FOUND', '村里没有这个互助工作队');
  return { owner: { kind: 'team', teamId: t._id }, name: t.name };
}

/** May this caller report on the matter's work? A team's members are read from the team. */
async function mayReport(ops: Pick<DocOps, 'get'>, caller: Caller, m: StoredMatter): Promise<boolean> {
  const team = m.owner?.kind === 'team' ? await ops.get<TeamRecord>('teams', m.owner.teamId) : null;
  return mayReportWork(caller, m.owner, team?.memberIds ?? []);
}

/** The village's mutual-aid work teams (互助工作队), for choosing a matter's owner: a few, one bounded read. */
export async function listTeams(ctx: ActionContext<typeof teams>): Promise<OutputOf<typeof teams>> {
  const village = await targetVillage(ctx);
  const rows = await ctx.store.find<TeamRecord>('teams', { villageId: village._id }, { limit: VILLAGE_MAX_TEAMS });
  return rows
    .map((t) => ({ id: t._id, name: t.name, memberCount: t.memberIds.length }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

export async function assignMatterOwner(ctx: ActionContext<typeof assignOwner>): Promise<OutputOf<typeof get>> {
  const caller = callerOf(ctx);
  const before = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  if (!canAssignOwner(before.state)) throw stateError();
  const named = await resolveOwner(ctx.store, before.villageId, ctx.input.owner);
  const now = ctx.clock.now();
  const after = await ctx.store.transaction(async (tx) => {
    const m = await tx.get<StoredMatter>('matters', before._id);
    if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
    if (!canAssignOwner(m.state)) throw stateError();
    const events = await appendEvents(tx, m, now, [{ kind: 'OwnerAssigned', by: caller, text: named.name }]);
    const patch = { owner: named.owner, ownerName: named.name, eventSeq: events.eventSeq, ...touched(m, now) };
    await tx.update<StoredMatter>('matters', m._id, patch, { expectVersion: m.version });
    await appendAudit(tx, caller, now, {
      scope: m.villageId,
      action: 'matters.assignOwner',
      target: { collection: 'matters', id: m._id },
      before: { owner: m.owner, ownerName: m.ownerName },
      after: { owner: named.owner, ownerName: named.name },
    });
    const updated: StoredMatter = { ...m, ...patch, version: (m.version ?? 0) + 1 };
    return updated;
  });
  return matterView(ctx.store, caller, now, after, await adultElectorate(ctx.store, after.villageId, now));
}

export async function addMatterMilestone(
  ctx: ActionContext<typeof addMilestone>,
): Promise<OutputOf<typeof addMilestone>> {
  const caller = callerOf(ctx);
  const before = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  const id = idFor('ms', before._id, caller.accountId, ctx.input.clientId);
  // Added again after the network dropped the answer, or twice at once: one milestone (shared/once.ts).
  const milestone = await once<MilestoneRecord>(
    ctx.store,
    'milestones',
    id,
    ctx.input.clientId !== undefined,
    async () => {
      // The lifecycle's order: a step that cannot happen now says so whoever asks, then who may.
      if (!canAddMilestone(before.state)) throw stateError();
      if (!(await mayReport(ctx.store, caller, before)))
        throw new AppError('FORBIDDEN', '只有负责办这件事的人和村两委能定节点');
      const now = ctx.clock.now();
      const record: MilestoneRecord = {
        _id: id,
        villageId: before.villageId,
        matterId: before._id,
        title: ctx.input.title,
        dueAt: ctx.input.dueAt ?? null,
        doneAt: null,
        createdAt: now,
      };
      await ctx.store.transaction(async (tx) => {
        const m = await tx.get<StoredMatter>('matters', before._id);
        if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
        if (!canAddMilestone(m.state)) throw stateError();
        await tx.insert<MilestoneRecord>('milestones', record);
        const events = await appendEvents(tx, m, now, [{ kind: 'MilestoneAdded', by: caller, text: record.title }]);
        await tx.update<StoredMatter>('matters', m._id, { eventSeq: events.eventSeq, ...touched(m, now) });
        if (caller.roles.includes('committee')) {
          await appendAudit(tx, caller, now, {
            scope: m.villageId,
            action: 'matters.addMilestone',
            target: { collection: 'milestones', id: record._id },
            before: null,
            after: { matterId: m._id, title: record.title, dueAt: record.dueAt },
          });
        }
      });
      return record;
    },
  );
  return { id: milestone._id, title: milestone.title, dueAt: milestone.dueAt, doneAt: milestone.doneAt };
}

function progressView(p: ProgressRecord): ProgressView {
  return {
    id: p._id,
    matterId: p.matterId,
    text: p.text,
    photos: [...p.photos],
    percent: p.percent,
    laborDays: p.laborDays ?? null,
    happenedAt: p.happenedAt,
    milestoneId: p.milestoneId,
    byName: p.byName,
    postedAt: p.postedAt,
  };
}

export async function postMatterProgress(ctx: ActionContext<typeof postProgress>): Promise<ProgressView> {
  const caller = callerOf(ctx);
  const input = ctx.input;
  const before = await loadMatter(ctx.store, ctx.authorize, input.matterId);
  const id = idFor('pg', before._id, caller.accountId, input.clientId);
  // A report sent again after the network dropped the answer, or twice at once, is kept once (shared/once.ts).
  const stored = await once<ProgressRecord>(ctx.store, 'progress', id, input.clientId !== undefined, async () => {
    if (!canPostProgress(before.state)) throw stateError();
    if (!(await mayReport(ctx.store, caller, before)))
      throw new AppError('FORBIDDEN', '只有负责办这件事的人和村两委能报进度');
    const now = ctx.clock.now();
    // Work reported is work done: not dated on a later day than today.
    if (isLaterDay(input.happenedAt, now)) {
      throw new AppError('INVALID_INPUT', '干活的日期不能晚于今天', [
        { path: 'happenedAt', message: '干活的日期不能晚于今天' },
      ]);
    }
    const milestone = input.milestoneId ? await ctx.store.get<MilestoneRecord>('milestones', input.milestoneId) : null;
    if (input.milestoneId && (!milestone || milestone.matterId !== before._id)) {
      throw new AppError('NOT_FOUND', '这件事没有这个节点');
    }
    const photos = await checkPhotos(ctx.files, caller, input.photos);
    const record: ProgressRecord = {
      _id: id,
      villageId: before.villageId,
      matterId: before._id,
      text: input.text,
      photos,
      percent: input.percent,
      happenedAt: input.happenedAt,
      milestoneId: milestone?._id ?? null,
      laborDays: input.laborDays ?? null,
      byPersonId: caller.personId,
      byAccountId: caller.accountId,
      byName: caller.name,
      postedAt: now,
      feedKey: timeKey(now, id),
    };
    return ctx.store.transaction(async (tx) => {
      const m = await tx.get<StoredMatter>('matters', before._id);
      if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
      if (!canPostProgress(m.state)) throw stateError();
      await tx.insert<ProgressRecord>('progress', record);
      // The first report that finishes a milestone marks it done; later ones leave the date alone.
      if (milestone && milestone.doneAt === null) {
        await tx.update<MilestoneRecord>('milestones', milestone._id, { doneAt: record.happenedAt });
      }
      const labor = record.laborDays ? `，投工投劳${record.laborDays}人·天` : '';
      const events = await appendEvents(tx, m, now, [
        { kind: 'ProgressPosted', by: caller, text: `完成${record.percent}%${labor}：${record.text}` },
      ]);
      await tx.update<StoredMatter>(
        'matters',
        m._id,
        {
          progressPercent: record.percent,
          laborDays: (m.laborDays ?? 0) + (record.laborDays ?? 0),
          eventSeq: events.eventSeq,
          ...touched(m, now),
        },
        { expectVersion: m.version },
      );
      if (caller.roles.includes('committee')) {
        await appendAudit(tx, caller, now, {
          scope: m.villageId,
          action: 'matters.postProgress',
          target: { collection: 'progress', id: record._id },
          before: { progressPercent: m.progressPercent, laborDays: m.laborDays ?? 0 },
          after: {
            progressPercent: record.percent,
            laborDays: (m.laborDays ?? 0) + (record.laborDays ?? 0),
            text: record.text,
            photos: record.photos,
          },
        });
      }
      return record;
    });
  });
  return progressView(stored);
}

export async function listProgress(ctx: ActionContext<typeof progress>): Promise<OutputOf<typeof progress>> {
  const m = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  const { cursor, limit } = ctx.input;
  const rows = await ctx.store.find<ProgressRecord>(
    'progress',
    cursor ? { matterId: m._id, feedKey: { $lt: cursor } } : { matterId: m._id },
    { sort: [['feedKey', 'desc']], limit: limit + 1 },
  );
  const p = page(rows, limit, (x) => x.feedKey);
  return { items: p.items.map(progressView), nextCursor: p.nextCursor };
}
