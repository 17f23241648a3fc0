import { AppError } from '../core/errors';
import type { Doc, Store } from '../cloudfunctions/shared/store/port';
import { demoData } from './demo-village';
import { isMain } from './is-main';

const SEED_ID = 'demo-seed';

interface SeedMarker extends Doc {
  readonly at: number;
  readonly counts: Record<string, number>;
}

/**
 * Seeds the demo township once, in one transaction: a store either has all of it or none. Running
 * it again (a restart, two gateways at once) changes nothing: the marker document's id is fixed,
 * so the second writer gets DUPLICATE and its transaction rolls back.
 */
export async function seedDemo(
  store: Store,
  now: number,
): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  const data = demoData(now);
  const counts = {
    townships: data.townships.length,
    villages: data.villages.length,
    households: data.households.length,
    persons: data.persons.length,
    accounts: data.accounts.length,
  };
  if (await store.get('meta', SEED_ID)) return { seeded: false, counts };
  try {
    await store.transaction(async (tx) => {
      await tx.insert<SeedMarker>('meta', { _id: SEED_ID, at: now, counts });
      for (const [collection, docs] of Object.entries(data) as Array<[string, Doc[]]>) {
        for (const doc of docs) await tx.insert(collection, doc);
      }
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'DUPLICATE') return { seeded: false, counts };
    throw e;
  }
  return { seeded: true, counts };
}

async function main(): Promise<void> {
  const { openStoreFromEnv } = await import('../server/config');
  const store = await openStoreFromEnv();
  const result = await seedDemo(store, Date.now());
  await store.close();
  console.log(JSON.stringify(result));
}

if (isMain(__filename)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
