import type { OutputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { drafts, raise, saveDraft } from '../../core/matter/actions';
import { raisedMatter, type NewMatter } from '../../core/matter/record';
import type { VillageRecord } from '../../core/records';
import { callerOf, type ActionContext } from '../shared/handler';
import { once } from '../shared/once';
import { targetVillage } from '../shared/scope';
import { adultElectorate } from './electorate';
import { draftIdFor, idFor } from './ids';
import { villageRules } from './load';
import { checkPhotos } from './photos';
import type { DraftRecord, StoredMatter } from './records';
import { derivedFields } from './steps';
import { appendEvents } from './timeline';
import { matterView, type MatterViewOut } from './view';

/** 民提: raising a matter, and the one draft each account keeps while writing it. */

type DraftView = OutputOf<typeof saveDraft>;

/** A matter is raised by a person on the roster: the author is who co-signers and voters see. */
function personOf(caller: Caller): string {
  if (!caller.personId) throw new AppError('FORBIDDEN', '您的账号还没有对上村里花名册上的人，请先申请加入村子');
  return caller.personId;
}

function checkGroup(village: VillageRecord, groupId: string | undefined): string | null {
  if (groupId === undefined) return null;
  if (!village.groups.some((g) => g.id === groupId)) throw new AppError('NOT_FOUND', '村里没有这个组');
  return groupId;
}

function checkDraftId(caller: Caller, draftId: string | undefined): string {
  const own = draftIdFor(caller.accountId);
  // Drafts are private: every other id is, for this caller, not there.
  if (draftId !== undefined && draftId !== own) throw new AppError('NOT_FOUND', '没有找到这份草稿');
  return own;
}

/** A matter as stored the moment it is raised: core's record, with the fields kept beside it for lists and counts. */
export function storedRaisedMatter(m: NewMatter, authorName: string): StoredMatter {
  const base = raisedMatter(m);
  return {
    ...base,
    ...derivedFields(base, {}),
    authorName,
    commentCount: 0,
    stanceFor: 0,
    stanceAgainst: 0,
    stanceNeutral: 0,
    rated1: 0,
    rated2: 0,
    rated3: 0,
    rated4: 0,
    rated5: 0,
    ownerName: null,
    eventSeq: 0,
    voteOpening: null,
  };
}

export async function raiseMatter(ctx: ActionContext<typeof raise>): Promise<MatterViewOut> {
  const caller = callerOf(ctx);
  const authorId = personOf(caller);
  const village = await targetVillage(ctx);
  const input = ctx.input;
  const id = idFor('m', village._id, caller.accountId, input.clientId);
  // Sent again after the network dropped the answer, or twice at once: one matter (shared/once.ts).
  const matter = await once<StoredMatter>(ctx.store, 'matters', id, input.clientId !== undefined, async () => {
    const groupId = checkGroup(village, input.groupId);
    const draftId = input.draftId === undefined ? null : checkDraftId(caller, input.draftId);
    const photos = await checkPhotos(ctx.files, caller, input.photos);
    const rules = await villageRules(ctx.store, village._id);
    const now = ctx.clock.now();
    const fresh = storedRaisedMatter(
      {
        id,
        villageId: village._id,
        authorId,
        title: input.title,
        description: input.description,
        category: input.category,
        groupId,
        photos,
        now,
        screeningDays: rules.settings.screeningDays,
      },
      caller.name,
    );
    return ctx.store.transaction(async (tx) => {
      const events = await appendEvents(tx, fresh, now, [{ kind: 'MatterRaised', by: caller, state: 'raised' }]);
      const stored: StoredMatter = { ...fresh, eventSeq: events.eventSeq };
      await tx.insert<StoredMatter>('matters', stored);
      // The draft it was written in goes in the same step: raised once, nothing left to raise again.
      if (draftId) await tx.remove('drafts', draftId);
      return stored;
    });
  });
  const now = ctx.clock.now();
  return matterView(ctx.store, caller, now, matter, await adultElectorate(ctx.store, village._id, now));
}

function draftView(d: DraftRecord): DraftView {
  return {
    id: d._id,
    title: d.title,
    description: d.description,
    category: d.category,
    groupId: d.groupId,
    photos: [...d.photos],
    savedAt: d.savedAt,
  };
}

export async function saveDraftOf(ctx: ActionContext<typeof saveDraft>): Promise<DraftView> {
  const caller = callerOf(ctx);
  const village = await targetVillage(ctx);
  const id = checkDraftId(caller, ctx.input.draftId);
  const draft: DraftRecord = {
    _id: id,
    villageId: village._id,
    accountId: caller.accountId,
    title: ctx.input.title,
    description: ctx.input.description,
    category: ctx.input.category ?? null,
    groupId: checkGroup(village, ctx.input.groupId),
    // Photos are checked when the matter is raised; a draft only remembers which ones were picked.
    photos: [...new Set(ctx.input.photos)],
    savedAt: ctx.clock.now(),
  };
  // Autosave: the latest text wins, whole.
  await ctx.store.set<DraftRecord>('drafts', draft);
  return draftView(draft);
}

export async function draftsOf(ctx: ActionContext<typeof drafts>): Promise<DraftView[]> {
  const caller = callerOf(ctx);
  const draft = await ctx.store.get<DraftRecord>('drafts', draftIdFor(caller.accountId));
  // A draft written before the account moved village stays out of sight rather than leak across.
  return draft && draft.villageId === caller.villageId ? [draftView(draft)] : [];
}
