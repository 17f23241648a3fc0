import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import type { timeline } from '../../core/matter/actions';
import type { TransitionName } from '../../core/matter/lifecycle';
import type { TimelineKind } from '../../core/matter/schemas';
import type { MatterState } from '../../core/matter/states';
import type { ActionContext } from '../shared/handler';
import type { DocOps } from '../shared/store/port';
import { eventId } from './ids';
import { loadMatter } from './load';
import { page, seqCursor } from './paging';
import type { MatterEventRecord, StoredMatter } from './records';

/**
 * The timeline (matterEvents): every step and every update of a matter appends one entry, in the
 * same transaction as the change, numbered after the matter's last one. The caller writes the
 * returned `eventSeq` onto the matter in that transaction too, which is what keeps the numbers
 * unique and in order. Read back a page at a time, oldest first, by number.
 */
export interface NewEvent {
  readonly kind: TimelineKind;
  readonly transition?: TransitionName;
  /** Null for the system (a tally, a timer). */
  readonly by: Caller | null;
  /** The state after it, for lifecycle steps. */
  readonly state?: MatterState | null;
  readonly text?: string | null;
  /** Whether the author and co-signers hear of it (see outbox.ts). */
  readonly notify?: boolean;
}

export interface Appended {
  readonly eventSeq: number;
  readonly ids: readonly string[];
  /** The entries that still owe notifications: deliver them once the transaction has committed. */
  readonly toDeliver: readonly string[];
}

export async function appendEvents(
  tx: DocOps,
  matter: Pick<StoredMatter, '_id' | 'villageId' | 'eventSeq'>,
  at: number,
  events: readonly NewEvent[],
): Promise<Appended> {
  let seq = matter.eventSeq;
  const ids: string[] = [];
  const toDeliver: string[] = [];
  for (const e of events) {
    seq += 1;
    const id = eventId(matter._id, seq);
    await tx.insert<MatterEventRecord>('matterEvents', {
      _id: id,
      villageId: matter.villageId,
      matterId: matter._id,
      seq,
      at,
      kind: e.kind,
      transition: e.transition ?? null,
      byAccountId: e.by?.accountId ?? null,
      byPersonId: e.by?.personId ?? null,
      byName: e.by?.name ?? null,
      state: e.state ?? null,
      text: e.text ?? null,
      fanout: e.notify ? 'pending' : 'none',
    });
    ids.push(id);
    if (e.notify) toDeliver.push(id);
  }
  return { eventSeq: seq, ids, toDeliver };
}

export async function readTimeline(ctx: ActionContext<typeof timeline>): Promise<OutputOf<typeof timeline>> {
  const m = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  const after = seqCursor(ctx.input.cursor);
  const limit = ctx.input.limit;
  const rows = await ctx.store.find<MatterEventRecord>(
    'matterEvents',
    { matterId: m._id, seq: { $gt: after } },
    { sort: [['seq', 'asc']], limit: limit + 1 },
  );
  const p = page(rows, limit, (e) => String(e.seq));
  return {
    items: p.items.map((e) => ({ id: e._id, at: e.at, kind: e.kind, byName: e.byName, state: e.state, text: e.text })),
    nextCursor: p.nextCursor,
  };
}
