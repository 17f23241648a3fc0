import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { CheckResult, Problem } from './types';

/**
 * WeChat's own WXML/WXS compiler (wcc) and WXSS compiler (wcsc), as shipped for Linux, macOS and Windows in
 * miniprogram-compiler (a dependency of miniprogram-simulate, so already in the root install). We call the
 * binaries rather than the package's JS wrapper because its wxssToJs returns the error instead of throwing.
 */
const ROOT = join(__dirname, '..', '..');

const PLATFORM_DIR: Partial<Record<NodeJS.Platform, { dir: string; ext: string }>> = {
  linux: { dir: 'linux', ext: '' },
  darwin: { dir: 'mac', ext: '' },
  win32: { dir: 'windows', ext: '.exe' },
};

/**
 * Copies wcc and wcsc into `intoDir` with the run bit set. npm installs them without it, and copying
 * (instead of chmod in place) leaves node_modules untouched, so a read-only install works too.
 */
export function prepareCompilers(intoDir: string): { wcc: string; wcsc: string } {
  const platform = PLATFORM_DIR[process.platform];
  if (!platform) throw new Error(`miniprogram-compiler ships no wcc/wcsc for ${process.platform}`);
  const pkg = createRequire(join(ROOT, 'package.json')).resolve('miniprogram-compiler/package.json');
  const binDir = join(dirname(pkg), 'bin', platform.dir);
  const out = { wcc: '', wcsc: '' };
  for (const tool of ['wcc', 'wcsc'] as const) {
    const src = join(binDir, tool + platform.ext);
    if (!existsSync(src)) throw new Error(`${src} is missing: is miniprogram-compiler installed (npm ci at the root)?`);
    const dest = join(intoDir, basename(src));
    copyFileSync(src, dest);
    chmodSync(dest, 0o755);
    out[tool] = dest;
  }
  return out;
}

interface RunOutput {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  error?: Error;
}

function run(bin: string, args: string[], cwd: string): RunOutput {
  // The compiled output (hundreds of KB of JS) is not needed, only the verdict; a large buffer keeps a big
  // app from failing with ENOBUFS, which would look like a compiler error.
  const res = spawnSync(bin, args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  return {
    status: res.status,
    signal: res.signal,
    stderr: res.stderr ?? '',
    stdout: res.stdout ?? '',
    error: res.error,
  };
}

function failedRun(res: RunOutput): boolean {
  return res.error !== undefined || res.status !== 0 || res.signal !== null;
}

/** The text of a failed run with nothing parseable in it, so that the FAIL line still says something. */
function rawMessage(tool: string, res: RunOutput): string {
  if (res.error) return `${tool} did not run: ${res.error.message}`;
  const text = (res.stderr.trim() || res.stdout.trim().slice(-2000)).split('\n')[0] ?? '';
  return `${tool} exited ${res.status ?? res.signal}${text ? `: ${text}` : ' with no message'}`;
}

/** wcc prints `file:line:col: message` (one error: it stops at the first). */
export function parseWccErrors(stderr: string): Problem[] {
  const problems: Problem[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^(.+?\.(?:wxml|wxs)):(\d+):(\d+):\s*(.*)$/.exec(line.trim());
    if (m) problems.push({ file: m[1], line: Number(m[2]), column: Number(m[3]), message: m[4] });
  }
  return problems;
}

/**
 * wcsc prints `ERR: file(line:col): message`, or for a missing import `ERR: path `x` not found from `file`.`
 * followed by one more line per further missing import.
 */
export function parseWcscErrors(stderr: string): Problem[] {
  const problems: Problem[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trim().replace(/^ERR:\s*/, '');
    const at = /^(.+?\.wxss)\((\d+):(\d+)\):\s*(.*)$/.exec(line);
    if (at) {
      problems.push({ file: at[1], line: Number(at[2]), column: Number(at[3]), message: at[4] });
      continue;
    }
    const missing = /^path `(.+?)` not found from `(.+?)`/.exec(line);
    if (missing) problems.push({ file: missing[2], message: `@import "${missing[1]}" not found` });
  }
  return problems;
}

/**
 * WXML and WXS: every file in one call, as the devtools do, because `<import>` and `<wxs src>` are resolved
 * against the list of files given.
 */
export function checkWxml(wcc: string, dir: string, files: string[]): CheckResult {
  const wxml = files.filter((f) => f.endsWith('.wxml'));
  const wxs = files.filter((f) => f.endsWith('.wxs'));
  const summary = `${wxml.length} .wxml and ${wxs.length} .wxs compiled by WeChat's wcc`;
  if (wxml.length + wxs.length === 0) {
    return { name: 'wcc', passed: false, summary, problems: [{ file: '.', message: 'no .wxml or .wxs file found' }] };
  }
  const res = run(wcc, ['-d', ...wxml, ...wxs, '-gn', '$gwx'], dir);
  if (!failedRun(res)) return { name: 'wcc', passed: true, summary, problems: [] };
  const problems = parseWccErrors(res.stderr);
  return {
    name: 'wcc',
    passed: false,
    summary,
    problems: problems.length > 0 ? problems : [{ file: '.', message: rawMessage('wcc', res) }],
  };
}

/**
 * WXSS: every file in one call, or `@import` fails. wcsc wants the page-level files (those with a sibling
 * .json: app, pages, components) first, and their count in `-pc`; the rest are only reached by `@import`.
 * This is the order miniprogram-compiler's own wrapper uses.
 */
export function checkWxss(wcsc: string, dir: string, files: string[]): CheckResult {
  const wxss = files.filter((f) => f.endsWith('.wxss'));
  const all = new Set(files);
  const pageLevel = wxss.filter((f) => all.has(f.replace(/\.wxss$/, '.json')));
  const imported = wxss.filter((f) => !pageLevel.includes(f));
  const summary = `${wxss.length} .wxss compiled by WeChat's wcsc (${pageLevel.length} page-level)`;
  if (wxss.length === 0) return { name: 'wcsc', passed: true, summary: 'no .wxss file to compile', problems: [] };
  const res = run(wcsc, ['-db', '-pc', String(pageLevel.length), ...pageLevel, ...imported], dir);
  if (!failedRun(res)) return { name: 'wcsc', passed: true, summary, problems: [] };
  const problems = parseWcscErrors(res.stderr);
  return {
    name: 'wcsc',
    passed: false,
    summary,
    problems: problems.length > 0 ? problems : [{ file: '.', message: rawMessage('wcsc', res) }],
  };
}
