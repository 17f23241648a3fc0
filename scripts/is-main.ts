import { resolve } from 'node:path';

/** True when this file is the script being run (`tsx scripts/x.ts`), not an import. */
export function isMain(filename: string): boolean {
  const argv = process.argv[1];
  if (!argv) return false;
  const run = resolve(argv);
  return run === filename || run === filename.replace(/\.ts$/, '');
}
