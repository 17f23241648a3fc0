import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions, functionNames } from '../../scripts/build-functions';

/**
 * The bundles CloudBase would deploy: each loads on its own, exports main, carries nothing of the
 * gateway or the embedded store, and answers in the contract. Only paths that never reach the
 * database run here: a real call would go to CloudBase, and tests send nothing beyond loopback.
 */
jest.setTimeout(60_000);

const OUT = join(__dirname, '..', '..', 'dist', 'cloudfunctions');
type Main = (event: unknown, context: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;

beforeAll(async () => {
  await buildFunctions();
});

test('every function folder is bundled with its own package.json', () => {
  expect(functionNames()).toContain('account');
  for (const fn of functionNames()) {
    const pkg = JSON.parse(readFileSync(join(OUT, fn, 'package.json'), 'utf8')) as {
      main: string;
      dependencies: Record<string, string>;
    };
    expect(pkg.main).toBe('index.js');
    expect(Object.keys(pkg.dependencies)).toEqual(['@cloudbase/node-sdk']);
    const code = readFileSync(join(OUT, fn, 'index.js'), 'utf8');
    for (const banned of ['better-sqlite3', 'fastify', '@tarojs', 'server/app']) expect(code).not.toContain(banned);
  }
});

test('the account bundle answers bad input and anonymous calls in the contract', async () => {
  const saved = { TENCENTCLOUD: process.env.TENCENTCLOUD, WX_OPENID: process.env.WX_OPENID };
  process.env.TENCENTCLOUD = 'true';
  delete process.env.WX_OPENID;
  try {
    const { main } = (await import(join(OUT, 'account', 'index.js'))) as { main: Main };
    // What CloudBase passes for a call from a timer: WeChat context keys, but no OPENID among them.
    const context = {
      request_id: 'r1',
      function_name: 'account',
      namespace: 'test',
      memory_limit_in_mb: 256,
      time_limit_in_ms: 3000,
      function_version: '$LATEST',
      environ: 'WX_CONTEXT_KEYS=WX_APPID;WX_APPID=wx0000000000000000;TCB_SOURCE=wx_trigger',
    };
    expect(await main({ action: 'account.whoami', userId: 'x' }, context)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await main({ action: 'nope.nope' }, context)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACTION' },
    });
    // A timer or another function has no OPENID: it is nobody, and whoami refuses it.
    expect(await main({ action: 'account.whoami' }, context)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  } finally {
    process.env.TENCENTCLOUD = saved.TENCENTCLOUD;
    if (saved.WX_OPENID !== undefined) process.env.WX_OPENID = saved.WX_OPENID;
  }
});
