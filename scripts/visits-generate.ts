import { systemClock } from '../cloudfunctions/shared/clock';
import type { VillageRecord } from '../core/records';
import { generateVillage } from '../cloudfunctions/visits/generate';
import { findAll } from '../cloudfunctions/visits/stats';
import { isMain } from './is-main';

/**
 * `npm run visits:generate [-- <villageId>…] [--at <ISO time>]`: generates the visit tasks of the
 * current month and ISO week (or of the periods holding --at) by hand, for every village or the
 * ones named. What the timer does every minute; idempotent, so running it again changes nothing.
 * Uses the store the gateway uses (XZ_STORE, XZ_DATA_DIR; see server/config.ts).
 */
async function main(argv: readonly string[]): Promise<void> {
  const atIndex = argv.indexOf('--at');
  const at = atIndex >= 0 ? Date.parse(argv[atIndex + 1] ?? '') : systemClock.now();
  if (!Number.isFinite(at)) throw new Error('--at needs a time, e.g. --at 2026-12-01T08:00:00+08:00');
  const named = argv.filter((_, i) => atIndex < 0 || (i !== atIndex && i !== atIndex + 1));
  const { openStoreFromEnv } = await import('../server/config');
  const store = await openStoreFromEnv();
  try {
    const villages = (await findAll<VillageRecord>(store, 'villages', {})).filter(
      (v) => named.length === 0 || named.includes(v._id),
    );
    for (const v of villages) {
      const r = await generateVillage(store, v, at);
      console.log(JSON.stringify({ villageId: v._id, ...r }));
    }
  } finally {
    await store.close();
  }
}

if (isMain(__filename)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
