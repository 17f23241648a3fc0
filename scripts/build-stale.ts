import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMain } from './is-main';

/**
 * Builds a Taro target only when its inputs changed since the last build: `npm start` and
 * `npm test` call this, so a fresh clone builds once and later runs start at once.
 */
const ROOT = join(__dirname, '..');
const INPUTS = ['src', 'core', 'config', 'babel.config.js', 'tsconfig.json', 'package-lock.json'];

export type Target = 'weapp' | 'h5' | 'components';

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

export function inputHash(target: Target): string {
  const h = createHash('sha256').update(target);
  for (const f of INPUTS.flatMap((p) => files(join(ROOT, p)))) {
    h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

export function outputDir(target: Target): string {
  return join(ROOT, 'dist', target === 'components' ? 'weapp-components' : target);
}

function stampFile(target: Target): string {
  return join(outputDir(target), '.xz-build-stamp');
}

export function isStale(target: Target): boolean {
  const stamp = stampFile(target);
  return !existsSync(stamp) || readFileSync(stamp, 'utf8') !== inputHash(target);
}

export function build(target: Target): void {
  const args =
    target === 'components' ? ['build', 'native-components', '--type', 'weapp'] : ['build', '--type', target];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV === 'development' ? 'development' : 'production',
  };
  if (target === 'components') env.XZ_NATIVE_COMPONENTS = '1';
  const hash = inputHash(target);
  console.log(`build: taro ${args.join(' ')}`);
  const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'taro'), args, { cwd: ROOT, env, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`taro ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
  writeFileSync(stampFile(target), hash);
}

export function buildIfStale(target: Target): boolean {
  if (!isStale(target)) return false;
  build(target);
  return true;
}

if (isMain(__filename)) {
  const targets = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['weapp', 'h5']) as Target[];
  try {
    for (const t of targets) {
      if (!['weapp', 'h5', 'components'].includes(t)) throw new Error(`unknown target ${t}`);
      if (!buildIfStale(t)) console.log(`build: ${t} is up to date`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
