import { FUNCTION_ROUTES } from '../../cloudfunctions/registry';
import type { StoredMatter } from '../../cloudfunctions/matters/records';
import { dispatch } from '../../cloudfunctions/shared/handler';
import type { Identity } from '../../cloudfunctions/shared/identity';
import type { Doc, DocOps, Store } from '../../cloudfunctions/shared/store/port';
import { DAY, mattersWorld, who, type MattersWorld } from '../helpers/matters';

/**
 * Two people changing one matter at once. The embedded store runs transactions one after the
 * other, so the race is staged: inside the transaction the matter reads one version behind, as it
 * would when another request committed in between on CloudBase. Every change of a matter checks
 * its version, so the loser gets CONFLICT and nothing of its change lands.
 */
let w: MattersWorld;
beforeAll(async () => {
  w = await mattersWorld();
});
afterAll(() => w.cleanup());

function racing(inner: Store): Store {
  const stale = (tx: DocOps): DocOps => ({
    ...tx,
    get: async <T extends Doc>(collection: string, id: string): Promise<T | null> => {
      const doc = await tx.get<T>(collection, id);
      return collection === 'matters' && doc ? { ...doc, version: (doc.version ?? 1) - 1 } : doc;
    },
    insert: (c, d) => tx.insert(c, d),
    set: (c, d) => tx.set(c, d),
    update: (c, id, p, o) => tx.update(c, id, p, o),
    inc: (c, id, d) => tx.inc(c, id, d),
    remove: (c, id) => tx.remove(c, id),
  });
  return {
    ...inner,
    get: (c, id) => inner.get(c, id),
    insert: (c, d) => inner.insert(c, d),
    set: (c, d) => inner.set(c, d),
    update: (c, id, p, o) => inner.update(c, id, p, o),
    inc: (c, id, d) => inner.inc(c, id, d),
    remove: (c, id) => inner.remove(c, id),
    find: (c, f, o) => inner.find(c, f, o),
    count: (c, f) => inner.count(c, f),
    transaction: (fn) => inner.transaction((tx) => fn(stale(tx))),
    ensureSchema: () => inner.ensureSchema(),
    close: () => inner.close(),
  };
}

const race = (identity: Identity, action: string, payload: Record<string, unknown>) =>
  dispatch(
    FUNCTION_ROUTES.matters,
    { action, ...payload },
    { store: racing(w.ctx.store), clock: w.ctx.clock, files: w.files, identity },
  );

test.each([
  ['matters.withdraw', async () => ({ matterId: (await w.raise()).id }), who.villager1],
  ['matters.screen', async () => ({ matterId: (await w.raise()).id, decision: 'accept' }), who.committee],
  [
    'matters.returnToRaised',
    async () => {
      const m = await w.raise();
      await w.accept(m.id);
      return { matterId: m.id, reason: '再写清楚' };
    },
    who.committee,
  ],
  [
    'matters.decide',
    async () => {
      const id = await w.deliberated();
      await w.api.ok(who.committee, 'matters.assignOwner', {
        matterId: id,
        owner: { kind: 'person', personId: await w.personOf('demo-taoyuan-villager2') },
      });
      return { matterId: id, reason: '协商会同意' };
    },
    who.committee,
  ],
  [
    'matters.reopen',
    async () => {
      const id = await w.deliberated();
      await w.voteResult(id, await w.toVote(id), 'noQuorum');
      return { matterId: id, reason: '人没来齐' };
    },
    who.committee,
  ],
  [
    'matters.moveToVote',
    async () => {
      const id = await w.deliberated();
      const now = w.ctx.clock.now();
      return { matterId: id, body: 'adults', mode: 'open', opensAt: now + 10 * DAY, closesAt: now + 11 * DAY };
    },
    who.committee,
  ],
  [
    'matters.assignOwner',
    async () => ({
      matterId: await w.deliberated(),
      owner: { kind: 'person', personId: await w.personOf('demo-taoyuan-villager2') },
    }),
    who.committee,
  ],
  [
    'matters.startWork',
    async () => {
      const id = await w.passed();
      await w.api.ok(who.committee, 'matters.assignOwner', {
        matterId: id,
        owner: { kind: 'person', personId: await w.personOf('demo-taoyuan-villager2') },
      });
      return { matterId: id };
    },
    who.committee,
  ],
  ['matters.complete', async () => ({ matterId: await w.implementing(), summary: '办完了' }), who.committee],
  [
    'matters.recordMeeting',
    async () => {
      const m = await w.raise();
      await w.accept(m.id);
      return {
        matterId: m.id,
        heldAt: w.ctx.clock.now(),
        place: '村委会',
        attendees: 5,
        minutes: '记录',
        outcome: '好',
      };
    },
    who.committee,
  ],
  [
    'matters.postProgress',
    async () => ({ matterId: await w.implementing(), text: '开工', percent: 5, happenedAt: w.ctx.clock.now() }),
    who.villager3,
  ],
] as const)('%s loses a race with CONFLICT and changes nothing', async (action, setup, as) => {
  const payload = await setup();
  const matterId = String(payload.matterId);
  const before = await w.ctx.store.get<StoredMatter>('matters', matterId);
  const events = await w.ctx.store.count('matterEvents', { matterId });
  const motions = await w.ctx.store.count('motions', { matterId });
  expect(await race(as, action, payload)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(await w.ctx.store.get<StoredMatter>('matters', matterId)).toEqual(before);
  expect(await w.ctx.store.count('matterEvents', { matterId })).toBe(events);
  expect(await w.ctx.store.count('motions', { matterId })).toBe(motions);
});
