import { systemClock } from './clock';
import { CloudbaseFileStore } from './files/cloudbase';
import type { FileStore } from './files/port';
import { dispatch, type Envelope, type Routes } from './handler';
import { identityFromCloudCall } from './identity';
import { openCloudbaseStore } from './store/cloudbase';
import type { Store } from './store/port';

/**
 * The entry CloudBase calls: `exports.main = cloudMain(routes)`. The store is opened once per warm
 * container; identity comes from the call context only.
 */
export function cloudMain(table: Routes): (event: unknown, context: unknown) => Promise<Envelope> {
  let store: Store | undefined;
  let files: FileStore | undefined;
  return async (event, context) => {
    const env = process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? '';
    store ??= openCloudbaseStore({ env });
    files ??= new CloudbaseFileStore(env);
    return dispatch(table, event, {
      store,
      files,
      clock: systemClock,
      identity: identityFromCloudCall(context),
      log: (entry) => console.log(JSON.stringify(entry)),
    });
  };
}
