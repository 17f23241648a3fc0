/**
 * Every collection and index, declared once. The embedded adapter creates them at gateway start;
 * `npm run deploy` creates them in CloudBase. Uniqueness that matters (one account per WeChat user,
 * one ballot per elector) is declared here or carried by deterministic ids, never checked by an
 * earlier read.
 */
export interface IndexSpec {
  readonly name: string;
  readonly fields: ReadonlyArray<readonly [field: string, direction: 1 | -1]>;
  readonly unique?: boolean;
}

export interface CollectionSpec {
  readonly indexes: readonly IndexSpec[];
}

export const COLLECTIONS = {
  meta: { indexes: [] },
  townships: { indexes: [] },
  villages: { indexes: [{ name: 'by_township', fields: [['townshipId', 1]] }] },
  households: {
    indexes: [
      {
        name: 'by_village_code',
        fields: [
          ['villageId', 1],
          ['code', 1],
        ],
        unique: true,
      },
      {
        name: 'by_village_group',
        fields: [
          ['villageId', 1],
          ['groupId', 1],
        ],
      },
    ],
  },
  persons: {
    indexes: [
      {
        name: 'by_village_household',
        fields: [
          ['villageId', 1],
          ['householdId', 1],
        ],
      },
      {
        name: 'by_village_birth',
        fields: [
          ['villageId', 1],
          ['birthYear', 1],
        ],
      },
    ],
  },
  // An account's id is derived from the WeChat openid, so one WeChat user has one account by
  // construction (a unique index on a field some documents lack would collide in MongoDB).
  accounts: { indexes: [{ name: 'by_village', fields: [['villageId', 1]] }] },
  // One account per roster person: the binding's id is the person's id.
  bindings: { indexes: [{ name: 'by_account', fields: [['accountId', 1]] }] },
  // One open request per account: its id is derived from the account.
  joinRequests: {
    indexes: [
      {
        name: 'by_village_status',
        fields: [
          ['villageId', 1],
          ['status', 1],
          ['createdAt', 1],
        ],
      },
    ],
  },
  auditLog: {
    indexes: [
      {
        name: 'by_scope_seq',
        fields: [
          ['scope', 1],
          ['seq', 1],
        ],
        unique: true,
      },
    ],
  },
  auditHeads: { indexes: [] },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}
