import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openEmbeddedStore } from '../cloudfunctions/shared/store/embedded';
import type { Store } from '../cloudfunctions/shared/store/port';

/**
 * Where the gateway keeps its data and which store it uses, from the environment:
 * - XZ_STORE: `embedded` (default) or `cloudbase` (needs TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY);
 * - XZ_DATA_DIR: the embedded store's folder (default .data);
 * - XZ_DURABILITY: `full` (default: fsync each commit) or `normal`.
 */
export const ROOT = resolve(__dirname, '..');

export function dataDir(): string {
  return resolve(process.env.XZ_DATA_DIR ?? join(ROOT, '.data'));
}

export function storeKind(): 'embedded' | 'cloudbase' {
  const kind = process.env.XZ_STORE ?? 'embedded';
  if (kind !== 'embedded' && kind !== 'cloudbase')
    throw new Error(`XZ_STORE must be embedded or cloudbase, not ${kind}`);
  return kind;
}

export async function openStoreFromEnv(): Promise<Store> {
  if (storeKind() === 'cloudbase') {
    const env = process.env.TCB_ENV;
    if (!env) throw new Error('XZ_STORE=cloudbase needs TCB_ENV (and TCB_SECRET_ID / TCB_SECRET_KEY)');
    // Loaded only when asked for: the embedded default never pulls in the CloudBase SDK's store.
    const { openCloudbaseStore } = await import('../cloudfunctions/shared/store/cloudbase');
    return openCloudbaseStore({ env, secretId: process.env.TCB_SECRET_ID, secretKey: process.env.TCB_SECRET_KEY });
  }
  const store = openEmbeddedStore({
    dir: dataDir(),
    durability: process.env.XZ_DURABILITY === 'normal' ? 'normal' : 'full',
    backgroundIo: true,
  });
  await store.ensureSchema();
  return store;
}

/** The secret that signs local tokens: made once per data folder, kept out of git with it. */
export function tokenSecret(dir: string = dataDir()): string {
  if (process.env.XZ_TOKEN_SECRET) return process.env.XZ_TOKEN_SECRET;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'token-secret');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

/** Demo sign-in is a development convenience: never on CloudBase, never in production. */
export function devRoutesEnabled(): boolean {
  return storeKind() === 'embedded' && process.env.NODE_ENV !== 'production';
}
