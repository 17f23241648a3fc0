import { AppError } from '../../core/errors';
import type { PersonRecord } from '../../core/records';
import {
  cast,
  castAssisted,
  checkReceipt,
  close,
  get,
  list,
  myReceipt,
  open,
  recordHandCount,
  result,
} from '../../core/votes/actions';
import { listDigest, normalizeReceipt, presenceId, publishedChoices, publishedReceipts } from '../../core/votes/ids';
import { handCountTally } from '../../core/votes/tally';
import { handCountRefusal, windowState } from '../../core/votes/window';
import { appendAudit } from '../shared/audit';
import { callerOf, route, routes, type ActionContext } from '../shared/handler';
import type { ActionDef } from '../../core/action';
import type { Filter } from '../shared/store/port';
import { castBallot, electorOf } from './cast';
import { closeMotion, countBallots, findAll } from './close';
import { electorDocId, sha256 } from './keys';
import { onMotionClosed } from './on-closed';
import { openMotion } from './open';
import type { ElectorRecord, MotionRecord, PresenceRecord } from './records';
import { seal } from './seal';
import { motionOf } from './view';

async function motionFor<A extends ActionDef>(ctx: ActionContext<A>, motionId: string): Promise<MotionRecord> {
  const motion = await ctx.store.get<MotionRecord>('motions', motionId);
  if (!motion) throw new AppError('NOT_FOUND', '没有这项表决');
  ctx.authorize({ villageId: motion.villageId });
  return motion;
}

export const votesRoutes = routes(
  route(open, async (ctx) => motionOf(await openMotion(ctx.store, callerOf(ctx), ctx.clock.now(), ctx.input))),

  route(get, async (ctx) => {
    const caller = callerOf(ctx);
    let motion = await motionFor(ctx, ctx.input.motionId);
    const now = ctx.clock.now();
    const state = windowState(motion, now);
    if (state === 'open' && (await seal(ctx.store, motion._id)) > 0) {
      motion = (await ctx.store.get<MotionRecord>('motions', motion._id)) ?? motion;
    }
    const elector = await electorOf(ctx.store, motion, caller.personId);
    const voted = elector
      ? (await ctx.store.get<PresenceRecord>('ballotPresence', presenceId(motion._id, elector.id, sha256))) !== null
      : false;
    const turnout = await ctx.store.count('ballotPresence', { motionId: motion._id });
    return {
      motion: motionOf(motion),
      state,
      me: { eligible: elector !== null, voted },
      live: { turnout, chainHead: motion.sealedHead, chainLength: motion.sealedSeq },
    };
  }),

  route(list, async (ctx) => {
    const caller = callerOf(ctx);
    const villageId = caller.villageId;
    if (!villageId) throw new AppError('NOT_JOINED');
    const now = ctx.clock.now();
    const parts: Filter[] = [{ villageId }];
    if (ctx.input.matterId) parts.push({ matterId: ctx.input.matterId });
    if (ctx.input.before !== undefined) parts.push({ opensAt: { $lt: ctx.input.before } });
    if (ctx.input.state === 'notOpen') parts.push({ opensAt: { $gt: now } });
    if (ctx.input.state === 'open')
      parts.push({ opensAt: { $lte: now } }, { closesAt: { $gt: now } }, { closedAt: null });
    const found = await ctx.store.find<MotionRecord>(
      'motions',
      { $and: parts },
      { sort: [['opensAt', 'desc']], limit: (ctx.input.limit ?? 20) * (ctx.input.state === 'closed' ? 3 : 1) },
    );
    const items = found
      .map((m) => ({ m, state: windowState(m, now) }))
      .filter((x) => !ctx.input.state || x.state === ctx.input.state)
      .slice(0, ctx.input.limit ?? 20)
      .map(({ m, state }) => ({
        id: m._id,
        matterId: m.matterId,
        question: m.question,
        kind: m.kind,
        body: m.body,
        mode: m.mode,
        opensAt: m.opensAt,
        closesAt: m.closesAt,
        state,
        result: m.result,
      }));
    return { items };
  }),

  route(cast, async (ctx) => {
    const caller = callerOf(ctx);
    const motion = await motionFor(ctx, ctx.input.motionId);
    const elector = await electorOf(ctx.store, motion, caller.personId);
    if (!elector) throw new AppError('NOT_ELIGIBLE');
    return castBallot(ctx.store, ctx.clock.now(), motion, elector, ctx.input.choices, null);
  }),

  route(castAssisted, async (ctx) => {
    const caller = callerOf(ctx);
    const motion = await motionFor(ctx, ctx.input.motionId);
    const elector = await ctx.store.get<ElectorRecord>('electors', electorDocId(motion._id, ctx.input.electorId));
    if (!elector) throw new AppError('NOT_ELIGIBLE');
    const now = ctx.clock.now();
    const outcome = await castBallot(ctx.store, now, motion, elector, ctx.input.choices, caller);
    // Who recorded a ballot for whom is on the record; what it chose is not.
    await ctx.store.transaction((tx) =>
      appendAudit(tx, caller, now, {
        scope: motion.villageId,
        action: 'votes.castAssisted',
        target: { collection: 'motions', id: motion._id, label: motion.question },
        before: null,
        after: { electorId: elector.id },
      }),
    );
    return outcome;
  }),

  route(recordHandCount, async (ctx) => {
    const caller = callerOf(ctx);
    const motion = await motionFor(ctx, ctx.input.motionId);
    const now = ctx.clock.now();
    const refusal = handCountRefusal(motion, ctx.input.heldAt, now);
    if (refusal) throw new AppError(refusal);
    if ((await ctx.store.count('ballotPresence', { motionId: motion._id })) > 0)
      throw new AppError('BALLOTS_ALREADY_CAST');
    const tally = handCountTally(motion, motion.electorateSize, ctx.input.attendance, ctx.input.counts);
    const handCount = {
      forTheRecord: true as const,
      heldAt: ctx.input.heldAt,
      attendance: ctx.input.attendance,
      counts: { ...ctx.input.counts },
      note: ctx.input.note ?? null,
      recordedBy: caller.accountId,
    };
    await ctx.store.transaction(async (tx) => {
      const current = await tx.get<MotionRecord>('motions', motion._id);
      if (!current || current.closedAt !== null) throw new AppError('VOTING_CLOSED');
      await tx.update<MotionRecord>(
        'motions',
        motion._id,
        { closedAt: now, result: tally.result, tally, source: 'handCount', handCount },
        { expectVersion: current.version },
      );
      await appendAudit(tx, caller, now, {
        scope: motion.villageId,
        action: 'votes.recordHandCount',
        target: { collection: 'motions', id: motion._id, label: motion.question },
        before: { closedAt: null },
        after: { handCount, result: tally.result },
      });
    });
    const closed = await ctx.store.get<MotionRecord>('motions', motion._id);
    if (closed) await onMotionClosed(ctx.store, now, closed, tally);
    return { tally, handCount };
  }),

  route(close, async (ctx) => {
    const motion = await motionFor(ctx, ctx.input.motionId);
    if (motion.closedAt !== null) throw new AppError('VOTING_CLOSED');
    const closed = await closeMotion(ctx.store, ctx.clock.now(), motion._id, callerOf(ctx), onMotionClosed);
    if (!closed.tally) throw new AppError('INTERNAL');
    return closed.tally;
  }),

  route(result, async (ctx) => {
    const motion = await motionFor(ctx, ctx.input.motionId);
    if (motion.closedAt === null || !motion.tally) throw new AppError('RESULT_NOT_READY');
    const { presences, contents } =
      motion.source === 'ballots' ? await countBallots(ctx.store, motion) : { presences: [], contents: [] };
    let openBallots: Array<{ electorId: string; name: string; choices: string[]; assisted: boolean }> | null = null;
    if (motion.mode === 'open' && motion.source === 'ballots') {
      const names = new Map<string, string>();
      for (const p of await findAll<PersonRecord>(ctx.store, 'persons', { villageId: motion.villageId })) {
        names.set(motion.body === 'households' ? p.householdId : p._id, p.name);
      }
      openBallots = presences
        .map((p) => ({
          electorId: p.electorId,
          name: names.get(p.electorId) ?? p.electorId,
          choices: [...(p.choices ?? [])],
          assisted: p.assistedBy !== null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    }
    const receipts = publishedReceipts(presences.map((p) => p.receipt));
    const choices =
      motion.mode === 'secret' && motion.source === 'ballots'
        ? publishedChoices(contents.map((c) => ({ id: c._id, choices: c.choices })))
        : null;
    // A ballot edited in the store after the count must not show here as if nothing happened.
    const listsMatchPublished =
      motion.source !== 'ballots' ||
      (listDigest(receipts, sha256) === motion.receiptsDigest &&
        (choices === null || listDigest(choices, sha256) === motion.choicesDigest));
    return {
      motion: motionOf(motion),
      tally: motion.tally,
      source: motion.source ?? 'ballots',
      receipts,
      secretChoices: choices,
      openBallots,
      handCount: motion.handCount,
      chainHead: motion.sealedHead,
      choicesDigest: motion.choicesDigest,
      receiptsDigest: motion.receiptsDigest,
      listsMatchPublished,
    };
  }),

  route(myReceipt, async (ctx) => {
    const caller = callerOf(ctx);
    const motion = await motionFor(ctx, ctx.input.motionId);
    const elector = await electorOf(ctx.store, motion, caller.personId);
    const presence = elector
      ? await ctx.store.get<PresenceRecord>('ballotPresence', presenceId(motion._id, elector.id, sha256))
      : null;
    return {
      receipt: presence?.receipt ?? null,
      castAt: presence?.castAt ?? null,
      assisted: (presence?.assistedBy ?? null) !== null,
    };
  }),

  route(checkReceipt, async (ctx) => {
    const motion = await motionFor(ctx, ctx.input.motionId);
    const receipt = normalizeReceipt(ctx.input.receipt);
    if (!receipt) return { counted: false };
    const found = await ctx.store.find<PresenceRecord>(
      'ballotPresence',
      { motionId: motion._id, receipt },
      { limit: 1 },
    );
    return { counted: found.length > 0 };
  }),
);
