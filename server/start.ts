import { join } from 'node:path';
import { systemClock } from '../cloudfunctions/shared/clock';
import { EmbeddedFileStore } from '../cloudfunctions/shared/files/embedded';
import { runTimers } from '../cloudfunctions/timers/run';
import { buildIfStale } from '../scripts/build-stale';
import { seedDemo, seedDemoVisits } from '../scripts/seed-demo';
import { buildGateway } from './app';
import { ROOT, dataDir, devRoutesEnabled, openStoreFromEnv, storeKind, tokenSecret } from './config';

/**
 * `npm start`: build the H5 app if stale, open the store (embedded by default, under .data/),
 * seed the demo township on first run, and serve everything on 127.0.0.1.
 */
async function main(): Promise<void> {
  if (process.env.XZ_SKIP_BUILD !== '1') buildIfStale('h5');
  const store = await openStoreFromEnv();
  const dev = devRoutesEnabled();
  if (dev) {
    const { seeded, counts } = await seedDemo(store, systemClock.now());
    if (seeded) console.log(`seeded the demo township: ${JSON.stringify(counts)}`);
    const visits = await seedDemoVisits(store, systemClock.now());
    if (visits.seeded) console.log(`gave the demo party members ${visits.assigned} households to visit`);
  }
  const app = await buildGateway({
    store,
    clock: systemClock,
    tokenSecret: tokenSecret(),
    devRoutes: dev,
    files: storeKind() === 'embedded' ? new EmbeddedFileStore(dataDir()) : undefined,
    staticDir: join(ROOT, 'dist', 'h5'),
    log: process.env.XZ_LOG === '1' ? (e) => console.log(JSON.stringify(e)) : undefined,
  });
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen({ port, host });
  console.log(
    `乡治 is running at http://${host}:${port}/ (store: ${storeKind()}${storeKind() === 'embedded' ? ` in ${dataDir()}` : ''})`,
  );
  if (dev) console.log('Open it in a browser and pick a demo user.');

  // What CloudBase's timer trigger does in production: seal ballots, count motions whose time is up.
  const every = Number(process.env.XZ_TIMER_MS ?? 5000);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    runTimers(store, systemClock.now())
      .catch((e: unknown) => console.error(`timers: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        busy = false;
      });
  }, every);

  const stop = async (): Promise<void> => {
    clearInterval(timer);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
