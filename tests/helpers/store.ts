import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore, type EmbeddedStore } from '../../cloudfunctions/shared/store/embedded';

/** A real on-disk embedded store in a fresh temp dir, removed by cleanup(). */
export async function tempStore(): Promise<{ store: EmbeddedStore; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'xz-store-'));
  const store = openEmbeddedStore({ dir, durability: 'normal' });
  await store.ensureSchema();
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
