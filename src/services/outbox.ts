/**
 * The offline queue (还没发出去的走访). Signal is weak in the hills, so a check-in is always written
 * to the phone first and sent from there: when there is network at once, otherwise when it comes
 * back (network events, the app or a page shown again). Each check-in carries the id the phone made
 * for it, and the server derives the visit's id from (member, that id), so sending one twice, after
 * a reload or a lost reply, never makes two visits.
 *
 * This file is the queue's logic only, with the phone's storage, photo files and the network passed
 * in, so it runs the same in the mini-program, in H5 and in a unit test. Storage is split by key (one
 * record per check-in, and an index), as WeChat allows 1 MB a key; photos are kept apart as files.
 */

/** The phone's key-value storage (Taro.getStorageSync and friends). */
export interface OutboxStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/** Where photos taken offline are kept until they are uploaded: files in weapp, IndexedDB in H5. */
export interface OutboxPhotos {
  /** Keeps the picked photo; returns the key to find it again. */
  keep(key: string, photo: unknown): Promise<string>;
  /** Uploads a kept photo and returns its file id; null when the phone no longer has it. */
  upload(ref: PhotoRef, accountId: string): Promise<string | null>;
  drop(ref: PhotoRef): Promise<void>;
}

export interface PhotoRef {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  /** Set once uploaded, so a retry does not upload it again. */
  readonly fileId: string | null;
}

export interface WhereWhen {
  readonly at: number;
  readonly location?:
    | { readonly consent: 'granted'; readonly latitude: number; readonly longitude: number; readonly accuracy?: number }
    | { readonly consent: 'refused' }
    | { readonly consent: 'unavailable' };
}

export interface NeedDraft {
  readonly category: string;
  readonly urgency: 'normal' | 'urgent';
  readonly text: string;
  readonly ownerId?: string;
}

/** What the member filled in, without photos (those are kept apart). */
export interface CheckInDraft {
  readonly householdId: string;
  readonly start: WhereWhen;
  readonly end: WhereWhen;
  readonly metPersonIds: readonly string[];
  readonly metOthers: string;
  readonly notes: string;
  readonly needs: readonly NeedDraft[];
}

export interface OutboxEntry {
  readonly clientId: string;
  readonly accountId: string;
  /** For the list of what waits: the household's code, as the member knows it. */
  readonly householdCode: string;
  readonly savedAt: number;
  readonly draft: CheckInDraft;
  readonly photos: { readonly start: readonly PhotoRef[]; readonly end: readonly PhotoRef[] };
  readonly attempts: number;
  readonly lastTryAt: number | null;
  /** Why the last try did not get through, in the server's words. */
  readonly lastError: string | null;
  /**
   * Set when the server refused it for good (not a network problem): it stays on the phone, shown
   * with the reason, until the member sends it again or deletes it. Nothing is dropped silently.
   */
  readonly refused: boolean;
}

/** The payload visits.checkIn takes. */
export interface CheckInPayload {
  readonly clientId: string;
  readonly householdId: string;
  readonly start: WhereWhen & { readonly photos: string[] };
  readonly end: WhereWhen & { readonly photos: string[] };
  readonly metPersonIds: string[];
  readonly metOthers: string;
  readonly notes: string;
  readonly needs: NeedDraft[];
}

export interface SentNote {
  readonly clientId: string;
  readonly householdCode: string;
  readonly visitId: string;
  readonly at: number;
}

export interface OutboxDeps {
  readonly storage: OutboxStorage;
  readonly photos: OutboxPhotos;
  /** Calls visits.checkIn; resolves with the visit's id, rejects with an error that has a `code`. */
  send(payload: CheckInPayload): Promise<{ visitId: string }>;
  online(): boolean;
  now(): number;
}

/** Bounds, so the queue never fills the phone's storage (10 MB a mini-program). */
export const OUTBOX_LIMITS = { entries: 30, photosPerMoment: 3, photoBytes: 5 * 1024 * 1024, sentNotes: 10 } as const;

/** Network trouble, or the server briefly failing: try again later. Anything else is a refusal. */
const TRANSIENT = new Set(['UNAVAILABLE', 'INTERNAL', 'TOO_MANY_REQUESTS']);

export function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code !== 'string' || TRANSIENT.has(code);
}

function messageOf(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m.length > 0 ? m : '没有发出去';
}

export const INDEX_KEY = 'xz.outbox';
export const SENT_KEY = 'xz.outbox.sent';
const entryKey = (clientId: string) => `xz.outbox.${clientId}`;

export { newClientId } from '../utils/client-id';

function isEntry(v: unknown): v is OutboxEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Partial<OutboxEntry>;
  return typeof e.clientId === 'string' && typeof e.draft === 'object' && typeof e.photos === 'object';
}

export function toPayload(e: OutboxEntry): CheckInPayload {
  const ids = (refs: readonly PhotoRef[]) => refs.flatMap((p) => (p.fileId ? [p.fileId] : []));
  return {
    clientId: e.clientId,
    householdId: e.draft.householdId,
    start: { ...e.draft.start, photos: ids(e.photos.start) },
    end: { ...e.draft.end, photos: ids(e.photos.end) },
    metPersonIds: [...e.draft.metPersonIds],
    metOthers: e.draft.metOthers,
    notes: e.draft.notes,
    needs: [...e.draft.needs],
  };
}

/** How many check-ins wait on this phone, read from the index alone (for a badge outside the visits pages). */
export function waitingIn(storage: Pick<OutboxStorage, 'get'>): number {
  const v = storage.get(INDEX_KEY);
  return Array.isArray(v) ? v.length : 0;
}

export type DrainResult = { readonly sent: number; readonly waiting: number; readonly stoppedBy: string | null };

export class Outbox {
  private draining: Promise<DrainResult> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: OutboxDeps) {}

  /** Oldest first. Records that cannot be read are skipped, never thrown over. */
  list(): OutboxEntry[] {
    const out: OutboxEntry[] = [];
    for (const id of this.ids()) {
      const v = this.deps.storage.get(entryKey(id));
      if (isEntry(v)) out.push(v);
    }
    return out;
  }

  count(): number {
    return this.list().length;
  }

  /** The last few check-ins that got through, newest first: so the member sees where a waiting one went. */
  sent(): SentNote[] {
    const v = this.deps.storage.get(SENT_KEY);
    return Array.isArray(v) ? (v as SentNote[]) : [];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Keeps a check-in on the phone (photos first, then the record, then the index, so a crash in
   * between leaves nothing half-listed). Throws a plain Error in words when the queue is full.
   */
  async add(input: {
    readonly clientId: string;
    readonly accountId: string;
    readonly householdCode: string;
    readonly draft: CheckInDraft;
    readonly photos: { readonly start: readonly PickedPhoto[]; readonly end: readonly PickedPhoto[] };
  }): Promise<OutboxEntry> {
    const ids = this.ids();
    if (ids.includes(input.clientId)) {
      const existing = this.deps.storage.get(entryKey(input.clientId));
      if (isEntry(existing)) return existing;
    }
    if (ids.length >= OUTBOX_LIMITS.entries) {
      throw new Error(`手机上已经存了${ids.length}条没发出去的走访，请先连上网把它们发出去`);
    }
    const keep = async (list: readonly PickedPhoto[], tag: string): Promise<PhotoRef[]> => {
      const refs: PhotoRef[] = [];
      for (const [i, p] of list.slice(0, OUTBOX_LIMITS.photosPerMoment).entries()) {
        if (p.size > OUTBOX_LIMITS.photoBytes) throw new Error('照片太大了：每张最大 5 MB');
        const key = await this.deps.photos.keep(`${input.clientId}-${tag}${i}`, p.photo);
        refs.push({ key, name: p.name, size: p.size, fileId: null });
      }
      return refs;
    };
    const entry: OutboxEntry = {
      clientId: input.clientId,
      accountId: input.accountId,
      householdCode: input.householdCode,
      savedAt: this.deps.now(),
      draft: input.draft,
      photos: { start: await keep(input.photos.start, 's'), end: await keep(input.photos.end, 'e') },
      attempts: 0,
      lastTryAt: null,
      lastError: null,
      refused: false,
    };
    this.deps.storage.set(entryKey(entry.clientId), entry);
    this.deps.storage.set(INDEX_KEY, [...ids.filter((x) => x !== entry.clientId), entry.clientId]);
    this.emit();
    return entry;
  }

  /** Deletes one waiting check-in and its photos (the member chose to). */
  async discard(clientId: string): Promise<void> {
    const e = this.deps.storage.get(entryKey(clientId));
    this.removeEntry(clientId);
    if (isEntry(e))
      for (const p of [...e.photos.start, ...e.photos.end]) await this.deps.photos.drop(p).catch(() => undefined);
    this.emit();
  }

  /** A refused one, sent again when the member asks (say, after the committee fixed the household). */
  retry(clientId: string): Promise<DrainResult> {
    const e = this.deps.storage.get(entryKey(clientId));
    if (isEntry(e)) this.deps.storage.set(entryKey(clientId), { ...e, refused: false });
    this.emit();
    return this.drain();
  }

  /**
   * Sends what waits, oldest first, one at a time. Only one drain runs at once: a second caller
   * gets the running one. Stops at the first network failure (the rest would fail too).
   */
  drain(): Promise<DrainResult> {
    this.draining ??= this.run().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async run(): Promise<DrainResult> {
    let sent = 0;
    for (const first of this.list()) {
      if (first.refused) continue;
      if (!this.deps.online()) return this.result(sent, '没有网络');
      // Re-read: another page may have changed it since the list was taken.
      const current = this.deps.storage.get(entryKey(first.clientId));
      if (!isEntry(current)) continue;
      let e: OutboxEntry = { ...current, attempts: current.attempts + 1, lastTryAt: this.deps.now() };
      try {
        e = await this.uploadPhotos(e);
        const { visitId } = await this.deps.send(toPayload(e));
        this.removeEntry(e.clientId);
        for (const p of [...e.photos.start, ...e.photos.end]) await this.deps.photos.drop(p).catch(() => undefined);
        this.noteSent({ clientId: e.clientId, householdCode: e.householdCode, visitId, at: this.deps.now() });
        sent += 1;
        this.emit();
      } catch (err) {
        const transient = isTransient(err);
        this.deps.storage.set(entryKey(e.clientId), { ...e, lastError: messageOf(err), refused: !transient });
        this.emit();
        if (transient) return this.result(sent, messageOf(err));
      }
    }
    return this.result(sent, null);
  }

  private async uploadPhotos(e: OutboxEntry): Promise<OutboxEntry> {
    let cur = e;
    for (const moment of ['start', 'end'] as const) {
      const refs: PhotoRef[] = [...cur.photos[moment]];
      for (let i = 0; i < refs.length; i += 1) {
        if (refs[i].fileId) continue;
        const fileId = await this.deps.photos.upload(refs[i], cur.accountId);
        // A photo the phone no longer has (WeChat reclaimed it) is left out; the visit still counts.
        if (fileId === null) refs.splice(i--, 1);
        else refs[i] = { ...refs[i], fileId };
        cur = { ...cur, photos: { ...cur.photos, [moment]: [...refs] } };
        this.deps.storage.set(entryKey(cur.clientId), cur);
      }
    }
    return cur;
  }

  private result(sent: number, stoppedBy: string | null): DrainResult {
    return { sent, waiting: this.list().filter((e) => !e.refused).length, stoppedBy };
  }

  private ids(): string[] {
    const v = this.deps.storage.get(INDEX_KEY);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  private removeEntry(clientId: string): void {
    this.deps.storage.set(
      INDEX_KEY,
      this.ids().filter((x) => x !== clientId),
    );
    this.deps.storage.remove(entryKey(clientId));
  }

  private noteSent(note: SentNote): void {
    this.deps.storage.set(SENT_KEY, [note, ...this.sent()].slice(0, OUTBOX_LIMITS.sentNotes));
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** A photo as the form picked it: the platform's own handle (a Blob in H5, a temporary path in weapp). */
export interface PickedPhoto {
  readonly name: string;
  readonly size: number;
  readonly photo: unknown;
}
