import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isMain } from '../is-main';
import { ensureInstalled } from './install';
import { checkJsonSchemas } from './json-schema';
import {
  CHECK_NAMES,
  type CheckName,
  type CheckReport,
  type CheckResult,
  type WorkerOutput,
  formatProblem,
} from './types';
import { checkWxml, checkWxss, prepareCompilers } from './wechat-compilers';

/**
 * WeChat's own checks on a finished mini-program build (dist/weapp by default), offline:
 * - wcc over every .wxml and .wxs, wcsc over every .wxss (WeChat's compilers from miniprogram-compiler);
 * - app.json and page/component .json against the JSON Schemas in miniprogram-ci (unknown keys);
 * - miniprogram-ci's getCompiledResult (es6, minify), analyseCode and checkCodeQuality's package sizes.
 * Prints one line per check and exits non-zero if any fails. `npm run check:weapp [-- <dir>] [--verbose]`.
 */
const ROOT = join(__dirname, '..', '..');
const WORKER = join(__dirname, 'ci-worker.ts');
/** Generous: a cold miniprogram-ci run takes about 5 s here, but a hung one must not hang `npm test`. */
const WORKER_TIMEOUT_MS = 5 * 60 * 1000;

export interface CheckOptions {
  /** Where progress and install messages go (stderr by default), apart from the result lines. */
  log?: (line: string) => void;
  /** Pass miniprogram-ci's own console output through to `log`. */
  verbose?: boolean;
}

/** Every file under dir, as sorted POSIX paths relative to it. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) return listFiles(dir, rel);
      return e.isFile() ? [rel] : [];
    });
}

function failAll(names: CheckName[], summary: string, message: string): CheckResult[] {
  return names.map((name) => ({ name, passed: false, summary, problems: [{ file: '.', message }] }));
}

interface WorkerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

/**
 * Starts ci-worker.ts under tsx's require hook in its own process, with its working directory in `cwd`
 * (where miniprogram-ci drops its empty 32-hex folder).
 */
function runWorker(projectPath: string, outFile: string, cwd: string, options: CheckOptions): Promise<WorkerRun> {
  const tsxHook = createRequire(join(ROOT, 'package.json')).resolve('tsx/cjs');
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--require', tsxHook, WORKER, projectPath, outFile], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (options.verbose)
        for (const line of chunk.toString('utf8').split('\n')) if (line) options.log?.(`  ci| ${line}`);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, WORKER_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output, timedOut });
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      done({ code: null, signal: null, output: `${output}\n${err.message}`, timedOut });
    });
  });
}

async function checkWithMiniprogramCi(projectPath: string, work: string, options: CheckOptions): Promise<WorkerOutput> {
  const names: CheckName[] = ['ci-compile', 'ci-analyse', 'ci-package-size'];
  const cwd = join(work, 'cwd');
  mkdirSync(cwd);
  const outFile = join(work, 'ci-result.json');
  const run = await runWorker(projectPath, outFile, cwd, options);
  if (run.code === 0 && existsSync(outFile)) return JSON.parse(readFileSync(outFile, 'utf8')) as WorkerOutput;
  const lastLines = run.output.trim().split('\n').slice(-3).join(' / ');
  const why = run.timedOut
    ? `miniprogram-ci did not finish in ${WORKER_TIMEOUT_MS / 1000} s`
    : `miniprogram-ci worker exited ${run.code ?? run.signal}: ${lastLines}`;
  return { results: failAll(names, 'miniprogram-ci', why), advice: [], blockedHosts: [] };
}

/** Runs every check on the build in `dir`; leaves nothing behind in the working tree or in `dir`. */
export async function checkWeapp(dir: string, options: CheckOptions = {}): Promise<CheckReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const opts = { ...options, log };
  const started = Date.now();
  const projectPath = resolve(dir);
  if (!existsSync(join(projectPath, 'app.json'))) {
    throw new Error(`${dir} has no app.json: build it first (npm run build:weapp)`);
  }
  const files = listFiles(projectPath);
  const work = mkdtempSync(join(tmpdir(), 'xz-check-weapp-'));
  try {
    const results: CheckResult[] = [];
    try {
      const { wcc, wcsc } = prepareCompilers(work);
      results.push(checkWxml(wcc, projectPath, files), checkWxss(wcsc, projectPath, files));
    } catch (err) {
      results.push(...failAll(['wcc', 'wcsc'], "WeChat's compilers", err instanceof Error ? err.message : String(err)));
    }

    let installed = true;
    try {
      ensureInstalled(log);
    } catch (err) {
      installed = false;
      const why = err instanceof Error ? err.message : String(err);
      results.push(...failAll(['json-schema', 'ci-compile', 'ci-analyse', 'ci-package-size'], 'miniprogram-ci', why));
    }
    let ci: WorkerOutput = { results: [], advice: [], blockedHosts: [] };
    if (installed) {
      results.push(checkJsonSchemas(projectPath, files));
      ci = await checkWithMiniprogramCi(projectPath, work, opts);
      results.push(...ci.results);
    }
    results.sort((a, b) => CHECK_NAMES.indexOf(a.name) - CHECK_NAMES.indexOf(b.name));
    return {
      dir: projectPath,
      results,
      sizes: ci.sizes,
      advice: ci.advice,
      blockedHosts: ci.blockedHosts,
      ms: Date.now() - started,
    };
  } finally {
    // Takes the wcc/wcsc copies, the worker's result and miniprogram-ci's 32-hex folder with it.
    rmSync(work, { recursive: true, force: true });
  }
}

/** The printed report: one PASS line per passing check, one FAIL line per problem, then sizes and notes. */
export function formatReport(report: CheckReport): string[] {
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.passed) lines.push(`PASS ${r.name}: ${r.summary}`);
    else for (const p of r.problems) lines.push(`FAIL ${r.name}: ${formatProblem(p)}`);
  }
  if (report.sizes) lines.push(`SIZE ${JSON.stringify(report.sizes)}`);
  if (report.advice.length > 0) lines.push(`NOTE checkCodeQuality advice, not failed on: ${report.advice.join('; ')}`);
  if (report.blockedHosts.length > 0) {
    lines.push(
      `NOTE miniprogram-ci tried to reach ${report.blockedHosts.join(', ')}; refused, it fell back to its built-in lists`,
    );
  }
  const failed = report.results.filter((r) => !r.passed).length;
  const total = report.results.length;
  const secs = (report.ms / 1000).toFixed(1);
  // Worded so that it is not read as a test runner's "N passed, N failed" closing line.
  lines.push(
    failed === 0
      ? `check-weapp: OK, all ${total} checks passed in ${secs} s`
      : `check-weapp: FAILED, ${failed} of ${total} checks failed in ${secs} s`,
  );
  return lines;
}

function shown(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : dir;
}

async function cli(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const positional = argv.filter((a) => !a.startsWith('--'));
  if (positional.length > 1 || argv.some((a) => a.startsWith('--') && a !== '--verbose')) {
    console.error('usage: tsx scripts/check-weapp/index.ts [dir, default dist/weapp] [--verbose]');
    return 2;
  }
  const dir = resolve(positional[0] ?? join(ROOT, 'dist', 'weapp'));
  console.log(`check-weapp: ${shown(dir)}`);
  try {
    const report = await checkWeapp(dir, { verbose });
    for (const line of formatReport(report)) console.log(line);
    return report.results.every((r) => r.passed) ? 0 : 1;
  } catch (err) {
    console.log(`FAIL check-weapp: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (isMain(__filename)) {
  cli(process.argv.slice(2)).then(
    // process.exit rather than exitCode: nothing should keep a check run alive once it has its verdict.
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
