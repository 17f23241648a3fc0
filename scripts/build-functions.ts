import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain } from './is-main';

/**
 * Bundles each cloud function (cloudfunctions/<fn>/index.ts) into dist/cloudfunctions/<fn>/ with
 * its own package.json, ready for CloudBase as it is. The CloudBase SDK stays external (CloudBase
 * installs it from package.json); everything else, core/ and zod included, is inside index.js.
 */
const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'cloudfunctions');
const OUT = join(ROOT, 'dist', 'cloudfunctions');
const EXTERNAL = ['@cloudbase/node-sdk'];

export function functionNames(): string[] {
  return readdirSync(SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'shared' && existsSync(join(SRC, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunctions(): Promise<Array<{ name: string; bytes: number }>> {
  const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  rmSync(OUT, { recursive: true, force: true });
  const built: Array<{ name: string; bytes: number }> = [];
  for (const name of functionNames()) {
    const dir = join(OUT, name);
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [join(SRC, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      // CloudBase offers Node 16 and 18 runtimes.
      target: 'node16',
      format: 'cjs',
      external: EXTERNAL,
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const dependencies = Object.fromEntries(EXTERNAL.map((dep) => [dep, rootPkg.dependencies[dep]]));
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: `xiangzhi-${name}`, version: '1.0.0', private: true, main: 'index.js', dependencies }, null, 2)}\n`,
    );
    built.push({ name, bytes: readFileSync(join(dir, 'index.js')).length });
  }
  return built;
}

if (isMain(__filename)) {
  buildFunctions()
    .then((built) => {
      for (const b of built)
        console.log(`functions: ${b.name} → dist/cloudfunctions/${b.name}/index.js (${b.bytes} B)`);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
