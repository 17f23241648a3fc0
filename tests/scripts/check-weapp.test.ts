import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInstalled } from '../../scripts/check-weapp/install';
import { CHECK_NAMES, type CheckName } from '../../scripts/check-weapp/types';

/**
 * scripts/check-weapp on a copy of the real weapp build: the good build passes every check, and each way of
 * breaking it is caught by the check meant for it, on a line that names the broken file. The check is spawned
 * as `npm run check:weapp` spawns it, so its exit code, its printed lines and its clean-up are what is tested.
 * Each run takes about 7 s (miniprogram-ci compiles the whole app), so the runs go one after another.
 */
const ROOT = join(__dirname, '..', '..');
const BUILD = join(ROOT, 'dist', 'weapp');
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const ENTRY = join(ROOT, 'scripts', 'check-weapp', 'index.ts');
const RUN_TIMEOUT_MS = 3 * 60 * 1000;

interface Run {
  code: number | null;
  lines: string[];
  stderr: string;
}

function runCheck(dir: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [TSX_CLI, ENTRY, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, lines: stdout.split('\n').filter(Boolean), stderr }));
  });
}

function failing(run: Run): Set<string> {
  return new Set(run.lines.filter((l) => l.startsWith('FAIL ')).map((l) => l.slice(5, l.indexOf(':'))));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every path under dir, to see that a run added nothing to the folder it checked. */
function listing(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? [rel + '/', ...listing(dir, rel)] : [rel];
  });
}

/** miniprogram-ci's leftover: an empty folder with a 32-hex name in the working directory. */
const strayFolders = (dir: string): string[] => readdirSync(dir).filter((n) => /^[0-9a-f]{32}$/.test(n));
const checkTemps = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('xz-check-weapp-'));

interface AppJson {
  pages: string[];
}

interface Variant {
  title: string;
  /** Breaks the copy in `dir` one way; returns the path that the FAIL lines must name. */
  breakIt(dir: string, app: AppJson): string;
  /** The checks that must fail, each on a line naming that path; no other check may fail... */
  caughtBy: CheckName[];
  /** ...except these, which may notice too, depending on where the break lands. */
  mayAlsoCatch?: CheckName[];
  /** Those whose line must also give `:line:col` right after the path. */
  withPosition: CheckName[];
}

function pageFile(app: AppJson, index: number, ext: string): string {
  const page = app.pages[Math.min(index, app.pages.length - 1)];
  if (!page) throw new Error('app.json lists no page');
  return `${page}.${ext}`;
}

/** A stylesheet with rules of its own, rather than app.wxss, which only holds @imports in a Taro build. */
function someWxss(dir: string): string {
  const files = listing(dir).filter((f) => f.endsWith('.wxss'));
  return files.find((f) => f !== 'app.wxss' && /\{/.test(readFileSync(join(dir, f), 'utf8'))) ?? 'app.wxss';
}

const variants: Variant[] = [
  {
    title: 'an unclosed tag',
    breakIt: (dir, app) => {
      const file = pageFile(app, 0, 'wxml');
      appendFileSync(join(dir, file), '\n<view class="broken">');
      return file;
    },
    caughtBy: ['wcc'],
    withPosition: ['wcc'],
  },
  {
    title: 'a bad {{ }} expression',
    breakIt: (dir, app) => {
      const file = pageFile(app, 1, 'wxml');
      appendFileSync(join(dir, file), '\n<view>{{ root + }}</view>');
      return file;
    },
    caughtBy: ['wcc'],
    withPosition: ['wcc'],
  },
  {
    title: 'a WXSS block left open',
    breakIt: (dir) => {
      const file = someWxss(dir);
      appendFileSync(join(dir, file), '\n.broken{color:red');
      return file;
    },
    // miniprogram-ci's own WXSS pass catches it too.
    caughtBy: ['wcsc', 'ci-compile'],
    withPosition: ['wcsc', 'ci-compile'],
  },
  {
    title: 'a page listed in app.json but missing',
    breakIt: (dir, app) => {
      writeFileSync(join(dir, 'app.json'), JSON.stringify({ ...app, pages: [...app.pages, 'pages/ghost/index'] }));
      return 'pages/ghost/index';
    },
    caughtBy: ['ci-compile', 'ci-analyse'],
    withPosition: [],
  },
  {
    title: 'a truncated page script',
    breakIt: (dir, app) => {
      const file = pageFile(app, app.pages.length - 1, 'js');
      const text = readFileSync(join(dir, file), 'utf8');
      writeFileSync(join(dir, file), text.slice(0, Math.floor(text.length * 0.6)));
      return file;
    },
    caughtBy: ['ci-compile'],
    // The dependency analysis parses scripts too: whether the cut breaks its parse depends on the page.
    mayAlsoCatch: ['ci-analyse'],
    withPosition: ['ci-compile'],
  },
  {
    title: "an unknown key in a page's JSON",
    breakIt: (dir, app) => {
      const file = pageFile(app, 0, 'json');
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(dir, file), JSON.stringify({ ...json, navigationBarTitel: '乡治' }));
      return file;
    },
    caughtBy: ['json-schema'],
    withPosition: ['json-schema'],
  },
  {
    title: 'a main package over WeChat’s size limit',
    breakIt: (dir) => {
      // 1.7 MB of random bytes, as an oversized photo would be: over the 1.5 MB that checkCodeQuality allows.
      const file = 'assets/xz-oversized.png';
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, file), randomBytes(1_700_000));
      return file;
    },
    caughtBy: ['ci-package-size'],
    withPosition: [],
  },
];

describe('check-weapp: WeChat’s own checks on dist/weapp', () => {
  let work: string;
  let good: string;
  let tempsBefore: string[];

  beforeAll(
    () => {
      if (!existsSync(join(BUILD, 'app.json'))) {
        throw new Error('dist/weapp is missing: build it first (npx tsx scripts/build-stale.ts weapp)');
      }
      // Installs miniprogram-ci into scripts/check-weapp/node_modules on a clean clone (about a minute), so
      // that no single run below carries that cost.
      ensureInstalled((line) => process.stderr.write(line + '\n'));
      work = mkdtempSync(join(tmpdir(), 'xz-check-weapp-test-'));
      good = join(work, 'good');
      // One snapshot of the build, so that a rebuild during the run cannot mix two builds.
      cpSync(BUILD, good, { recursive: true });
      tempsBefore = checkTemps();
    },
    5 * 60 * 1000,
  );

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function copy(name: string): string {
    const dir = join(work, name);
    cpSync(good, dir, { recursive: true });
    return dir;
  }

  test(
    'the good build passes every check, prints its package sizes and leaves nothing behind',
    async () => {
      const dir = copy('clean');
      const before = listing(dir);
      const strayBefore = strayFolders(ROOT);
      const run = await runCheck(dir);

      expect(run.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
      expect(run.code).toBe(0);
      for (const name of CHECK_NAMES) expect(run.lines).toContainEqual(expect.stringMatching(`^PASS ${name}: `));
      const size = run.lines.find((l) => l.startsWith('SIZE '));
      expect(size).toBeDefined();
      const sizes = JSON.parse((size ?? 'SIZE {}').slice(5)) as { mainPackageBytes?: number; totalBytes?: number };
      expect(sizes.mainPackageBytes).toBeGreaterThan(100_000);
      expect(sizes.totalBytes).toBeGreaterThanOrEqual(sizes.mainPackageBytes ?? Infinity);
      expect(run.lines[run.lines.length - 1]).toMatch(/^check-weapp: OK, all \d+ checks passed/);

      // Nothing added to the checked folder, no 32-hex folder in the working directory, no temp dir kept.
      expect(listing(dir)).toEqual(before);
      expect(strayFolders(ROOT)).toEqual(strayBefore);
      expect(checkTemps()).toEqual(tempsBefore);
    },
    RUN_TIMEOUT_MS,
  );

  test.each(variants)(
    '$title is caught by $caughtBy, naming the file',
    async ({ title, breakIt, caughtBy, mayAlsoCatch = [], withPosition }) => {
      const dir = copy(title.replace(/\W+/g, '-'));
      const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as AppJson;
      const named = breakIt(dir, app);
      const run = await runCheck(dir);
      const fails = run.lines.filter((l) => l.startsWith('FAIL '));

      expect(run.code).toBe(1);
      const optional = new Set<string>(mayAlsoCatch);
      expect([...failing(run)].filter((c) => !optional.has(c)).sort()).toEqual(
        [...caughtBy].filter((c) => !optional.has(c)).sort(),
      );
      for (const check of caughtBy) expect(failing(run)).toContain(check);
      for (const check of caughtBy) {
        expect(fails).toContainEqual(expect.stringMatching(`^FAIL ${check}: .*${escape(named)}`));
      }
      for (const check of withPosition) {
        expect(fails).toContainEqual(expect.stringMatching(`^FAIL ${check}: ${escape(named)}:\\d+:\\d+: \\S`));
      }
      expect(run.lines[run.lines.length - 1]).toMatch(/^check-weapp: FAILED/);
    },
    RUN_TIMEOUT_MS,
  );
});
