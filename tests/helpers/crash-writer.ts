import { openEmbeddedStore } from '../../cloudfunctions/shared/store/embedded';
import type { Doc } from '../../cloudfunctions/shared/store/port';

type Row = Doc & { i?: number; n?: number };

/**
 * Child process for the crash-atomicity test: writes pairs of documents plus a counter, three
 * writes per transaction, until it is killed. It pauses inside each transaction so that a SIGKILL
 * often lands between the writes. Run as `node --require tsx/cjs crash-writer.ts <dir>`: a single
 * process, so the kill reaches the writer itself (the tsx CLI would put a process in between).
 * Importing this file starts the loop: only the test spawns it.
 */
const CRASH_COLLECTIONS = { pairs: { indexes: [] } };

async function main(dir: string, streams: number): Promise<void> {
  // With several streams, transactions share commits (group commit) and the log is copied into
  // the file by the background checkpointer, as on the gateway.
  const store = openEmbeddedStore({ dir, collections: CRASH_COLLECTIONS, backgroundIo: streams > 1 });
  await store.ensureSchema();
  await store.insert<Row>('pairs', { _id: 'counter', n: 0 });
  const stream = async (s: number) => {
    for (let k = 0; ; k++) {
      const i = s * 1_000_000 + k;
      await store.transaction(async (tx) => {
        await tx.insert<Row>('pairs', { _id: `p${i}-a`, i });
        await new Promise((resolve) => setImmediate(resolve));
        await tx.insert<Row>('pairs', { _id: `p${i}-b`, i });
        await tx.inc('pairs', 'counter', { n: 1 });
      });
      if (s === 0 && k === 20) process.stdout.write('ready\n');
    }
  };
  await Promise.all(Array.from({ length: streams }, (_, s) => stream(s)));
}

main(process.argv[2] ?? '', Number(process.argv[3] ?? 1)).catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
