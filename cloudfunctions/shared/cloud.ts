import { systemClock } from './clock';
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
  return async (event, context) => {
    store ??= openCloudbaseStore({ env: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? '' });
    return dispatch(table, event, {
      store,
      clock: systemClock,
      identity: identityFromCloudCall(context),
      log: (entry) => console.log(JSON.stringify(entry)),
    });
  };
}
