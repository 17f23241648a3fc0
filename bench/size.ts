import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale } from '../scripts/build-stale';
import { packageSizes } from './package-size';

/**
 * bench/size: the mini-program's main package against WeChat's 2 MB limit, and against the
 * yardstick of an empty Taro 4 React app built in the same run with the same toolchain.
 * Prints JSON; exits 1 above the limit.
 */
const ROOT = join(__dirname, '..');
const LIMIT = 2 * 1024 * 1024;

function buildEmptyApp(): void {
  const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', XZ_BENCH_EMPTY_APP: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (res.status !== 0) throw new Error('building the empty Taro app failed');
}

function main(): void {
  buildIfStale('weapp');
  buildEmptyApp();
  const ours = packageSizes(join(ROOT, 'dist', 'weapp'));
  const empty = packageSizes(join(ROOT, 'dist', 'bench-empty-app'));
  const result = {
    bench: 'size',
    target: 'weapp',
    mainPackageBytes: ours.mainBytes,
    totalBytes: ours.totalBytes,
    subpackageBytes: ours.subpackages,
    ceiling: { name: 'WeChat main-package limit', bytes: LIMIT },
    ratioToLimit: Number((ours.mainBytes / LIMIT).toFixed(3)),
    baseline: { name: 'empty Taro 4.2.1 React app, same build', mainPackageBytes: empty.mainBytes },
    ratioToEmptyApp: Number((ours.mainBytes / empty.mainBytes).toFixed(3)),
    pass: ours.mainBytes <= LIMIT,
  };
  console.log(JSON.stringify(result, null, 2));
  if (!result.pass) process.exit(1);
}

main();
