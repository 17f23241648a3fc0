import type { CollectionSpec, IndexSpec } from '../../cloudfunctions/shared/store/collections';
import { openCloudbaseStore } from '../../cloudfunctions/shared/store/cloudbase';
import type { DeployEnv } from './plan';

/**
 * Where the schema is applied. Two kinds:
 * - `@cloudbase/manager-node` (the management API): creates collections and indexes. It is NOT a
 *   dependency of this project yet; when it is installed, deploy uses it.
 * - `@cloudbase/node-sdk` through our own adapter: creates collections only, since the database
 *   API has no index call. Deploy then lists the indexes left to create by hand.
 */
export type Outcome = 'created' | 'exists' | 'ensured';

export interface SchemaTarget {
  readonly name: string;
  readonly createsIndexes: boolean;
  ensureCollection(name: string): Promise<Outcome>;
  ensureIndex(collection: string, index: IndexSpec): Promise<Outcome>;
}

/** The part of @cloudbase/manager-node 5.x used here (from its source: database/index.ts). */
interface ManagerDatabase {
  createCollectionIfNotExists(name: string): Promise<{ IsCreated?: boolean }>;
  checkIndexExists(collection: string, index: string): Promise<{ Exists?: boolean }>;
  updateCollection(
    collection: string,
    options: {
      CreateIndexes: Array<{
        IndexName: string;
        MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean };
      }>;
    },
  ): Promise<unknown>;
}

type ManagerConstructor = new (config: { secretId: string; secretKey: string; envId: string }) => {
  readonly database: ManagerDatabase;
};

const MANAGER_PACKAGE = '@cloudbase/manager-node';

/** Null when the package is not installed; any other failure to load it is thrown. */
export async function loadManagerTarget(env: DeployEnv): Promise<SchemaTarget | null> {
  let mod: unknown;
  try {
    // A variable specifier: the package is optional, so neither tsc nor a bundler may require it.
    const specifier: string = MANAGER_PACKAGE;
    mod = await import(specifier);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
  const exported = mod as { default?: unknown };
  const Manager = (typeof mod === 'function' ? mod : exported.default) as ManagerConstructor;
  if (typeof Manager !== 'function') throw new Error(`${MANAGER_PACKAGE}: no CloudBase class exported`);
  const db = new Manager({ secretId: env.secretId, secretKey: env.secretKey, envId: env.envId }).database;
  return {
    name: MANAGER_PACKAGE,
    createsIndexes: true,
    async ensureCollection(name) {
      const res = await db.createCollectionIfNotExists(name);
      return res.IsCreated ? 'created' : 'exists';
    },
    async ensureIndex(collection, index) {
      if ((await db.checkIndexExists(collection, index.name)).Exists) return 'exists';
      await db.updateCollection(collection, {
        CreateIndexes: [
          {
            IndexName: index.name,
            MgoKeySchema: {
              MgoIndexKeys: index.fields.map(([field, direction]) => ({ Name: field, Direction: String(direction) })),
              MgoIsUnique: index.unique === true,
            },
          },
        ],
      });
      return 'created';
    },
  };
}

/** Collections only, through the production adapter's ensureSchema. */
export function nodeSdkTarget(env: DeployEnv, specs: Readonly<Record<string, CollectionSpec>>): SchemaTarget {
  return {
    name: '@cloudbase/node-sdk',
    createsIndexes: false,
    async ensureCollection(name) {
      const store = openCloudbaseStore({
        env: env.envId,
        secretId: env.secretId,
        secretKey: env.secretKey,
        collections: { [name]: specs[name] },
      });
      await store.ensureSchema();
      await store.close();
      return 'ensured';
    },
    async ensureIndex() {
      throw new Error('@cloudbase/node-sdk cannot create indexes');
    },
  };
}
