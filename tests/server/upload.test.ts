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
