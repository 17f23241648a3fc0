import { join } from 'node:path';
import { COLLECTIONS } from '../cloudfunctions/shared/store/collections';
import { runDeploy } from './deploy/run';
import { loadManagerTarget, nodeSdkTarget } from './deploy/targets';
import { isMain } from './is-main';

/**
 * `npm run deploy`: applies collections and indexes to CloudBase and lists the functions to upload.
 * The steps live in scripts/deploy/ (tested with fakes); this file only wires in the real ones.
 * See docs/DEPLOY.md.
 */
export function deploy(argv: readonly string[]): Promise<number> {
  return runDeploy(argv, process.env, {
    specs: COLLECTIONS,
    functionsDir: join(__dirname, '..', 'dist', 'cloudfunctions'),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    managerTarget: loadManagerTarget,
    fallbackTarget: nodeSdkTarget,
  });
}

if (isMain(__filename)) {
  deploy(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
