import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import { hasRole } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { closeOutNeed, escalateNeed, needs, updateNeed } from '../../core/visits/actions';
import {
  mayCloseOut,
  mayEscalate,
  NEED_LEVEL_LABELS,
  needDeadline,
  nextLevel,
  type NeedLevel,
} from '../../core/visits/needs';
import type { VisitSettings } from '../../core/visits/settings';
import { checkPhotos } from '../matters/photos';
import { committeePersons, notifyPersons } from '../matters/outbox';
import { callerOf, type ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import type { DocOps, Filter, Store } from '../shared/store/port';
import { loadSettings, villagePerson } from './load';
import { STANDING_FIELDS, type NeedHistoryValue, type NeedRecord } from './records';
import { gridStandingBase, StatsWriter } from './stats';
import { needView, type NeedOut } from './views';

/**
 * 诉求 after the visit: listing, editing, climbing the chain, closing out. Every change is one
 * transaction on the need and its grid's standing counters (open by level, raised, closed), so the
 * dashboards' open needs and close-out rate move with it.
 */

type Authorize = (resource: { villageId: string }) => void;

export async function loadNeed(ops: Pick<DocOps, 'get'>, authorize: Authorize, needId: string): Promise<NeedRecord> {
  const n = await ops.get<NeedRecord>('visitNeeds', needId);
  if (!n) throw new AppError('NOT_FOUND', '没有找到这条诉求');
  authorize({ villageId: n.villageId });
  return n;
}

function isOwner(caller: Caller, n: NeedRecord): boolean {
  return caller.personId !== null && (caller.personId === n.ownerId || caller.personId === n.raisedById);
}

/** Moves an open need's count from one level to another (or out of "open", to closed). */
function moveOpen(w: StatsWriter, n: NeedRecord, from: NeedLevel, to: NeedLevel | 'closed'): void {
  const deltas: Record<string, number> = { [STANDING_FIELDS.open[from]]: -1 };
  if (to === 'closed') deltas[STANDING_FIELDS.closed] = 1;
  else deltas[STANDING_FIELDS.open[to]] = 1;
  w.add(gridStandingBase(n), deltas);
}

/**
 * Re-reads the need inside the transaction, applies `change` to it and writes it with its counter
 * changes. The change sees the need as stored now, so two people acting at once cannot both close
 * it or both climb it.
 */
async function changeNeed(
  store: Store,
  needId: string,
  change: (n: NeedRecord, w: StatsWriter) => NeedRecord,
): Promise<NeedRecord> {
  return store.transaction(async (tx) => {
    const n = await tx.get<NeedRecord>('visitNeeds', needId);
    if (!n) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    const w = new StatsWriter();
    const next = change(n, w);
    const { _id: _i, version: _v, ...patch } = next;
    await tx.update<NeedRecord>('visitNeeds', n._id, patch);
    await w.flush(tx);
    return next;
  });
}

function entry(
  kind: NeedHistoryValue['kind'],
  at: number,
  level: NeedLevel,
  byName: string | null,
  text: string | null,
) {
  return { at, kind, level, byName, text };
}

function assertOpen(n: NeedRecord): void {
  if (n.status !== 'open') throw new AppError('NEED_CLOSED');
}

export async function listNeeds(ctx: ActionContext<typeof needs>): Promise<OutputOf<typeof needs>> {
  const caller = callerOf(ctx);
  const village = await targetVillage(ctx, ctx.input.villageId);
  const input = ctx.input;
  // A party member sees the needs they follow; leaders see the village's.
  const mine = input.mine || !hasRole(caller, 'committee', 'townshipStaff', 'gridLeader');
  const parts: Filter[] = [mine ? { ownerId: caller.personId ?? '-' } : { villageId: village._id }];
  if (input.status !== 'all') parts.push({ status: input.status });
  if (input.level) parts.push({ level: input.level });
  if (input.cursor) parts.push({ listKey: { $lt: input.cursor } });
  const rows = await ctx.store.find<NeedRecord>(
    'visitNeeds',
    { $and: parts },
    {
      sort: [['listKey', 'desc']],
      limit: input.limit + 1,
    },
  );
  const now = ctx.clock.now();
  const items = rows.slice(0, input.limit).filter((n) => n.villageId === village._id);
  return {
    items: items.map((n) => needView(n, now)),
    nextCursor: rows.length > input.limit ? rows[input.limit - 1].listKey : null,
  };
}

export async function updateOneNeed(ctx: ActionContext<typeof updateNeed>): Promise<NeedOut> {
  const caller = callerOf(ctx);
  const input = ctx.input;
  const n0 = await loadNeed(ctx.store, ctx.authorize, input.needId);
  if (!hasRole(caller, 'committee', 'townshipStaff') && !isOwner(caller, n0)) {
    throw new AppError('FORBIDDEN', '只有负责人、记下它的党员或村两委能改这条诉求');
  }
  const owner = input.ownerId ? await villagePerson(ctx.store, input.ownerId, n0.villageId) : null;
  const settings = await loadSettings(ctx.store, n0.villageId);
  const now = ctx.clock.now();
  const n = await changeNeed(ctx.store, n0._id, (n) => {
    assertOpen(n);
    const urgency = input.urgency ?? n.urgency;
    const changed: string[] = [];
    if (input.category && input.category !== n.category) changed.push('类别');
    if (input.urgency && input.urgency !== n.urgency) changed.push('轻重缓急');
    if (input.text && input.text !== n.text) changed.push('内容');
    if (owner && owner._id !== n.ownerId) changed.push(`负责人改为${owner.name}`);
    return {
      ...n,
      category: input.category ?? n.category,
      urgency,
      text: input.text ?? n.text,
      ownerId: owner?._id ?? n.ownerId,
      ownerName: owner?.name ?? n.ownerName,
      // A need made urgent (or not) keeps the step it is on, on the other clock from the same start.
      deadlineAt:
        urgency === n.urgency ? n.deadlineAt : needDeadline(n.level, urgency, n.levelSince, settings.needDays),
      history: [
        ...n.history,
        entry('updated', now, n.level, caller.name, changed.length > 0 ? `改了${changed.join('、')}` : null),
      ],
    };
  });
  return needView(n, now);
}

function climbed(
  n: NeedRecord,
  w: StatsWriter,
  settings: VisitSettings,
  now: number,
  kind: 'escalated' | 'climbed',
  byName: string | null,
  text: string,
): NeedRecord {
  const up = nextLevel(n.level);
  if (!up) throw new AppError('CHAIN_TOP');
  moveOpen(w, n, n.level, up);
  return {
    ...n,
    level: up,
    levelSince: now,
    deadlineAt: needDeadline(up, n.urgency, now, settings.needDays),
    history: [...n.history, entry(kind, now, up, byName, text)],
  };
}

export async function escalateOneNeed(ctx: ActionContext<typeof escalateNeed>): Promise<NeedOut> {
  const caller = callerOf(ctx);
  const n0 = await loadNeed(ctx.store, ctx.authorize, ctx.input.needId);
  assertOpen(n0);
  if (!nextLevel(n0.level)) throw new AppError('CHAIN_TOP');
  if (!mayEscalate(caller.roles, n0.level)) throw new AppError('FORBIDDEN', '这一级要由乡镇往上报');
  const settings = await loadSettings(ctx.store, n0.villageId);
  const now = ctx.clock.now();
  const n = await changeNeed(ctx.store, n0._id, (n, w) => {
    assertOpen(n);
    if (n.level !== n0.level) throw new AppError('CONFLICT');
    return climbed(n, w, settings, now, 'escalated', caller.name, ctx.input.reason);
  });
  return needView(n, now);
}

export async function closeOutOneNeed(ctx: ActionContext<typeof closeOutNeed>): Promise<NeedOut> {
  const caller = callerOf(ctx);
  const n0 = await loadNeed(ctx.store, ctx.authorize, ctx.input.needId);
  assertOpen(n0);
  if (!mayCloseOut(caller.roles, n0.level, isOwner(caller, n0))) {
    throw new AppError(
      'FORBIDDEN',
      n0.level === 'village' ? '只有负责人或村两委能销号' : '已经报上去了，由乡镇登记销号',
    );
  }
  const photos = await checkPhotos(ctx.files, caller, ctx.input.photos);
  const now = ctx.clock.now();
  const n = await changeNeed(ctx.store, n0._id, (n, w) => {
    assertOpen(n);
    if (n.level !== n0.level) throw new AppError('CONFLICT');
    moveOpen(w, n, n.level, 'closed');
    return {
      ...n,
      status: 'closed',
      closedAt: now,
      closeOut: { at: now, byName: caller.name, text: ctx.input.text, photos },
      history: [...n.history, entry('closedOut', now, n.level, caller.name, ctx.input.text)],
    };
  });
  return needView(n, now);
}

/**
 * The timer's part of the chain: every open need past its step's deadline climbs one step, and the
 * village's committee hears of it. At the county it stays, overdue (needState says so).
 */
export async function climbDueNeeds(store: Store, now: number, budgetEnd: number): Promise<number> {
  const settings = new Map<string, VisitSettings>();
  let climbedCount = 0;
  const tried = new Set<string>();
  for (;;) {
    const due = (
      await store.find<NeedRecord>(
        'visitNeeds',
        { status: 'open', level: { $in: ['village', 'township'] }, deadlineAt: { $lte: now } },
        { sort: [['deadlineAt', 'asc']], limit: 100 },
      )
    ).filter((n) => !tried.has(n._id));
    if (due.length === 0 || Date.now() > budgetEnd) return climbedCount;
    for (const n0 of due) {
      tried.add(n0._id);
      try {
        const s = settings.get(n0.villageId) ?? (await loadSettings(store, n0.villageId));
        settings.set(n0.villageId, s);
        const up = nextLevel(n0.level);
        if (!up) continue;
        const n = await changeNeed(store, n0._id, (n, w) => {
          // Closed, or climbed by hand, since the list was read: nothing to do.
          if (n.status !== 'open' || n.level !== n0.level || n.deadlineAt > now) return n;
          return climbed(n, w, s, now, 'climbed', null, `到期没办结，自动报到${NEED_LEVEL_LABELS[up]}`);
        });
        if (n.level === n0.level) continue;
        climbedCount += 1;
        await notifyPersons(
          store,
          {
            villageId: n.villageId,
            matterId: null,
            eventId: `vneed:${n._id}:${n.level}`,
            kind: 'NeedEscalated',
            title: `诉求到期没办结：${n.householdCode}`,
            text: `${n.text.slice(0, 40)}（已报到${NEED_LEVEL_LABELS[n.level]}）`,
            at: now,
          },
          await committeePersons(store, n.villageId),
        );
      } catch (e) {
        console.log(JSON.stringify({ timer: 'climbNeeds', needId: n0._id, error: String(e) }));
      }
    }
  }
}
