import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * miniprogram-ci brings about 1,000 packages and a minute of install time, which a newcomer's `npm install`
 * should not pay for. So this check has its own package.json and lockfile here, and installs them itself on
 * first run into scripts/check-weapp/node_modules (git-ignored).
 */
export const CHECK_DIR = __dirname;
const MODULES = join(CHECK_DIR, 'node_modules');
/** Written after a complete install, holding the lockfile's hash: a half-finished or outdated install reinstalls. */
const MARKER = join(MODULES, '.xz-check-weapp-installed');

/** npm settings a nested install still needs: how to reach the registry, and the shared cache. */
const KEEP_NPM_ENV =
  /^npm_config_(registry|.+:registry|cafile|ca|cert|key|proxy|https_proxy|noproxy|strict_ssl|cache|userconfig|globalconfig|fetch_.+)$/i;

function lockHash(): string {
  return createHash('sha256')
    .update(readFileSync(join(CHECK_DIR, 'package-lock.json')))
    .digest('hex');
}

export function isInstalled(): boolean {
  return existsSync(MARKER) && readFileSync(MARKER, 'utf8') === lockHash();
}

/** Runs `npm ci` in scripts/check-weapp unless its install is complete and matches the lockfile. */
export function ensureInstalled(log: (line: string) => void = (line) => console.error(line)): void {
  if (isInstalled()) return;
  log('check-weapp: installing miniprogram-ci into scripts/check-weapp/node_modules (first run only, about a minute)');
  // `npm run` exports the root's whole npm setup as npm_config_* (local_prefix=<root>, prefix, an empty
  // allow_scripts) plus npm_package_*; a nested npm would take those as its own and could install into the
  // root. So the child gets none of them, except what it needs to reach the registry and its cache.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) || KEEP_NPM_ENV.test(k)) env[k] = v;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const started = Date.now();
  const res = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CHECK_DIR,
    env,
    // Its output goes to stderr so that stdout stays one line per check.
    stdio: ['ignore', process.stderr, process.stderr],
    shell: process.platform === 'win32',
  });
  if (res.error) throw new Error(`npm ci in scripts/check-weapp did not run: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`npm ci in scripts/check-weapp failed (exit ${res.status ?? res.signal})`);
  writeFileSync(MARKER, lockHash());
  log(`check-weapp: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Loads a module from the check's own node_modules. Neither miniprogram-ci nor this ajv is in the root
 * install, so a static import would break `tsc` and jest on a clean clone; callers name the small part of
 * the API they use as T.
 */
export function requireFromCheck<T>(id: string): T {
  return createRequire(join(CHECK_DIR, 'package.json'))(id) as T;
}
