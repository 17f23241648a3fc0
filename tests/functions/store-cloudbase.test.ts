import '../helpers/cloudbase-env';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openCloudbaseStore, PAGE_SIZE, type CloudbaseOptions } from '../../cloudfunctions/shared/store/cloudbase';
import type { Doc, Store } from '../../cloudfunctions/shared/store/port';
import { AppError, type ErrorCode } from '../../core/errors';
import { CloudbaseStandin, ejsonField, type InterceptReply } from '../helpers/cloudbase-standin';
import { CONTRACT_COLLECTIONS, describeStoreContract } from './store-contract';

/**
 * The CloudBase adapter through the real @cloudbase/node-sdk, pointed (serviceUrl) at a stand-in
 * for the service on 127.0.0.1. Part one checks the requests the SDK sends for each port operation;
 * part two runs the shared contract. Neither says anything about the real service: see
 * docs/DEPLOY.md for what was never run against CloudBase itself.
 */

type Thing = Doc & Record<string, unknown>;

let standin: CloudbaseStandin;
// After a transport failure the SDK leaves a 3 s "slow request" timer running; wait it out at the end.
let sdkTimersUntil = 0;
const warn = console.warn.bind(console);

beforeAll(async () => {
  standin = await CloudbaseStandin.start({ collections: CONTRACT_COLLECTIONS });
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).startsWith('[TCB][WARN]')) warn(...args);
  });
});

afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, sdkTimersUntil - Date.now())));
  await standin.close();
  jest.restoreAllMocks();
});

function open(extra: Partial<CloudbaseOptions> = {}): Store {
  return openCloudbaseStore({
    env: 'test-env',
    serviceUrl: standin.url,
    secretId: 'AKIDfake',
    secretKey: 'fakekey',
    timeout: 2000,
    collections: CONTRACT_COLLECTIONS,
    ...extra,
  });
}

async function fresh(): Promise<Store> {
  standin.reset();
  const store = open();
  await store.ensureSchema();
  standin.clearRequests();
  return store;
}

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'not an AppError' | 'resolved'> {
  return p.then(
    () => 'resolved' as const,
    (e: unknown) => (e instanceof AppError ? e.code : 'not an AppError'),
  );
}

/** Answers the first request of `action` by hand; the rest go to the stand-in. */
function interceptOnce(action: string, reply: InterceptReply): void {
  let done = false;
  standin.intercept = (body) => {
    if (done || body.action !== action) return undefined;
    done = true;
    return reply;
  };
}

const seq = (): string[] => standin.requests.map((r) => r.action.replace('database.', ''));

describe('CloudBase adapter: error mapping', () => {
  let store: Store;
  beforeEach(async () => {
    store = await fresh();
  });

  it.each([
    ['DATABASE_DUPLICATE_WRITE', { code: 'DATABASE_DUPLICATE_WRITE', message: 'E11000 duplicate key error' }],
    ['numeric 11000', { code: 11000, message: 'duplicate' }],
    ['an E11000 message under another code', { code: -502001, message: 'E11000 duplicate key error collection' }],
  ])('maps a duplicate reported as %s to DUPLICATE', async (_label, body) => {
    interceptOnce('database.insertDocument', { body });
    expect(await codeOf(store.insert<Thing>('things', { _id: 'a' }))).toBe('DUPLICATE');
  });

  it('maps a reply that is not JSON, and a 5xx status, to UNAVAILABLE', async () => {
    interceptOnce('database.getDocument', { raw: '<html>502 Bad Gateway</html>' });
    expect(await codeOf(store.get('things', 'a'))).toBe('UNAVAILABLE');
    interceptOnce('database.getDocument', { body: { code: 'X' }, status: 503 });
    expect(await codeOf(store.get('things', 'a'))).toBe('UNAVAILABLE');
  });

  it('maps a timeout to UNAVAILABLE', async () => {
    const slow = open({ timeout: 300 });
    interceptOnce('database.getDocument', 'hang');
    sdkTimersUntil = Date.now() + 3500;
    expect(await codeOf(slow.get('things', 'a'))).toBe('UNAVAILABLE');
  });

  it('maps a refused connection to UNAVAILABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = open({ serviceUrl: `http://127.0.0.1:${port}/admin` });
    sdkTimersUntil = Date.now() + 3500;
    const e: unknown = await nowhere.find('things', {}).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('UNAVAILABLE');
  });

  it('passes an unknown service error through unchanged', async () => {
    interceptOnce('database.getDocument', { body: { code: 'DATABASE_PERMISSION_DENIED', message: 'no' } });
    const e: unknown = await store.get('things', 'a').catch((err: unknown) => err);
    expect(e).not.toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'DATABASE_PERMISSION_DENIED' });
  });

  it('maps a transaction conflict at commit to CONFLICT, and aborts', async () => {
    interceptOnce('database.commitTransaction', { body: { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'x' } });
    const p = store.transaction(async (tx) => tx.insert<Thing>('things', { _id: 'a' }));
    expect(await codeOf(p)).toBe('CONFLICT');
    expect(seq()).toEqual(['startTransaction', 'insertDocument', 'commitTransaction', 'abortTransaction']);
  });

  it('refuses to go on when startTransaction returns no transaction id', async () => {
    interceptOnce('database.startTransaction', { body: {} });
    const fn = jest.fn(async () => undefined);
    await expect(store.transaction(fn)).rejects.toThrow(/no transaction id/);
    expect(fn).not.toHaveBeenCalled();
    expect(seq()).toEqual(['startTransaction']);
  });

  it('sends nothing for an unknown collection', async () => {
    await expect(store.find('nope', {})).rejects.toThrow(/unknown collection/);
    await expect(store.transaction((tx) => tx.get('nope', 'a'))).rejects.toThrow(/unknown collection/);
    expect(seq()).toEqual(['startTransaction', 'abortTransaction']);
  });
});

describe('CloudBase adapter: requests sent through the SDK', () => {
  let store: Store;
  beforeEach(async () => {
    store = await fresh();
  });

  const only = (action: string): Record<string, unknown> => {
    const list = standin.actions(action);
    expect(list).toHaveLength(1);
    return list[0];
  };

  it('creates each declared collection once, and accepts ones that exist', async () => {
    standin.reset();
    await open().ensureSchema();
    expect(standin.actions('database.addCollection').map((b) => b.collectionName)).toEqual(['things', 'codes']);
    standin.clearRequests();
    await open().ensureSchema();
    // "Already exists" is answered with an error; the adapter then looks instead of parsing it.
    expect(seq()).toEqual(['addCollection', 'getDocument', 'addCollection', 'getDocument']);
  });

  it('sends every request to serviceUrl with the env, as JSON with EJSON strings inside', async () => {
    await store.insert<Thing>('things', { _id: 'a', n: 1, f: 1.5 });
    const [req] = standin.requests;
    expect(req.url).toMatch(/^\/admin\?env=test-env&seqId=/);
    expect(req.body).toMatchObject({
      action: 'database.insertDocument',
      envName: 'test-env',
      collectionName: 'things',
    });
    expect(req.body.data).toEqual([
      '{"_id":"a","n":{"$numberInt":"1"},"f":{"$numberDouble":"1.5"},"version":{"$numberInt":"1"}}',
    ]);
    expect(req.body.transactionId).toBeUndefined();
  });

  it('gets by id with a DOC query', async () => {
    await store.get('things', 'a');
    expect(only('database.getDocument')).toMatchObject({ queryType: 'DOC', query: '{"_id":"a"}', multi: false });
  });

  it('updates by id with $set for values, _.set for objects, $unset for undefined and $inc on version', async () => {
    await store.insert<Thing>('things', { _id: 'a', prefs: { elder: true, size: 18 }, gone: 1 });
    standin.clearRequests();
    await store.update<Thing>('things', 'a', { label: 'x', prefs: { size: 20 }, gone: undefined });
    const req = only('database.modifyDocument');
    expect(req).toMatchObject({ queryType: 'DOC', query: '{"_id":"a"}', multi: false, merge: true, upsert: false });
    expect(ejsonField(req, 'data')).toEqual({
      $set: { label: 'x', prefs: { size: 20 } },
      $unset: { gone: '' },
      $inc: { version: 1 },
    });
  });

  it('updates with an expected version as one conditional write, multi false, reading only on failure', async () => {
    await store.insert<Thing>('things', { _id: 'a', label: 'old' });
    standin.clearRequests();
    await store.update<Thing>('things', 'a', { label: 'new' }, { expectVersion: 1 });
    const req = only('database.modifyDocument');
    expect(req).toMatchObject({ queryType: 'WHERE', multi: false, merge: true, upsert: false });
    expect(ejsonField(req, 'query')).toEqual({ _id: 'a', version: 1 });
    expect(ejsonField(req, 'data')).toEqual({ $set: { label: 'new', version: 2 } });
    expect(seq()).toEqual(['modifyDocument']);

    standin.clearRequests();
    expect(await codeOf(store.update<Thing>('things', 'a', { label: 'stale' }, { expectVersion: 1 }))).toBe('CONFLICT');
    expect(seq()).toEqual(['modifyDocument', 'getDocument']);
  });

  it('increments with $inc, version included', async () => {
    await store.insert<Thing>('things', { _id: 'a', n: 1 });
    standin.clearRequests();
    await store.inc('things', 'a', { n: 2, m: -1 });
    expect(ejsonField(only('database.modifyDocument'), 'data')).toEqual({ $inc: { n: 2, m: -1, version: 1 } });
  });

  it('removes by id', async () => {
    await store.remove('things', 'a');
    expect(only('database.removeDocument')).toMatchObject({ queryType: 'DOC', query: '{"_id":"a"}', multi: false });
  });

  it('sets in its own transaction: read, then replace without _id, then commit', async () => {
    await store.set<Thing>('things', { _id: 's', o: { k: 1 } });
    expect(seq()).toEqual(['startTransaction', 'getDocument', 'modifyDocument', 'commitTransaction']);
    const [start, read, write, commit] = standin.requests.map((r) => r.body);
    expect(start.transactionId).toBeUndefined();
    const id = read.transactionId;
    expect(typeof id).toBe('string');
    expect(write).toMatchObject({
      transactionId: id,
      queryType: 'DOC',
      merge: false,
      upsert: true,
      query: '{"_id":"s"}',
    });
    expect(ejsonField(write, 'data')).toEqual({ o: { k: 1 }, version: 1 });
    expect(commit.transactionId).toBe(id);
  });

  it('finds with a translated where, orderBy with an _id tiebreak, offset and limit', async () => {
    await store.find(
      'things',
      {
        group: 'g1',
        flag: true,
        rank: { $gte: 2, $lt: 5 },
        'prefs.size': { $in: [18, null] },
        $and: [{ label: { $gt: 'a' } }],
      },
      { sort: [['rank', 'desc']], skip: 10, limit: 20 },
    );
    const req = only('database.getDocument');
    expect(req).toMatchObject({ queryType: 'WHERE', offset: 10, limit: 20 });
    expect(ejsonField(req, 'query')).toEqual({
      group: 'g1',
      flag: true,
      'prefs.size': { $in: [18, null] },
      $and: [{ rank: { $gte: 2 } }, { rank: { $lt: 5 } }],
      label: { $gt: 'a' },
    });
    expect(ejsonField(req, 'order')).toEqual({ rank: -1, _id: 1 });
  });

  it('pages through the 1000-per-request cap, and stops at a short page', async () => {
    const docs = Array.from({ length: 2500 }, (_, i) => ({ _id: `m${String(i).padStart(4, '0')}`, i, version: 1 }));
    standin.seed('things', docs);
    const found = await store.find<Thing>('things', {}, { skip: 100, limit: 2200 });
    expect(found.map((d) => d._id)).toEqual(docs.slice(100, 2300).map((d) => d._id));
    const pages = standin.actions('database.getDocument').map((b) => [b.offset, b.limit]);
    expect(pages).toEqual([
      [100, PAGE_SIZE],
      [1100, PAGE_SIZE],
      [2100, 200],
    ]);

    standin.clearRequests();
    expect(await store.find('things', { i: { $gte: 1000 } }, { limit: 5000 })).toHaveLength(1500);
    expect(standin.actions('database.getDocument').map((b) => [b.offset, b.limit])).toEqual([
      [undefined, PAGE_SIZE],
      [1000, PAGE_SIZE],
    ]);
  });

  it('counts with calculateDocument, without paging fields', async () => {
    await store.count('things', { group: 'g1' });
    const req = only('database.calculateDocument');
    expect(ejsonField(req, 'query')).toEqual({ group: 'g1' });
    expect(req.offset).toBeUndefined();
    expect(req.limit).toBeUndefined();
  });

  it('sends only doc-level operations inside a transaction, each with its id', async () => {
    await store.insert<Thing>('things', { _id: 'a', n: 1 });
    standin.clearRequests();
    await store.transaction(async (tx) => {
      await tx.get('things', 'a');
      await tx.insert<Thing>('things', { _id: 'b' });
      await tx.update<Thing>('things', 'a', { label: 'x' }, { expectVersion: 1 });
      await tx.update<Thing>('things', 'b', { label: 'y' });
      await tx.inc('things', 'a', { n: 1 });
      await tx.set<Thing>('things', { _id: 'c' });
      await tx.remove('things', 'b');
    });
    const [start, ...rest] = standin.requests;
    expect(start.action).toBe('database.startTransaction');
    const id = rest[0].body.transactionId;
    expect(rest.map((r) => r.body.transactionId)).toEqual(rest.map(() => id));
    expect(rest.map((r) => r.body.queryType ?? '-')).not.toContain('WHERE');
    expect(rest.at(-1)?.action).toBe('database.commitTransaction');
  });

  it('aborts, never commits, when fn throws, and rethrows the same error', async () => {
    const boom = new Error('boom');
    const caught = await store
      .transaction(async (tx) => {
        await tx.insert<Thing>('things', { _id: 'a' });
        throw boom;
      })
      .catch((e: unknown) => e);
    expect(caught).toBe(boom);
    expect(seq()).toEqual(['startTransaction', 'insertDocument', 'abortTransaction']);
  });
});

describeStoreContract(
  'CloudBase adapter, real SDK, stand-in service',
  async () => ({ store: await fresh(), cleanup: async () => undefined }),
  { serializesTransactions: false },
);
