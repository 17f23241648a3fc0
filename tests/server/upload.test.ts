import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedFileStore } from '../../cloudfunctions/shared/files/embedded';
import { signLocalToken } from '../../cloudfunctions/shared/identity';
import { buildGateway } from '../../server/app';
import { seededStore } from '../helpers/seeded';

/** POST /api/files: how H5 and local development hand a file to a function. */
const SECRET = 'upload-secret';
let ctx: Awaited<ReturnType<typeof seededStore>>;
let app: FastifyInstance;
let dir: string;
let files: EmbeddedFileStore;

beforeAll(async () => {
  ctx = await seededStore();
  dir = mkdtempSync(join(tmpdir(), 'xz-up-'));
  files = new EmbeddedFileStore(dir);
  app = await buildGateway({ store: ctx.store, clock: ctx.clock, tokenSecret: SECRET, devRoutes: true, files });
});
afterAll(async () => {
  await app.close();
  await ctx.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const upload = (body: Buffer, token?: string, name = encodeURIComponent('花名册.csv')) =>
  app.inject({
    method: 'POST',
    url: '/api/files',
    headers: {
      'content-type': 'text/csv',
      'x-file-name': name,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    payload: body,
  });

test('a signed-in user uploads a file and gets an id that reads back with its uploader', async () => {
  const token = signLocalToken(SECRET, 'demo-taoyuan-committee', ctx.clock.now());
  const res = await upload(Buffer.from('户号,组\r\n'), token);
  const data = (res.json() as { data: { fileId: string; size: number } }).data;
  expect(data.fileId).toMatch(/^f_[0-9a-f]{32}$/);
  const stored = await files.read(data.fileId, 1024);
  expect(stored).toMatchObject({ uploadedBy: 'demo-taoyuan-committee', name: '花名册.csv' });
  expect(stored.bytes.toString('utf8')).toBe('户号,组\r\n');
});

test('no token, an empty file, a 10 MB file and a broken name are all answered in the contract', async () => {
  expect((await upload(Buffer.from('x'))).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  const token = signLocalToken(SECRET, 'demo-taoyuan-villager1', ctx.clock.now());
  expect((await upload(Buffer.alloc(0), token)).json()).toMatchObject({ ok: false, error: { code: 'FILE_TYPE' } });
  const big = await upload(Buffer.alloc(10 * 1024 * 1024, 0x41), token);
  expect(big.json()).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
  expect((await upload(Buffer.from('a'), token, '%E0%A4%A')).json()).toMatchObject({ ok: true });
});

/** GET /api/files/:id: how H5 shows a matter's photos. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

const fetchFile = (id: string, accountId?: string) =>
  app.inject({
    method: 'GET',
    url: `/api/files/${encodeURIComponent(id)}`,
    headers: accountId ? { authorization: `Bearer ${signLocalToken(SECRET, accountId, ctx.clock.now())}` } : {},
  });

test('a photo reads back, with its type, to the people of the uploader’s village and its township', async () => {
  const png = files.save(PNG, 'lamp.png', 'demo-taoyuan-villager1', ctx.clock.now());
  const jpeg = files.save(JPEG, 'road.jpg', 'demo-taoyuan-villager1', ctx.clock.now());
  for (const who of ['demo-taoyuan-villager1', 'demo-taoyuan-villager2', 'demo-taoyuan-committee']) {
    const res = await fetchFile(png, who);
    expect([who, res.statusCode, res.headers['content-type']]).toEqual([who, 200, 'image/png']);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  }
  const asJpeg = await fetchFile(jpeg, 'demo-taoyuan-villager2');
  expect([asJpeg.statusCode, asJpeg.headers['content-type']]).toEqual([200, 'image/jpeg']);
  // Township staff oversee the villages of their township.
  expect((await fetchFile(png, 'demo-township-staff')).statusCode).toBe(200);
});

test('another village, no sign-in, an unknown id and a non-picture are refused in the contract', async () => {
  const png = files.save(PNG, 'lamp.png', 'demo-taoyuan-villager1', ctx.clock.now());
  const other = await fetchFile(png, 'demo-shiqiao-villager1');
  expect([other.statusCode, other.json()]).toEqual([
    404,
    { ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
  ]);
  expect(other.rawPayload.includes(PNG)).toBe(false);
  const anon = await fetchFile(png);
  expect([anon.statusCode, anon.json()]).toEqual([
    401,
    { ok: false, error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) },
  ]);
  const unknown = await fetchFile('f_00000000000000000000000000000000', 'demo-taoyuan-villager1');
  expect([unknown.statusCode, unknown.json()]).toMatchObject([404, { ok: false, error: { code: 'NOT_FOUND' } }]);
  const bad = await fetchFile('../store.sqlite', 'demo-taoyuan-villager1');
  expect(bad.statusCode).toBe(404);
  // A roster CSV is the committee's import, never served back, even to the one who uploaded it.
  const csv = files.save(Buffer.from('户号,组\r\n'), '花名册.csv', 'demo-taoyuan-committee', ctx.clock.now());
  const roster = await fetchFile(csv, 'demo-taoyuan-committee');
  expect([roster.statusCode, roster.json()]).toMatchObject([404, { ok: false, error: { code: 'NOT_FOUND' } }]);
});
