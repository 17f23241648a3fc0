import { ALL_ACTIONS } from '../../core';
import type { Audience } from '../../core/action';
import type { Caller } from '../../core/caller';
import { judge, type Verdict } from '../../core/policy';
import type { Role } from '../../core/roles';

/**
 * The permission table, read top to bottom: who may call each action. The manifests must agree
 * with it, and every role × action × (own village / other village / township scope) is checked.
 */
const EXPECTED: Record<string, Audience> = {
  'account.whoami': 'signedIn',
  'account.setPrefs': 'signedIn',
  'account.listVillages': 'public',
  'account.requestJoin': 'signedIn',
  'account.myJoinRequest': 'signedIn',
  'roster.import': ['committee'],
  'roster.template': ['committee'],
  'roster.search': ['committee', 'townshipStaff'],
  'roster.myHousehold': 'member',
  'roster.electorate': ['committee', 'townshipStaff'],
  'members.pendingJoins': ['committee'],
  'members.decideJoin': ['committee'],
  'members.list': ['committee', 'townshipStaff'],
  'members.grantRole': ['committee', 'townshipStaff'],
  'members.revokeRole': ['committee', 'townshipStaff'],
  'members.auditLog': ['committee', 'townshipStaff'],
  // Work teams: the committee registers them; township staff may look, as they oversee.
  'members.teams': ['committee', 'townshipStaff'],
  'members.saveTeam': ['committee'],
  'votes.open': ['committee'],
  'votes.get': 'member',
  'votes.list': 'member',
  // Any member may try; the roll frozen at opening decides (NOT_ELIGIBLE), not today's roles.
  'votes.cast': 'member',
  'votes.castAssisted': ['committee'],
  'votes.recordHandCount': ['committee'],
  'votes.close': ['committee'],
  'votes.result': 'member',
  'votes.myReceipt': 'member',
  'votes.checkReceipt': 'member',
  // Matters: villagers raise and take part; the committee screens, meets, decides and runs the work;
  // reading is for every member, township staff included (oversight, e.g. overdue screening).
  'matters.raise': ['villager'],
  'matters.saveDraft': ['villager'],
  'matters.drafts': ['villager'],
  'matters.list': 'member',
  'matters.groups': 'member',
  'matters.get': 'member',
  'matters.cosign': ['villager'],
  'matters.withdraw': ['villager'],
  'matters.screen': ['committee'],
  'matters.comment': ['villager'],
  'matters.comments': 'member',
  'matters.reportComment': ['villager'],
  'matters.hideComment': ['committee'],
  'matters.recordMeeting': ['committee'],
  'matters.meetings': 'member',
  'matters.returnToRaised': ['committee'],
  'matters.moveToVote': ['committee'],
  'matters.decide': ['committee'],
  'matters.reopen': ['committee'],
  'matters.assignOwner': ['committee'],
  'matters.teams': ['committee'],
  'matters.startWork': ['committee'],
  // The owner reports on the work (a villager, checked against the matter), or the committee.
  'matters.addMilestone': ['committee', 'villager'],
  'matters.postProgress': ['committee', 'villager'],
  'matters.progress': 'member',
  'matters.complete': ['committee'],
  'matters.rate': ['villager'],
  'matters.timeline': 'member',
  // The board: reading is public because a notice may be made public (the service holds the rest
  // to the village and its township); the committee writes; villagers ask; the township oversees.
  'board.list': 'public',
  'board.get': 'public',
  'board.revision': 'public',
  'board.drafts': ['committee'],
  'board.draft': ['committee'],
  'board.publish': ['committee'],
  'board.correct': ['committee'],
  'board.retract': ['committee'],
  'board.arrange': ['committee'],
  'board.ask': ['villager'],
  'board.answer': ['committee'],
  'board.inquiries': 'member',
  'board.duties': ['committee', 'townshipStaff'],
  'board.township': ['townshipStaff'],
  'board.configure': ['committee', 'townshipStaff'],
  'board.importAccounts': ['committee'],
  'board.accountsTemplate': ['committee'],
  'board.export': ['committee', 'townshipStaff'],
  'board.print': ['committee'],
  // Visits (党员联系户): the committee sets up and assigns; party members visit and follow up needs;
  // grid leaders and the committee watch coverage; the township oversees and takes needs up the chain.
  'visits.settings': ['committee', 'townshipStaff', 'gridLeader', 'partyMember'],
  'visits.setSettings': ['committee'],
  'visits.assign': ['committee'],
  'visits.unassign': ['committee'],
  'visits.assignments': ['committee', 'townshipStaff', 'gridLeader'],
  'visits.history': ['committee', 'townshipStaff', 'gridLeader'],
  'visits.generate': ['committee', 'townshipStaff'],
  'visits.myTasks': ['partyMember', 'gridLeader'],
  'visits.checkIn': ['partyMember', 'gridLeader'],
  'visits.visit': ['partyMember', 'gridLeader', 'committee', 'townshipStaff'],
  'visits.household': ['partyMember', 'gridLeader', 'committee', 'townshipStaff'],
  'visits.needs': ['partyMember', 'gridLeader', 'committee', 'townshipStaff'],
  'visits.updateNeed': ['committee', 'partyMember', 'gridLeader', 'townshipStaff'],
  'visits.escalateNeed': ['committee', 'townshipStaff'],
  'visits.closeOutNeed': ['committee', 'partyMember', 'gridLeader', 'townshipStaff'],
  // Raising the matter is a villager's act: the matters policy is asked again inside.
  'visits.needToMatter': ['partyMember', 'committee'],
  'visits.memberBoard': ['partyMember', 'gridLeader'],
  'visits.gridBoard': ['gridLeader', 'committee', 'townshipStaff'],
  'visits.villageBoard': ['committee', 'townshipStaff'],
  'visits.townshipBoard': ['townshipStaff'],
};

const A = 'vil-a';
const B = 'vil-b';
const OUTSIDE = 'vil-outside'; // a village of another township

function villageCaller(role: Role): Caller {
  return {
    accountId: role,
    name: role,
    personId: 'p',
    villageId: A,
    townshipId: 't',
    roles: role === 'villager' ? ['villager'] : ['villager', role],
    scopeVillageIds: [],
  };
}
const CALLERS: Array<[string, Caller | null]> = [
  ['anonymous', null],
  [
    'not joined',
    { accountId: 'n', name: 'n', personId: null, villageId: null, townshipId: null, roles: [], scopeVillageIds: [] },
  ],
  ...(['villager', 'householdRep', 'villagerDelegate', 'partyMember', 'gridLeader', 'committee'] as Role[]).map(
    (r): [string, Caller] => [r, villageCaller(r)],
  ),
  [
    'townshipStaff',
    {
      accountId: 't',
      name: 't',
      personId: null,
      villageId: null,
      townshipId: 't',
      roles: ['townshipStaff'],
      scopeVillageIds: [A, B],
    },
  ],
];

function expected(who: Audience, label: string, c: Caller | null, village: string): Verdict {
  const reach = c !== null && (c.villageId === village || c.scopeVillageIds.includes(village));
  const joined = c !== null && (c.villageId !== null || c.scopeVillageIds.length > 0);
  if (who === 'public') return c === null || reach ? 'allow' : 'FORBIDDEN';
  if (c === null) return 'UNAUTHENTICATED';
  if (who === 'signedIn') return reach ? 'allow' : 'FORBIDDEN';
  if (!joined) return 'NOT_JOINED';
  if (who === 'member') return reach ? 'allow' : 'FORBIDDEN';
  const held = label === 'townshipStaff' ? ['townshipStaff'] : ['villager', label];
  return held.some((r) => who.includes(r as Role)) && reach ? 'allow' : 'FORBIDDEN';
}

test('every action is in the table, and its manifest says the same', () => {
  const names = ALL_ACTIONS.map((a) => a.name).sort();
  expect(Object.keys(EXPECTED).sort()).toEqual(names);
  for (const def of ALL_ACTIONS) expect([def.name, def.who]).toEqual([def.name, EXPECTED[def.name]]);
});

const cases = ALL_ACTIONS.flatMap((def) =>
  CALLERS.flatMap(([label, c]) =>
    [A, B, OUTSIDE].map(
      (village) => [def.name, label, village, expected(EXPECTED[def.name], label, c, village), def, c] as const,
    ),
  ),
);

test.each(cases)('%s · %s · on %s → %s', (_name, _label, village, verdict, def, c) => {
  expect(judge(c, def, { villageId: village })).toBe(verdict);
});
