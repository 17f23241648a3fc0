import type { Audience } from '../../core/action';
import type { Caller } from '../../core/caller';
import { judge, type Verdict } from '../../core/policy';
import type { Role } from '../../core/roles';

const A = 'vil-a';
const B = 'vil-b';
const C = 'vil-c'; // another township's village

function caller(roles: Role[], villageId: string | null, scope: string[] = []): Caller {
  return { accountId: 'x', name: 'x', personId: null, villageId, townshipId: 't', roles, scopeVillageIds: scope };
}

const villager = caller(['villager'], A);
const committee = caller(['villager', 'committee'], A);
const township = caller(['townshipStaff'], null, [A, B]);
const unjoined = caller([], null);

// [who, caller label, caller, resource village, expected]
const cases: Array<[Audience, string, Caller | null, string | undefined, Verdict]> = [
  ['public', 'anonymous', null, undefined, 'allow'],
  ['public', 'anonymous on a village', null, A, 'allow'],
  ['public', 'villager of A on B', villager, B, 'FORBIDDEN'],
  ['signedIn', 'anonymous', null, undefined, 'UNAUTHENTICATED'],
  ['signedIn', 'unjoined', unjoined, undefined, 'allow'],
  ['signedIn', 'villager on own village', villager, A, 'allow'],
  ['signedIn', 'villager on other village', villager, B, 'FORBIDDEN'],
  ['member', 'anonymous', null, undefined, 'UNAUTHENTICATED'],
  ['member', 'unjoined', unjoined, undefined, 'NOT_JOINED'],
  ['member', 'villager own', villager, A, 'allow'],
  ['member', 'villager other', villager, B, 'FORBIDDEN'],
  ['member', 'township in scope', township, B, 'allow'],
  ['member', 'township out of scope', township, C, 'FORBIDDEN'],
  [['committee'], 'villager', villager, A, 'FORBIDDEN'],
  [['committee'], 'committee own', committee, A, 'allow'],
  [['committee'], 'committee other', committee, B, 'FORBIDDEN'],
  [['committee'], 'unjoined', unjoined, undefined, 'NOT_JOINED'],
  [['committee'], 'anonymous', null, undefined, 'UNAUTHENTICATED'],
  [['committee'], 'township', township, A, 'FORBIDDEN'],
  [['committee', 'townshipStaff'], 'township in scope', township, A, 'allow'],
  [['committee', 'townshipStaff'], 'township out of scope', township, C, 'FORBIDDEN'],
  [['villager'], 'committee who is also villager', committee, A, 'allow'],
];

describe('policy: who may act, and on which village', () => {
  test.each(cases)('%j · %s · resource %s → %s', (who, _label, c, village, expected) => {
    expect(judge(c, { who }, village ? { villageId: village } : undefined)).toBe(expected);
  });
});
