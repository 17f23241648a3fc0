import {
  INDEX_KEY,
  newClientId,
  Outbox,
  OUTBOX_LIMITS,
  type CheckInDraft,
  type CheckInPayload,
  type OutboxPhotos,
  type OutboxStorage,
  type PhotoRef,
  type PickedPhoto,
  waitingIn,
} from '../../src/services/outbox';
import { hh, JPEG, visitsWorld, who, type CheckInOut, type VisitsWorld } from '../helpers/visits';

/**
 * The phone's offline queue (src/services/outbox.ts) against the real visits function on an on-disk
 * store: the phone's storage is a Map that is serialised as Taro's storage would (JSON, so nothing
 * but plain data survives), photos are kept in memory until uploaded through the real file store.
 * A reply lost on the way back is the case that matters: the queue sends again and the server's
 * client-id dedupe keeps it to one visit.
 */
jest.setTimeout(60_000);

class FakeStorage implements OutboxStorage {
  readonly data = new Map<string, string>();
  get(key: string): unknown {
    const v = this.data.get(key);
    return v === undefined ? '' : (JSON.parse(v) as unknown);
  }
  set(key: string, value: unknown): void {
    this.data.set(key, JSON.stringify(value));
  }
  remove(key: string): void {
    this.data.delete(key);
  }
}

class Failure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let w: VisitsWorld;
beforeAll(async () => {
  w = await visitsWorld();
  await w.generate();
  await w.assign([1, 7, 13, 19, 25].map(hh), await w.personOf('demo-taoyuan-party'));
});
afterAll(() => w.cleanup());

function world(opts: { online?: () => boolean } = {}) {
  const storage = new FakeStorage();
  const kept = new Map<string, Buffer>();
  const uploads: string[] = [];
  const photos: OutboxPhotos = {
    keep: (key, photo) => {
      kept.set(key, photo as Buffer);
      return Promise.resolve(key);
    },
    upload: (ref: PhotoRef, accountId: string) => {
      const bytes = kept.get(ref.key);
      if (!bytes) return Promise.resolve(null);
      uploads.push(ref.key);
      return Promise.resolve(w.upload(bytes, accountId, ref.name));
    },
    drop: (ref) => {
      kept.delete(ref.key);
      return Promise.resolve();
    },
  };
  const sent: CheckInPayload[] = [];
  /** What the network does to the next calls: pass, fail before the server, or lose the reply. */
  const plan: Array<'pass' | 'down' | 'lostReply'> = [];
  const box = new Outbox({
    storage,
    photos,
    online: opts.online ?? (() => true),
    now: () => w.ctx.clock.now(),
    async send(payload) {
      const step = plan.shift() ?? 'pass';
      if (step === 'down') throw new Failure('UNAVAILABLE', '网络不太好，没有连上，请稍后再试');
      sent.push(payload);
      const res = await w.api.call(who.party, 'visits.checkIn', { ...payload });
      if (!res.ok) throw new Failure(res.error.code, res.error.message);
      if (step === 'lostReply') throw new Failure('UNAVAILABLE', '网络不太好，没有连上，请稍后再试');
      return { visitId: (res.data as CheckInOut).visit.id };
    },
  });
  return { storage, kept, uploads, sent, plan, box };
}

function draft(n: number, extra: Partial<CheckInDraft> = {}): CheckInDraft {
  const at = w.ctx.clock.now() - 3_600_000;
  return {
    householdId: hh(n),
    start: { at, location: { consent: 'refused' } },
    end: { at: at + 600_000, location: { consent: 'unavailable' } },
    metPersonIds: [],
    metOthers: '邻居',
    notes: `第${n}户，身体还好`,
    needs: [],
    ...extra,
  };
}

const add = (
  box: Outbox,
  n: number,
  extra: Partial<CheckInDraft> = {},
  photos: { start: PickedPhoto[]; end: PickedPhoto[] } = { start: [], end: [] },
) =>
  box.add({
    clientId: newClientId(w.ctx.clock.now() + n),
    accountId: 'demo-taoyuan-party',
    householdCode: `TY-${n}`,
    draft: draft(n, extra),
    photos,
  });

const visitsOf = (householdId: string) => w.ctx.store.count('visits', { householdId });

test('client ids are ones the server takes, and differ', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => newClientId(Date.now())));
  expect(ids.size).toBe(1000);
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
});

test('offline, a check-in stays on the phone, split by key, and survives a "reload" (a new queue on the same storage)', async () => {
  const t = world({ online: () => false });
  const e = await add(
    t.box,
    1,
    {},
    {
      start: [],
      end: [{ name: 'door.jpg', size: JPEG.length, photo: JPEG }],
    },
  );
  expect(await t.box.drain()).toEqual({ sent: 0, waiting: 1, stoppedBy: '没有网络' });
  expect(t.sent).toHaveLength(0);
  expect(t.storage.get(INDEX_KEY)).toEqual([e.clientId]);
  expect(waitingIn(t.storage)).toBe(1);
  expect(t.storage.data.has(`xz.outbox.${e.clientId}`)).toBe(true);
  // The page is reloaded: a new queue object reads the same storage.
  const again = new Outbox({
    storage: t.storage,
    photos: {
      keep: () => Promise.reject(new Error('x')),
      upload: () => Promise.resolve(null),
      drop: () => Promise.resolve(),
    },
    send: () => Promise.reject(new Failure('UNAVAILABLE', 'x')),
    online: () => false,
    now: () => 0,
  });
  expect(again.list().map((x) => x.clientId)).toEqual([e.clientId]);
  expect(again.list()[0].photos.end).toEqual([
    { key: `${e.clientId}-e0`, name: 'door.jpg', size: JPEG.length, fileId: null },
  ]);
});

test('a network failure keeps it waiting with the reason; the next drain sends it, its photo uploaded once', async () => {
  const t = world();
  const before = await visitsOf(hh(7));
  const e = await add(t.box, 7, {}, { start: [{ name: 'a.jpg', size: JPEG.length, photo: JPEG }], end: [] });
  t.plan.push('down');
  expect(await t.box.drain()).toMatchObject({ sent: 0, waiting: 1 });
  expect(t.box.list()[0]).toMatchObject({ attempts: 1, refused: false, lastError: '网络不太好，没有连上，请稍后再试' });
  // The photo went up before the call failed; the record remembers its file id.
  expect(t.box.list()[0].photos.start[0].fileId).toEqual(expect.any(String));
  expect(await t.box.drain()).toEqual({ sent: 1, waiting: 0, stoppedBy: null });
  expect(t.uploads).toEqual([`${e.clientId}-s0`]);
  expect(t.kept.size).toBe(0);
  expect(t.box.list()).toEqual([]);
  expect(t.storage.data.has(`xz.outbox.${e.clientId}`)).toBe(false);
  expect(t.box.sent()[0]).toMatchObject({ clientId: e.clientId, householdCode: 'TY-7' });
  expect(await visitsOf(hh(7))).toBe(before + 1);
  const visit = await w.api.ok<{ start: { photos: string[] } }>(who.party, 'visits.visit', {
    visitId: t.box.sent()[0].visitId,
  });
  expect(visit.start.photos).toHaveLength(1);
});

test('a reply lost on the way back: sent again, one visit (the server dedupes by client id)', async () => {
  const t = world();
  const before = await visitsOf(hh(13));
  const e = await add(t.box, 13, { needs: [{ category: 'housing', urgency: 'urgent', text: '屋顶漏雨' }] });
  t.plan.push('lostReply');
  expect(await t.box.drain()).toMatchObject({ sent: 0, waiting: 1 });
  expect(await visitsOf(hh(13))).toBe(before + 1);
  expect(await t.box.drain()).toMatchObject({ sent: 1, waiting: 0 });
  expect(t.sent.map((p) => p.clientId)).toEqual([e.clientId, e.clientId]);
  expect(await visitsOf(hh(13))).toBe(before + 1);
  expect(await w.ctx.store.count('visitNeeds', { householdId: hh(13) })).toBe(1);
});

test('two drains at once send each check-in once, oldest first', async () => {
  const t = world();
  const a = await add(t.box, 19);
  const b = await add(t.box, 25);
  const [r1, r2] = await Promise.all([t.box.drain(), t.box.drain()]);
  expect(r1).toBe(r2);
  expect(r1).toEqual({ sent: 2, waiting: 0, stoppedBy: null });
  expect(t.sent.map((p) => p.clientId)).toEqual([a.clientId, b.clientId]);
});

test("a refusal is kept with the server's words, not retried by itself, and can be sent again or deleted", async () => {
  const t = world();
  // 石桥村's household: not the member's village, the server says NOT_FOUND or FORBIDDEN.
  const e = await t.box.add({
    clientId: newClientId(w.ctx.clock.now()),
    accountId: 'demo-taoyuan-party',
    householdCode: 'SQ-1',
    draft: { ...draft(1), householdId: 'h-shiqiao-001' },
    photos: { start: [], end: [] },
  });
  const ok = await add(t.box, 1);
  expect(await t.box.drain()).toEqual({ sent: 1, waiting: 0, stoppedBy: null });
  const [left] = t.box.list();
  expect(left.clientId).toBe(e.clientId);
  expect(left.refused).toBe(true);
  expect(left.lastError).toMatch(/[\u4e00-\u9fa5]/);
  expect(t.sent.filter((p) => p.clientId === e.clientId)).toHaveLength(1);
  await t.box.drain();
  expect(t.sent.filter((p) => p.clientId === e.clientId)).toHaveLength(1);
  await t.box.retry(e.clientId);
  expect(t.sent.filter((p) => p.clientId === e.clientId)).toHaveLength(2);
  await t.box.discard(e.clientId);
  expect(t.box.list()).toEqual([]);
  expect(t.box.sent().map((s) => s.clientId)).toContain(ok.clientId);
});

test('a photo the phone lost is left out and the visit still goes; the queue is bounded', async () => {
  const t = world();
  await add(t.box, 1, {}, { start: [], end: [{ name: 'b.jpg', size: JPEG.length, photo: JPEG }] });
  t.kept.clear();
  expect(await t.box.drain()).toMatchObject({ sent: 1 });
  expect(t.sent[0].end.photos).toEqual([]);

  const off = world({ online: () => false });
  for (let i = 0; i < OUTBOX_LIMITS.entries; i += 1) await add(off.box, 1 + (i % 5));
  await expect(add(off.box, 1)).rejects.toThrow(/没发出去的走访/);
  expect(off.box.count()).toBe(OUTBOX_LIMITS.entries);
});
