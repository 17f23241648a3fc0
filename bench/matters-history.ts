import { eventId, threadKey } from '../cloudfunctions/matters/ids';
import type { CommentRecord, MatterEventRecord, StoredMatter } from '../cloudfunctions/matters/records';
import { storedRaisedMatter } from '../cloudfunctions/matters/raise';
import { derivedFields } from '../cloudfunctions/matters/steps';
import type { DocOps, Store } from '../cloudfunctions/shared/store/port';
import type { MatterState } from '../core/matter/states';

/**
 * Years of a village's matters, written straight to the store with the very records the services
 * write (raisedMatter, derivedFields, threadKey, the timeline's entry): raising 10,000 matters and
 * posting 200,000 comments one by one through the services would take an hour. Used by
 * bench/matters.ts and tests/functions/matters-cost.test.ts.
 */
export interface History {
  readonly villageId: string;
  /** Who raised the old matters and who wrote the old comments (persons of the village). */
  readonly authorId: string;
  readonly commenterId: string;
  /** The matter whose page is read: `targetShare` of the comments land on it, the rest spread out. */
  readonly target: string;
  readonly targetShare: number;
  readonly matters: number;
  readonly comments: number;
  /** The old matters' groups, in turn (null: the whole village). */
  readonly groupIds: readonly (string | null)[];
  /** When the oldest was raised; each later one a millisecond after. */
  readonly startAt: number;
}

/** A third of old matters closed, a tenth withdrawn, the rest still raised: the list's filters all find some. */
function stateOf(i: number): MatterState {
  if (i % 3 === 0) return 'closed';
  if (i % 10 === 1) return 'withdrawn';
  return 'raised';
}

export const oldMatterId = (i: number): string => `m_old${String(i).padStart(20, '0')}`;

function oldMatter(h: History, i: number): StoredMatter {
  const id = oldMatterId(i);
  const at = h.startAt + i;
  const fresh = storedRaisedMatter(
    {
      id,
      villageId: h.villageId,
      authorId: h.authorId,
      title: `旧事${i}`,
      description: '',
      category: 'general',
      groupId: h.groupIds[i % h.groupIds.length] ?? null,
      photos: [],
      now: at,
    },
    '旧',
  );
  const state = stateOf(i);
  return { ...fresh, state, ...derivedFields(fresh, { state }), eventSeq: 1 };
}

function oldEvent(m: StoredMatter): MatterEventRecord {
  return {
    _id: eventId(m._id, 1),
    villageId: m.villageId,
    matterId: m._id,
    seq: 1,
    at: m.raisedAt,
    kind: 'MatterRaised',
    transition: null,
    byAccountId: null,
    byPersonId: m.authorId,
    byName: m.authorName,
    state: 'raised',
    text: null,
    fanout: 'done',
  };
}

function oldComment(h: History, i: number, spreadOver: number): CommentRecord {
  const onTarget = spreadOver === 0 || i % 1000 < h.targetShare * 1000;
  const matterId = onTarget ? h.target : oldMatterId(i % spreadOver);
  const id = `c_${String(i).padStart(24, '0')}`;
  const at = h.startAt + i;
  return {
    _id: id,
    villageId: h.villageId,
    matterId,
    parentId: null,
    depth: 0,
    authorId: h.commenterId,
    authorName: '旧',
    stance: 'neutral',
    text: '旧留言',
    hidden: false,
    hiddenReason: null,
    hiddenAt: null,
    createdAt: at,
    threadKey: threadKey(null, at, id),
    reportCount: 0,
  };
}

/** Writes in transactions of BATCH documents, so one commit never holds the whole history. */
const BATCH = 20_000;

async function inBatches(store: Store, count: number, write: (tx: DocOps, i: number) => Promise<void>): Promise<void> {
  for (let from = 0; from < count; from += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = from; i < Math.min(count, from + BATCH); i += 1) await write(tx, i);
    });
  }
}

/** Old matters (each with its timeline entry) and old comments, as the services would have left them. */
export async function pileUp(store: Store, h: History): Promise<void> {
  await inBatches(store, h.matters, async (tx, i) => {
    const m = oldMatter(h, i);
    await tx.insert<StoredMatter>('matters', m);
    await tx.insert<MatterEventRecord>('matterEvents', oldEvent(m));
  });
  await inBatches(store, h.comments, (tx, i) => tx.insert<CommentRecord>('comments', oldComment(h, i, h.matters)));
}
