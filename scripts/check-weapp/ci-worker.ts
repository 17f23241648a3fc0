import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { requireFromCheck } from './install';
import type { CheckResult, Problem, SizeReport, WorkerOutput } from './types';

/**
 * Runs miniprogram-ci's offline pre-upload pipeline on one built mini-program, in a child process of
 * index.ts: `node …/tsx/cli ci-worker.ts <projectDir> <outFile>`. A child, because miniprogram-ci leaves
 * file watchers open (the process never exits by itself, so this one ends with process.exit) and drops an
 * empty 32-hex folder into its working directory on every call (the parent starts it in a temp dir and
 * removes that afterwards). Results go to <outFile> as JSON, since miniprogram-ci writes chatter to stdout.
 */

/** The part of miniprogram-ci 2.1's API used here; it is loaded at run time from the check's own install. */
interface ProjectAttr {
  setting: { MaxCodeSize: number; MaxSubpackageFullCodeSize: number };
}
interface CiProject {
  readonly projectPath: string;
}
interface CiError {
  message?: string;
  code?: number;
  path?: string;
}
interface DepSerialize {
  type: string;
  request: string;
  path: string | null;
  error?: string;
}
interface ModuleSerialize {
  path: string;
  deps: DepSerialize[];
  errors?: string[];
  buildError?: string;
}
interface AnalyseResult {
  files: { path: string; size: number; subPackage: string | null }[];
  modules: ModuleSerialize[];
}
interface QualityItem {
  name?: string;
  success?: boolean;
  text?: string;
  detail?: unknown;
}
interface MiniprogramCi {
  Project: new (options: {
    appid: string;
    type: 'miniProgram';
    projectPath: string;
    privateKey: string;
    attr: () => Promise<ProjectAttr>;
  }) => CiProject;
  DefaultProjectAttr: ProjectAttr;
  getCompiledResult(options: {
    project: CiProject;
    setting: { es6: boolean; minify: boolean };
  }): Promise<Record<string, string | Buffer>>;
  analyseCode(project: CiProject, option: { silent: boolean }): Promise<AnalyseResult | undefined>;
  checkCodeQuality(project: CiProject): Promise<QualityItem[]>;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

/**
 * Keeps the run offline. miniprogram-ci fetches an extension whitelist from WeChat's servers during
 * getCompiledResult and falls back to its built-in list when that fails; without this guard it would still
 * send a DNS query for the host. Every TCP connection in this process goes through Socket#connect, so
 * refusing non-loopback targets there stops it before any lookup. Unix sockets (IPC) pass.
 */
function blockNetwork(blocked: string[]): void {
  const original = net.Socket.prototype.connect;
  const guarded = function (this: net.Socket, ...args: unknown[]): net.Socket {
    // net.createConnection passes one normalised array ([options, callback]); direct callers pass
    // (options[, cb]) or (port[, host][, cb]).
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    let host: string | undefined;
    if (typeof first === 'object' && first !== null) {
      const opts = first as { host?: unknown; path?: unknown };
      if (typeof opts.path !== 'string') host = typeof opts.host === 'string' ? opts.host : 'localhost';
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      host = typeof args[1] === 'string' ? args[1] : 'localhost';
    } // else a string that is not a port: a Unix socket path
    if (host !== undefined && !LOOPBACK.test(host)) {
      blocked.push(host);
      process.nextTick(() =>
        this.destroy(new Error(`check-weapp keeps miniprogram-ci offline; ${host} not contacted`)),
      );
      return this;
    }
    return Reflect.apply(original, this, args) as net.Socket;
  };
  net.Socket.prototype.connect = guarded as typeof original;
}

/** Makes a path or message relative to the checked folder, so that it reads the same for any copy. */
function relativize(text: string, projectPath: string): string {
  return text
    .split(projectPath + '/')
    .join('')
    .split(projectPath)
    .join('.');
}

/**
 * getCompiledResult throws a CustomError with the first problem only, `path` usually set to the file. Its
 * message comes in several shapes: `app.json: ["pages"][2] could not find …`; `/common.wxss:2:1: Unclosed
 * block` plus a code frame; `3:9:unexpected end tag: text`; or `file: pages/x/index.js` then
 * ` /abs/pages/x/index.js: Unterminated string constant. (1:299)` then a code frame.
 */
function parseCompileError(err: unknown, projectPath: string): Problem {
  const e: CiError = typeof err === 'object' && err !== null ? (err as CiError) : { message: String(err) };
  const text = relativize(String(e.message ?? err), projectPath);
  const fileLine = /^file:\s*(\S+)/m.exec(text);
  const named = e.path ?? fileLine?.[1] ?? /([\w@./-]+\.(?:js|json|wxml|wxss|wxs))\b/.exec(text)?.[1];
  const file = named ? relativize(named, projectPath).replace(/^\//, '') : '(unknown file)';
  // The first line that is neither the `file:` header nor part of a code frame (`> 1 | …`, `    | ^`).
  const first =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !/^file:/.test(l) && !/^(>|\|)|^\d+\s*\|/.test(l)) ?? text;
  let message = first.replace(/^\/?[^\s:]+\.(?:js|json|wxml|wxss|wxs):\s*/, '');
  let pos = /^(\d+):(\d+):\s*/.exec(message);
  if (pos) message = message.slice(pos[0].length);
  else {
    pos = /\s*\((\d+):(\d+)\)\s*$/.exec(message);
    if (pos) message = message.slice(0, pos.index);
  }
  return {
    file,
    ...(pos ? { line: Number(pos[1]), column: Number(pos[2]) } : {}),
    message: e.code === undefined ? message : `${message} [miniprogram-ci ${e.code}]`,
  };
}

async function compile(ci: MiniprogramCi, project: CiProject): Promise<CheckResult> {
  const summary = "miniprogram-ci getCompiledResult (es6, minify): WeChat's pre-upload compile";
  try {
    const out = await ci.getCompiledResult({ project, setting: { es6: true, minify: true } });
    return {
      name: 'ci-compile',
      passed: true,
      summary: `${summary}, ${Object.keys(out).length} files out`,
      problems: [],
    };
  } catch (err) {
    return { name: 'ci-compile', passed: false, summary, problems: [parseCompileError(err, project.projectPath)] };
  }
}

type PackageFiles = AnalyseResult['files'];

/** analyseCode does not throw on a broken project: it builds a dependency graph and hangs errors on its nodes. */
async function analyse(ci: MiniprogramCi, project: CiProject): Promise<{ result: CheckResult; files: PackageFiles }> {
  const name = 'ci-analyse';
  const summary = 'miniprogram-ci analyseCode: pages, components, imports and requires resolve';
  const rel = (s: string): string => relativize(s, project.projectPath);
  let analysed: AnalyseResult | undefined;
  try {
    analysed = await ci.analyseCode(project, { silent: true });
  } catch (err) {
    return {
      result: { name, passed: false, summary, problems: [parseCompileError(err, project.projectPath)] },
      files: [],
    };
  }
  if (!analysed) {
    const problems = [{ file: '.', message: 'analyseCode returned nothing' }];
    return { result: { name, passed: false, summary, problems }, files: [] };
  }
  const problems: Problem[] = [];
  for (const m of analysed.modules) {
    for (const e of m.errors ?? []) problems.push({ file: rel(m.path), message: rel(e) });
    if (m.buildError) problems.push({ file: rel(m.path), message: rel(m.buildError) });
    for (const d of m.deps) {
      if (d.error) problems.push({ file: rel(m.path), message: `${d.type} "${rel(d.request)}": ${rel(d.error)}` });
    }
  }
  const counted = `${summary} (${analysed.modules.length} modules, ${analysed.files.length} files)`;
  return { result: { name, passed: problems.length === 0, summary: counted, problems }, files: analysed.files };
}

function isSizeDetail(detail: unknown): detail is Record<string, number> {
  return typeof detail === 'object' && detail !== null && Object.values(detail).every((v) => typeof v === 'number');
}

const MB = 1024 * 1024;
/** checkCodeQuality's key for the main package; sub-packages are keyed by their root. */
const MAIN = '__APP__';

/** The biggest files of one package, as analyseCode attributes them, so that a size failure names files. */
function largest(files: PackageFiles, pkg: string): PackageFiles {
  const root = pkg.replace(/\/?$/, '');
  return files
    .filter((f) => (pkg === MAIN ? f.subPackage === null : (f.subPackage ?? '').replace(/\/?$/, '') === root))
    .sort((a, b) => b.size - a.size)
    .slice(0, 3);
}

async function packageSize(
  ci: MiniprogramCi,
  project: CiProject,
  files: PackageFiles,
): Promise<{ result: CheckResult; sizes?: SizeReport; advice: string[] }> {
  const name = 'ci-package-size';
  const summary = 'miniprogram-ci checkCodeQuality: package sizes';
  let items: QualityItem[];
  try {
    items = await ci.checkCodeQuality(project);
  } catch (err) {
    const problems = [parseCompileError(err, project.projectPath)];
    return { result: { name, passed: false, summary, problems }, advice: [] };
  }
  // The other items (WXML/WXSS compression, lazy code loading, images over 200 KB, unused files) are advice
  // about devtools settings and habits, not about whether the package can be uploaded: printed, not failed on.
  const advice = items
    .filter((i) => i.name !== 'PACKAGE_SIZE_LIMIT' && i.success === false)
    .map((i) => `${i.name}: ${i.text ?? ''}`);
  const item = items.find((i) => i.name === 'PACKAGE_SIZE_LIMIT');
  if (!item || !isSizeDetail(item.detail)) {
    const problems = [{ file: '.', message: 'checkCodeQuality reported no PACKAGE_SIZE_LIMIT figures' }];
    return { result: { name, passed: false, summary, problems }, advice };
  }
  const { [MAIN]: main = 0, ...subs } = item.detail;
  const total = main + Object.values(subs).reduce((a, b) => a + b, 0);
  const attr = ci.DefaultProjectAttr.setting;
  const sizes: SizeReport = {
    source: 'miniprogram-ci checkCodeQuality',
    mainPackageBytes: main,
    subPackageBytes: subs,
    totalBytes: total,
    adviceLimitBytes: 1.5 * MB,
    uploadLimitBytes: attr.MaxCodeSize * MB,
  };
  const problems: Problem[] = [];
  for (const [pkg, bytes] of Object.entries(item.detail)) {
    if (bytes <= sizes.adviceLimitBytes) continue;
    const top = largest(files, pkg);
    problems.push({
      // The biggest file is the likeliest culprit, so it is the one named.
      file: top[0]?.path ?? (pkg === MAIN ? '.' : pkg),
      message:
        `${pkg === MAIN ? 'main package' : `sub-package ${pkg}`} is ${bytes} B, over WeChat's ${sizes.adviceLimitBytes} B` +
        (top.length > 0 ? `; largest: ${top.map((f) => `${f.path} ${f.size} B`).join(', ')}` : ''),
    });
  }
  if (total > attr.MaxSubpackageFullCodeSize * MB) {
    problems.push({
      file: '.',
      message: `all packages together are ${total} B, over ${attr.MaxSubpackageFullCodeSize} MB`,
    });
  }
  if (item.success === false && problems.length === 0) {
    problems.push({ file: '.', message: item.text ?? 'PACKAGE_SIZE_LIMIT failed' });
  }
  const counted = `${summary}, main package ${main} B of ${sizes.adviceLimitBytes} B`;
  return { result: { name, passed: problems.length === 0, summary: counted, problems }, sizes, advice };
}

function appidOf(projectPath: string): string {
  // The folder's own project.config.json names the app; nothing is sent anywhere, so any id would do.
  try {
    const config = JSON.parse(readFileSync(join(projectPath, 'project.config.json'), 'utf8')) as { appid?: unknown };
    return typeof config.appid === 'string' && config.appid ? config.appid : 'touristappid';
  } catch {
    return 'touristappid';
  }
}

async function main(): Promise<void> {
  const [projectPath, outFile] = process.argv.slice(2);
  if (!projectPath || !outFile) throw new Error('usage: ci-worker.ts <projectDir> <outFile>');
  const blockedHosts: string[] = [];
  blockNetwork(blockedHosts);
  const ci = requireFromCheck<MiniprogramCi>('miniprogram-ci');
  const project = new ci.Project({
    appid: appidOf(projectPath),
    type: 'miniProgram',
    projectPath,
    privateKey: 'unused',
    // A local attribute instead of the default, which asks WeChat's server with the (here fake) key.
    attr: async () => ci.DefaultProjectAttr,
  });
  const compiled = await compile(ci, project);
  const analysed = await analyse(ci, project);
  const size = await packageSize(ci, project, analysed.files);
  const results = [compiled, analysed.result, size.result];
  const output: WorkerOutput = {
    results,
    sizes: size.sizes,
    advice: size.advice,
    blockedHosts: [...new Set(blockedHosts)],
  };
  writeFileSync(outFile, JSON.stringify(output));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
