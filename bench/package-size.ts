import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Bytes of a weapp build, split into the main package and each subpackage as WeChat counts them. */
export interface PackageSizes {
  readonly mainBytes: number;
  readonly totalBytes: number;
  readonly subpackages: Record<string, number>;
}

const NOT_UPLOADED = [
  /\.xz-build-stamp$/,
  /\.LICENSE\.txt$/,
  /^project\.config\.json$/,
  /^project\.private\.config\.json$/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

export function packageSizes(dir: string): PackageSizes {
  if (!existsSync(join(dir, 'app.json'))) throw new Error(`${dir} has no app.json: build it first`);
  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
  const subpackages: Record<string, number> = Object.fromEntries(roots.map((r) => [r, 0]));
  let mainBytes = 0;
  let totalBytes = 0;
  for (const f of files(dir)) {
    const rel = relative(dir, f);
    if (NOT_UPLOADED.some((re) => re.test(rel))) continue;
    const size = statSync(f).size;
    totalBytes += size;
    const root = roots.find((r) => rel.startsWith(r));
    if (root) subpackages[root] += size;
    else mainBytes += size;
  }
  return { mainBytes, totalBytes, subpackages };
}
