import { AppError } from '../../core/errors';
import { derivedId } from '../../core/matter/ids';
import { stateInfo } from '../../core/matter/states';
import type { AccountRecord } from '../../core/records';
import type { Store } from '../shared/store/port';
import type { CosignRecord, MatterEventRecord, OutboxRecord, StoredMatter } from './records';

/**
 * Notifications go to an outbox first, one record per recipient per event, with an id derived from
 * (event, person): writing them again (a retry, the timer finishing a crashed request) adds
 * nothing. The sender (WeChat subscribe messages, with their one-consent-one-message limit) reads
 * the outbox; nothing here talks to WeChat.
 *
 * Recipients are roster persons: the account a person uses can change (a new phone), the person
 * cannot, so the sender resolves the binding when it sends.
 */

export interface Notice {
  readonly villageId: string;
  readonly matterId: string | null;
  /** What happened: a timeline entry's id, or the votes module's own event id. */
  readonly eventId: string;
  readonly kind: string;
  /** What it is about, e.g. the matter's title. */
  readonly title: string;
  readonly text: string | null;
  readonly at: number;
}

/**
 * Writes one outbox record per person. Exported for the votes module, which tells the electorate
 * when a motion opens. Returns how many were new.
 */
export async function notifyPersons(store: Store, notice: Notice, personIds: readonly string[]): Promise<number> {
  let added = 0;
  for (const personId of new Set(personIds)) {
    try {
      await store.insert<OutboxRecord>('outbox', {
        _id: derivedId('out', notice.eventId, personId),
        villageId: notice.villageId,
        personId,
        matterId: notice.matterId,
        eventId: notice.eventId,
        kind: notice.kind,
        title: notice.title,
        text: notice.text,
        at: notice.at,
        sentAt: null,
      });
      added += 1;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'DUPLICATE')) throw e;
    }
  }
  return added;
}

/** A village's committee members, as roster persons. */
export async function committeePersons(store: Store, villageId: string): Promise<string[]> {
  const accounts = await store.find<AccountRecord>('accounts', { villageId }, { limit: 10_000 });
  return accounts.flatMap((a) => (a.roles.includes('committee') && a.personId ? [a.personId] : []));
}

async function cosigners(store: Store, matterId: string): Promise<string[]> {
  const rows = await store.find<CosignRecord>('cosigns', { matterId }, { sort: [['at', 'asc']], limit: 10_000 });
  return rows.map((c) => c.personId);
}

/**
 * Who hears of an entry: for a step of the lifecycle, the author and everyone who co-signed; when
 * the co-signers reach one tenth, the committee too, since it must now act. Never the one who did it.
 */
async function recipients(store: Store, event: MatterEventRecord, matter: StoredMatter): Promise<string[]> {
  const people = [matter.authorId, ...(await cosigners(store, matter._id))];
  if (event.kind === 'AssemblyRequested') people.push(...(await committeePersons(store, matter.villageId)));
  return people.filter((p) => p !== event.byPersonId);
}

function noticeText(event: MatterEventRecord): string | null {
  const label = event.state ? stateInfo(event.state).label : null;
  if (label && event.text) return `${label}：${event.text}`;
  return label ?? event.text;
}

/** Writes out an entry's notifications, once. Safe to call again: done entries are skipped. */
export async function deliver(store: Store, eventId: string): Promise<number> {
  const event = await store.get<MatterEventRecord>('matterEvents', eventId);
  if (!event || event.fanout !== 'pending') return 0;
  const matter = await store.get<StoredMatter>('matters', event.matterId);
  let added = 0;
  if (matter) {
    added = await notifyPersons(
      store,
      {
        villageId: matter.villageId,
        matterId: matter._id,
        eventId: event._id,
        kind: event.kind,
        title: matter.title,
        text: noticeText(event),
        at: event.at,
      },
      await recipients(store, event, matter),
    );
  }
  await store.update<MatterEventRecord>('matterEvents', event._id, { fanout: 'done' });
  return added;
}

/**
 * After a change has committed: write its notifications now, and if that fails, leave them
 * pending for the timer (deliverPending) rather than fail a change that already happened.
 */
export async function deliverAfterCommit(store: Store, eventIds: readonly string[]): Promise<void> {
  for (const id of eventIds) {
    try {
      await deliver(store, id);
    } catch (e) {
      console.log(
        JSON.stringify({ outbox: 'deferred', eventId: id, error: e instanceof Error ? e.message : String(e) }),
      );
    }
  }
}
