import type { MatterCategory } from '../../core/categories';
import { AppError, type ErrorCode } from '../../core/errors';
import {
  availableTransitions,
  GUARDS,
  TRANSITION_NAMES,
  TRANSITIONS,
  transition,
  transitionOrThrow,
  transitionsFrom,
  type Actor,
  type MatterFacts,
  type TransitionContext,
  type TransitionName,
} from '../../core/matter/lifecycle';
import { screeningDue } from '../../core/matter/screening';
import { evaluationEndsAt } from '../../core/matter/evaluation';
import {
  MATTER_STATE_IDS,
  MATTER_STATES,
  stageStrip,
  type MatterState,
  type StripStatus,
} from '../../core/matter/states';
import type { Role } from '../../core/roles';

const NOW = Date.UTC(2024, 4, 6, 13, 0); // 2024-05-06 21:00 Beijing time
const AUTHOR = 'p-author';

function person(roles: Role[], personId: string | null = 'p-other'): Actor {
  return { personId, roles };
}
const committee = person(['villager', 'committee'], 'p-cadre');
const author = person(['villager'], AUTHOR);
const villager = person(['villager']);

/** A matter every guard is happy with: a general matter, a meeting held, an owner named, its rating window over. */
function matter(over: Partial<MatterFacts> = {}): MatterFacts {
  return {
    _id: 'm-1',
    state: 'raised',
    authorId: AUTHOR,
    category: 'general',
    cosignCount: 0,
    meetingCount: 1,
    owner: { kind: 'team', teamId: 't-1' },
    evaluationEndsAt: NOW - 1,
    ...over,
  };
}

function ctx(actor: Actor, over: Partial<TransitionContext> = {}): TransitionContext {
  return {
    actor,
    now: NOW,
    electorate: 100,
    reason: '理由写在这里',
    mergeTarget: { _id: 'm-2', state: 'deliberating', category: 'general' },
    ...over,
  };
}

/** The actor each step belongs to, by the spec (not read from the table under test). */
const RIGHT_ACTOR: Record<TransitionName, Actor> = {
  accept: committee,
  decline: committee,
  merge: committee,
  withdraw: author,
  returnToRaised: committee,
  openVote: committee,
  decideByCommittee: committee,
  votePassed: 'system',
  voteRejected: 'system',
  voteNoQuorum: 'system',
  reopen: committee,
  startWork: committee,
  complete: committee,
  closeEvaluation: 'system',
};

/** The graph, written out by hand: transition → from-state → to-state. Every other pair is illegal. */
const LEGAL: Record<TransitionName, Partial<Record<MatterState, MatterState>>> = {
  accept: { raised: 'deliberating' },
  decline: { raised: 'declined', deliberating: 'declined' },
  merge: { raised: 'merged', deliberating: 'merged' },
  withdraw: { raised: 'withdrawn', deliberating: 'withdrawn' },
  returnToRaised: { deliberating: 'raised' },
  openVote: { deliberating: 'voting' },
  decideByCommittee: { deliberating: 'implementing' },
  votePassed: { voting: 'passed' },
  voteRejected: { voting: 'rejected' },
  voteNoQuorum: { voting: 'noQuorum' },
  reopen: { noQuorum: 'deliberating' },
  startWork: { passed: 'implementing' },
  complete: { implementing: 'evaluating' },
  closeEvaluation: { evaluating: 'closed' },
};

const EVENTS: Record<TransitionName, string> = {
  accept: 'MatterAccepted',
  decline: 'MatterDeclined',
  merge: 'MatterMerged',
  withdraw: 'MatterWithdrawn',
  returnToRaised: 'MatterReturnedToRaised',
  openVote: 'MatterPutToVote',
  decideByCommittee: 'MatterDecidedByCommittee',
  votePassed: 'MatterPassed',
  voteRejected: 'MatterRejected',
  voteNoQuorum: 'MatterMissedQuorum',
  reopen: 'MatterReopened',
  startWork: 'WorkStarted',
  complete: 'MatterCompleted',
  closeEvaluation: 'MatterClosed',
};

describe('the table covers the spec', () => {
  test('same transitions as the spec, no more, no fewer', () => {
    expect([...TRANSITION_NAMES].sort()).toEqual(Object.keys(LEGAL).sort());
  });

  test.each(MATTER_STATES.map((s) => [s.id, s.terminal] as const))(
    '%s: terminal (%s) exactly when no step leads out',
    (state, terminal) => {
      expect(transitionsFrom(state).length === 0).toBe(terminal);
    },
  );
});

const PAIRS = MATTER_STATE_IDS.flatMap((state) => TRANSITION_NAMES.map((name) => [state, name] as const));

describe('every state × transition pair', () => {
  test(`${PAIRS.length} pairs`, () => {
    expect(PAIRS).toHaveLength(12 * 14);
  });

  test.each(PAIRS)('%s · %s', (state, name) => {
    const result = transition(matter({ state }), name, ctx(RIGHT_ACTOR[name]));
    const to = LEGAL[name][state];
    if (to === undefined) {
      expect(result).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.from).toBe(state);
    expect(result.to).toBe(to);
    expect(result.patch.state).toBe(to);
    expect(result.patch.updatedAt).toBe(NOW);
    expect(result.event).toMatchObject({
      type: EVENTS[name],
      matterId: 'm-1',
      transition: name,
      from: state,
      to,
      at: NOW,
    });
  });

  test('an unknown step name from outside the types is INVALID_TRANSITION, not a crash', () => {
    const result = transition(matter(), 'fly' as TransitionName, ctx(committee));
    expect(result).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
  });

  test('a wrong state wins over a wrong person: nobody may accept a closed matter', () => {
    expect(transition(matter({ state: 'closed' }), 'accept', ctx(villager))).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });
});

describe('who may take each step', () => {
  const ACTORS: Array<[string, Actor]> = [
    ['villager', villager],
    ['author', author],
    ['committee', committee],
    ['committee member who is the author', person(['villager', 'committee'], AUTHOR)],
    ['party member', person(['villager', 'partyMember'])],
    ['grid leader', person(['villager', 'gridLeader'])],
    ['delegate', person(['villager', 'villagerDelegate'])],
    ['township staff', person(['townshipStaff'], null)],
    ['account without a person, author id absent', person(['villager'], null)],
    ['system', 'system'],
  ];
  // By the spec: who may take each step (labels from ACTORS).
  const ALLOWED: Record<TransitionName, readonly string[]> = {
    accept: ['committee', 'committee member who is the author'],
    decline: ['committee', 'committee member who is the author'],
    merge: ['committee', 'committee member who is the author'],
    withdraw: ['author', 'committee member who is the author'],
    returnToRaised: ['committee', 'committee member who is the author'],
    openVote: ['committee', 'committee member who is the author'],
    decideByCommittee: ['committee', 'committee member who is the author'],
    votePassed: ['system'],
    voteRejected: ['system'],
    voteNoQuorum: ['system'],
    reopen: ['committee', 'committee member who is the author'],
    startWork: ['committee', 'committee member who is the author'],
    complete: ['committee', 'committee member who is the author'],
    closeEvaluation: ['system'],
  };
  const cases = TRANSITION_NAMES.flatMap((name) =>
    ACTORS.map(([label, actor]) => [name, label, actor, ALLOWED[name].includes(label)] as const),
  );

  test.each(cases)('%s by %s → allowed %s', (name, _label, actor, allowed) => {
    const from = Object.keys(LEGAL[name])[0] as MatterState;
    const result = transition(matter({ state: from }), name, ctx(actor));
    if (allowed) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('guards', () => {
  type Case = [string, MatterState, TransitionName, Partial<MatterFacts>, Partial<TransitionContext>, ErrorCode | 'ok'];
  const reserved: MatterCategory = 'homestead';
  const cases: Case[] = [
    // reasons
    ['decline without a reason', 'raised', 'decline', {}, { reason: undefined }, 'REASON_REQUIRED'],
    ['decline with a blank reason', 'raised', 'decline', {}, { reason: '  \n ' }, 'REASON_REQUIRED'],
    ['merge without a reason', 'raised', 'merge', {}, { reason: '' }, 'REASON_REQUIRED'],
    ['returnToRaised without a reason', 'deliberating', 'returnToRaised', {}, { reason: undefined }, 'REASON_REQUIRED'],
    ['reopen without a reason', 'noQuorum', 'reopen', {}, { reason: undefined }, 'REASON_REQUIRED'],
    ['decide alone without a reason', 'deliberating', 'decideByCommittee', {}, { reason: ' ' }, 'REASON_REQUIRED'],
    ['accept needs no reason', 'raised', 'accept', {}, { reason: undefined }, 'ok'],
    ['withdraw needs no reason', 'raised', 'withdraw', {}, { reason: undefined }, 'ok'],
    // merge target
    ['merge with no target', 'raised', 'merge', {}, { mergeTarget: undefined }, 'INVALID_MERGE_TARGET'],
    [
      'merge into itself',
      'raised',
      'merge',
      {},
      { mergeTarget: { _id: 'm-1', state: 'raised', category: 'general' } },
      'INVALID_MERGE_TARGET',
    ],
    [
      'merge into a closed matter',
      'raised',
      'merge',
      {},
      { mergeTarget: { _id: 'm-2', state: 'closed', category: 'general' } },
      'INVALID_MERGE_TARGET',
    ],
    [
      'merge into a matter being voted on',
      'raised',
      'merge',
      {},
      { mergeTarget: { _id: 'm-2', state: 'voting', category: 'general' } },
      'INVALID_MERGE_TARGET',
    ],
    [
      'merge into a raised matter',
      'deliberating',
      'merge',
      {},
      { mergeTarget: { _id: 'm-2', state: 'raised', category: 'general' } },
      'ok',
    ],
    [
      'merge a reserved matter into a general one',
      'raised',
      'merge',
      { category: reserved },
      { mergeTarget: { _id: 'm-2', state: 'deliberating', category: 'general' } },
      'INVALID_MERGE_TARGET',
    ],
    [
      'merge a reserved matter into a reserved one',
      'raised',
      'merge',
      { category: reserved },
      { mergeTarget: { _id: 'm-2', state: 'deliberating', category: 'landContract' } },
      'ok',
    ],
    [
      'merge a general matter into a reserved one',
      'raised',
      'merge',
      {},
      { mergeTarget: { _id: 'm-2', state: 'deliberating', category: reserved } },
      'ok',
    ],
    // reserved for the assembly: the committee cannot decide alone, yes or no
    [
      'decline a reserved matter at screening',
      'raised',
      'decline',
      { category: reserved },
      {},
      'RESERVED_FOR_ASSEMBLY',
    ],
    [
      'decline a reserved matter after talk',
      'deliberating',
      'decline',
      { category: reserved },
      {},
      'RESERVED_FOR_ASSEMBLY',
    ],
    [
      'decide a reserved matter alone',
      'deliberating',
      'decideByCommittee',
      { category: reserved },
      {},
      'RESERVED_FOR_ASSEMBLY',
    ],
    [
      'decide the charter alone',
      'deliberating',
      'decideByCommittee',
      { category: 'charter' },
      {},
      'RESERVED_FOR_ASSEMBLY',
    ],
    ['accept a reserved matter', 'raised', 'accept', { category: reserved }, {}, 'ok'],
    ['put a reserved matter to a vote', 'deliberating', 'openVote', { category: reserved }, {}, 'ok'],
    ['start work on a reserved matter that passed', 'passed', 'startWork', { category: reserved }, {}, 'ok'],
    ['the author withdraws a reserved matter', 'deliberating', 'withdraw', { category: reserved }, {}, 'ok'],
    // one tenth co-signed (electorate 100): the assembly must take it up
    ['decline at 10 of 100 co-signers', 'raised', 'decline', { cosignCount: 10 }, {}, 'ASSEMBLY_REQUESTED'],
    ['decline at 9 of 100 co-signers', 'raised', 'decline', { cosignCount: 9 }, {}, 'ok'],
    ['merge at 10 of 100 co-signers', 'deliberating', 'merge', { cosignCount: 10 }, {}, 'ASSEMBLY_REQUESTED'],
    ['withdraw at 10 of 100 co-signers', 'raised', 'withdraw', { cosignCount: 10 }, {}, 'ASSEMBLY_REQUESTED'],
    ['withdraw at 9 of 100 co-signers', 'raised', 'withdraw', { cosignCount: 9 }, {}, 'ok'],
    ['decide alone at 10 of 100', 'deliberating', 'decideByCommittee', { cosignCount: 10 }, {}, 'ASSEMBLY_REQUESTED'],
    ['decide alone at 9 of 100', 'deliberating', 'decideByCommittee', { cosignCount: 9 }, {}, 'ok'],
    [
      'decide alone at 11 of 101',
      'deliberating',
      'decideByCommittee',
      { cosignCount: 11 },
      { electorate: 101 },
      'ASSEMBLY_REQUESTED',
    ],
    ['decide alone at 10 of 101', 'deliberating', 'decideByCommittee', { cosignCount: 10 }, { electorate: 101 }, 'ok'],
    ['put to a vote at 10 of 100 (what they asked for)', 'deliberating', 'openVote', { cosignCount: 10 }, {}, 'ok'],
    ['accept at 10 of 100', 'raised', 'accept', { cosignCount: 10 }, {}, 'ok'],
    ['send back to be reworded at 10 of 100', 'deliberating', 'returnToRaised', { cosignCount: 10 }, {}, 'ok'],
    // meetings and owners
    ['vote without a meeting', 'deliberating', 'openVote', { meetingCount: 0 }, {}, 'MEETING_REQUIRED'],
    [
      'decide alone without a meeting',
      'deliberating',
      'decideByCommittee',
      { meetingCount: 0 },
      {},
      'MEETING_REQUIRED',
    ],
    ['decide alone without an owner', 'deliberating', 'decideByCommittee', { owner: null }, {}, 'OWNER_REQUIRED'],
    ['start work without an owner', 'passed', 'startWork', { owner: null }, {}, 'OWNER_REQUIRED'],
    [
      'start work with a person as owner',
      'passed',
      'startWork',
      { owner: { kind: 'person', personId: 'p-9' } },
      {},
      'ok',
    ],
    // the rating window
    [
      'close while the window is open',
      'evaluating',
      'closeEvaluation',
      { evaluationEndsAt: NOW + 1 },
      {},
      'EVALUATION_OPEN',
    ],
    ['close at the very end of the window', 'evaluating', 'closeEvaluation', { evaluationEndsAt: NOW }, {}, 'ok'],
    [
      'close with no window on record',
      'evaluating',
      'closeEvaluation',
      { evaluationEndsAt: null },
      {},
      'EVALUATION_OPEN',
    ],
    // order: the first failing guard decides the code
    [
      'decline a reserved matter without a reason',
      'raised',
      'decline',
      { category: reserved },
      { reason: '' },
      'REASON_REQUIRED',
    ],
    [
      'decide alone: reserved and requested and no meeting',
      'deliberating',
      'decideByCommittee',
      { category: reserved, cosignCount: 50, meetingCount: 0 },
      {},
      'RESERVED_FOR_ASSEMBLY',
    ],
  ];

  test.each(cases)('%s', (_label, state, name, facts, over, expected) => {
    const result = transition(matter({ state, ...facts }), name, ctx(RIGHT_ACTOR[name], over));
    if (expected === 'ok') expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, code: expected });
  });

  test('every guard appears in at least one case above by its code', () => {
    const codes = new Set(cases.map((c) => c[5]));
    for (const g of Object.values(GUARDS)) expect(codes).toContain(g.code);
  });
});

describe('a reserved matter reaches implementing only through a passed vote', () => {
  const reservedCategories: MatterCategory[] = [
    'allowances',
    'collectiveIncome',
    'publicWelfare',
    'landContract',
    'collectiveProjects',
    'homestead',
    'requisitionCompensation',
    'collectiveProperty',
    'otherAssembly',
    'dismissal',
    'charter',
  ];

  /** Every state reachable from `raised` by steps that succeed, never stepping into `avoid`. */
  function reachable(category: MatterCategory, avoid: MatterState | null): Set<MatterState> {
    const seen = new Set<MatterState>(['raised']);
    const queue: MatterState[] = ['raised'];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const name of TRANSITION_NAMES) {
        // The friendliest context there is: only the category can stand in the way.
        const r = transition(matter({ state: s, category }), name, ctx(RIGHT_ACTOR[name]));
        if (!r.ok || r.to === avoid || seen.has(r.to)) continue;
        seen.add(r.to);
        queue.push(r.to);
      }
    }
    return seen;
  }

  test.each(reservedCategories)('%s: without `passed`, implementing, evaluating and closed are out of reach', (c) => {
    const states = reachable(c, 'passed');
    expect(states).not.toContain('implementing');
    expect(states).not.toContain('evaluating');
    expect(states).not.toContain('closed');
    expect(states).not.toContain('declined');
    expect(reachable(c, null)).toContain('closed');
  });

  test('a general matter can get there by the committee deciding alone', () => {
    expect(reachable('general', 'passed')).toContain('closed');
  });
});

describe('what a step writes', () => {
  test('a side exit keeps the stage it stopped in and the trimmed reason', () => {
    const r = transitionOrThrow(
      matter({ state: 'deliberating' }),
      'decline',
      ctx(committee, { reason: '  不是村里的事  ' }),
    );
    expect(r.patch).toEqual({
      state: 'declined',
      updatedAt: NOW,
      stoppedAt: 'deliberate',
      closingReason: '不是村里的事',
    });
    expect(r.event).toMatchObject({ actor: 'person', personId: 'p-cadre', reason: '不是村里的事', mergedInto: null });
  });

  test('withdrawing while raised stops at the first stage; no reason is null', () => {
    const r = transitionOrThrow(matter(), 'withdraw', ctx(author, { reason: undefined }));
    expect(r.patch).toMatchObject({ state: 'withdrawn', stoppedAt: 'raise', closingReason: null });
    expect(r.event).toMatchObject({ personId: AUTHOR, reason: null });
  });

  test('merging records where it went', () => {
    const r = transitionOrThrow(matter(), 'merge', ctx(committee));
    expect(r.patch).toMatchObject({ state: 'merged', mergedInto: 'm-2', stoppedAt: 'raise' });
    expect(r.event.mergedInto).toBe('m-2');
  });

  test('sending back restarts the screening period, by the village setting', () => {
    const m = matter({ state: 'deliberating' });
    expect(transitionOrThrow(m, 'returnToRaised', ctx(committee)).patch.screeningDueAt).toBe(screeningDue(NOW, 7));
    const three = transitionOrThrow(m, 'returnToRaised', ctx(committee, { settings: { screeningDays: 3 } }));
    expect(three.patch.screeningDueAt).toBe(screeningDue(NOW, 3));
  });

  test('completing opens the rating window, by the village setting', () => {
    const m = matter({ state: 'implementing' });
    expect(transitionOrThrow(m, 'complete', ctx(committee)).patch).toEqual({
      state: 'evaluating',
      updatedAt: NOW,
      completedAt: NOW,
      evaluationEndsAt: evaluationEndsAt(NOW, 14),
    });
    const seven = transitionOrThrow(m, 'complete', ctx(committee, { settings: { evaluationDays: 7 } }));
    expect(seven.patch.evaluationEndsAt).toBe(evaluationEndsAt(NOW, 7));
  });

  test('how it was decided is kept: by vote or by the committee', () => {
    expect(transitionOrThrow(matter({ state: 'voting' }), 'votePassed', ctx('system')).patch.decidedBy).toBe('vote');
    expect(
      transitionOrThrow(matter({ state: 'deliberating' }), 'decideByCommittee', ctx(committee)).patch.decidedBy,
    ).toBe('committee');
  });

  test('system steps are recorded as the system', () => {
    const r = transitionOrThrow(matter({ state: 'voting' }), 'voteNoQuorum', ctx('system', { reason: undefined }));
    expect(r.event).toMatchObject({ type: 'MatterMissedQuorum', actor: 'system', personId: null, reason: null });
    expect(r.patch.stoppedAt).toBeUndefined();
  });

  test('transitionOrThrow throws the AppError of the refusal', () => {
    expect(() => transitionOrThrow(matter({ state: 'closed' }), 'accept', ctx(committee))).toThrow(AppError);
    try {
      transitionOrThrow(matter(), 'decline', ctx(committee, { reason: '' }));
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('REASON_REQUIRED');
    }
    expect.assertions(3);
  });

  test('a bad village setting is a programming error, not a silent default', () => {
    expect(() =>
      transition(matter({ state: 'implementing' }), 'complete', ctx(committee, { settings: { evaluationDays: 0 } })),
    ).toThrow(RangeError);
  });
});

describe('availableTransitions: the buttons a page shows', () => {
  const base = { now: NOW, electorate: 100 };
  type Case = [string, MatterFacts, Actor, TransitionName[]];
  const cases: Case[] = [
    ['committee on a raised matter', matter(), committee, ['accept', 'decline', 'merge']],
    ['author on a raised matter', matter(), author, ['withdraw']],
    ['another villager on a raised matter', matter(), villager, []],
    [
      'committee on a deliberated general matter',
      matter({ state: 'deliberating' }),
      committee,
      ['decline', 'merge', 'returnToRaised', 'openVote', 'decideByCommittee'],
    ],
    [
      'committee on a reserved matter being deliberated',
      matter({ state: 'deliberating', category: 'homestead' }),
      committee,
      ['merge', 'returnToRaised', 'openVote'],
    ],
    [
      'committee once one tenth co-signed',
      matter({ state: 'deliberating', cosignCount: 10 }),
      committee,
      ['returnToRaised', 'openVote'],
    ],
    ['author once one tenth co-signed', matter({ state: 'deliberating', cosignCount: 10 }), author, []],
    [
      'committee before any meeting, no owner',
      matter({ state: 'deliberating', meetingCount: 0, owner: null }),
      committee,
      ['decline', 'merge', 'returnToRaised'],
    ],
    ['committee while voting', matter({ state: 'voting' }), committee, []],
    ['system while voting', matter({ state: 'voting' }), 'system', ['votePassed', 'voteRejected', 'voteNoQuorum']],
    ['committee after no quorum', matter({ state: 'noQuorum' }), committee, ['reopen']],
    ['committee on a passed matter without owner', matter({ state: 'passed', owner: null }), committee, []],
    ['system during the rating window', matter({ state: 'evaluating', evaluationEndsAt: NOW + 1 }), 'system', []],
    ['system after the rating window', matter({ state: 'evaluating' }), 'system', ['closeEvaluation']],
    ['anyone on a closed matter', matter({ state: 'closed' }), committee, []],
  ];

  test.each(cases)('%s', (_label, m, actor, expected) => {
    expect(availableTransitions(m, { ...base, actor })).toEqual(expected);
  });
});

describe('the progress strip', () => {
  const CODES: Record<string, StripStatus> = { d: 'done', c: 'current', u: 'upcoming', s: 'stopped', n: 'never' };
  const S = (statuses: string): StripStatus[] => statuses.split(' ').map((c) => CODES[c]);
  type Case = [MatterState, Parameters<typeof stageStrip>[1], StripStatus[]];
  const cases: Case[] = [
    ['raised', null, S('c u u u u')],
    ['deliberating', null, S('d c u u u')],
    ['voting', null, S('d d c u u')],
    ['passed', null, S('d d c u u')],
    ['noQuorum', null, S('d d c u u')],
    ['rejected', null, S('d d s n n')],
    ['implementing', null, S('d d d c u')],
    ['evaluating', null, S('d d d d c')],
    ['closed', null, S('d d d d d')],
    ['declined', 'raise', S('s n n n n')],
    ['declined', 'deliberate', S('d s n n n')],
    ['merged', null, S('s n n n n')],
    ['withdrawn', 'deliberate', S('d s n n n')],
    // stoppedAt only matters for states without a stage of their own
    ['voting', 'raise', S('d d c u u')],
  ];

  test.each(cases)('%s (stopped at %s)', (state, stoppedAt, expected) => {
    const strip = stageStrip(state, stoppedAt);
    expect(strip.map((s) => s.status)).toEqual(expected);
    expect(strip.map((s) => s.short)).toEqual(['民提', '民议', '民决', '民办', '民评']);
  });
});

test('every transition is in the table with a from-list, a target, a trigger and an event', () => {
  for (const name of TRANSITION_NAMES) {
    const t = TRANSITIONS[name];
    expect(t.from.length).toBeGreaterThan(0);
    expect(MATTER_STATE_IDS).toContain(t.to);
    expect(t.who.length).toBeGreaterThan(0);
    expect(t.event).toBe(EVENTS[name]);
  }
});
