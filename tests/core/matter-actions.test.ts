import { z } from 'zod';
import type { ActionDef } from '../../core/action';
import { ERROR_MESSAGES, isErrorCode } from '../../core/errors';
import { ACTION_TRANSITIONS, matterActions } from '../../core/matter/actions';
import { GUARDS, TRANSITION_NAMES, TRANSITIONS, type TransitionName } from '../../core/matter/lifecycle';
import { TIMELINE_KINDS } from '../../core/matter/schemas';

const defs = Object.entries(matterActions) as Array<[string, ActionDef]>;

describe('the manifest', () => {
  test.each(defs)('%s: named matters.<key>, with a summary', (key, def) => {
    expect(def.name).toBe(`matters.${key}`);
    expect(def.summary.length).toBeGreaterThan(4);
  });

  test.each(defs)('%s: every error code exists and has a Chinese message', (_key, def) => {
    for (const code of def.errors) {
      expect(isErrorCode(code)).toBe(true);
      expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test.each(defs)('%s: input and output render as JSON Schema for docs/API.md', (_key, def) => {
    expect(() => z.toJSONSchema(def.input, { unrepresentable: 'any' })).not.toThrow();
    expect(() => z.toJSONSchema(def.output, { unrepresentable: 'any' })).not.toThrow();
  });

  /** One valid payload per action: each must parse, and must stop parsing with any key added. */
  const T = 1_700_000_000_000;
  const VALID: Record<keyof typeof matterActions, Record<string, unknown>> = {
    raise: { title: '修村口路灯', category: 'general' },
    saveDraft: {},
    drafts: {},
    list: {},
    groups: {},
    get: { matterId: 'm-1' },
    cosign: { matterId: 'm-1' },
    withdraw: { matterId: 'm-1' },
    screen: { matterId: 'm-1', decision: 'accept' },
    comment: { matterId: 'm-1', stance: 'for', text: '赞成' },
    comments: { matterId: 'm-1' },
    reportComment: { commentId: 'c-1' },
    hideComment: { commentId: 'c-1', reason: '骂人' },
    recordMeeting: { matterId: 'm-1', heldAt: T, place: '村委会', attendees: 12, minutes: '记录', outcome: '交表决' },
    meetings: { matterId: 'm-1' },
    returnToRaised: { matterId: 'm-1', reason: '写清楚些' },
    moveToVote: { matterId: 'm-1', body: 'adults', mode: 'secret', opensAt: T, closesAt: T + 86_400_000 },
    decide: { matterId: 'm-1', reason: '协商会一致同意' },
    reopen: { matterId: 'm-1', reason: '再开一次会' },
    assignOwner: { matterId: 'm-1', owner: { kind: 'team', teamId: 't-1' } },
    teams: {},
    startWork: { matterId: 'm-1' },
    addMilestone: { matterId: 'm-1', title: '买材料' },
    postProgress: { matterId: 'm-1', text: '开工了', percent: 10, happenedAt: T },
    progress: { matterId: 'm-1' },
    complete: { matterId: 'm-1', summary: '路灯装好了' },
    rate: { matterId: 'm-1', stars: 4 },
    timeline: { matterId: 'm-1' },
  };

  test.each(defs)(
    '%s: a valid payload parses, and no unknown key gets in (no smuggled author, village or role)',
    (key, def) => {
      const valid = VALID[key as keyof typeof matterActions];
      expect(def.input.safeParse(valid).success).toBe(true);
      for (const extra of ['authorId', 'personId', 'roles', 'accountId', 'state']) {
        expect(def.input.safeParse({ ...valid, [extra]: 'x' }).success).toBe(false);
      }
    },
  );

  test('what the brief asked for is all there', () => {
    const names = defs.map(([, d]) => d.name);
    for (const n of [
      'raise',
      'saveDraft',
      'list',
      'get',
      'cosign',
      'screen',
      'withdraw',
      'comment',
      'reportComment',
      'hideComment',
      'recordMeeting',
      'moveToVote',
      'returnToRaised',
      'assignOwner',
      'postProgress',
      'addMilestone',
      'complete',
      'rate',
      'timeline',
    ]) {
      expect(names).toContain(`matters.${n}`);
    }
  });
});

describe('the manifest and the state machine agree', () => {
  const byName = new Map<string, ActionDef>(defs.map(([, d]) => [d.name, d]));
  const rows = Object.entries(ACTION_TRANSITIONS) as Array<[string, readonly TransitionName[]]>;

  test.each(rows)('%s: its audience is exactly who may take its steps', (name, steps) => {
    const def = byName.get(name);
    if (!def) throw new Error(`no action ${name}`);
    const who = def.who;
    if (!Array.isArray(who)) throw new Error(`${name} should name roles`);
    const needed = new Set(steps.flatMap((s) => TRANSITIONS[s].who.map((t) => (t === 'author' ? 'villager' : t))));
    expect(needed.has('system')).toBe(false);
    expect(new Set(who)).toEqual(needed);
  });

  test.each(rows)('%s: lists every code its steps can refuse with, and emits their events', (name, steps) => {
    const def = byName.get(name);
    if (!def) throw new Error(`no action ${name}`);
    expect(def.errors).toContain('INVALID_TRANSITION');
    for (const s of steps) {
      for (const g of TRANSITIONS[s].guards) expect(def.errors).toContain(GUARDS[g].code);
      expect(def.emits).toContain(TRANSITIONS[s].event);
    }
  });

  test('every step is taken by an action or by the system, never both, never neither', () => {
    const byActions = new Set(Object.values(ACTION_TRANSITIONS).flat() as TransitionName[]);
    for (const name of TRANSITION_NAMES) {
      const bySystem = (TRANSITIONS[name].who as readonly string[]).includes('system');
      expect([name, byActions.has(name) !== bySystem]).toEqual([name, true]);
    }
  });

  test('the timeline can show every step', () => {
    for (const name of TRANSITION_NAMES) expect(TIMELINE_KINDS).toContain(TRANSITIONS[name].event);
  });
});

describe('inputs', () => {
  const {
    raise,
    saveDraft,
    list,
    screen,
    comment,
    hideComment,
    rate,
    postProgress,
    recordMeeting,
    assignOwner,
    withdraw,
  } = matterActions;
  const ok = (def: ActionDef, input: unknown) => def.input.safeParse(input).success;
  const base = { title: '修村口路灯', category: 'general' };

  type Case = [string, ActionDef, unknown, boolean];
  const cases: Case[] = [
    ['raise: the least there is', raise, base, true],
    ['raise: 3-character title', raise, { ...base, title: '修路灯' }, false],
    ['raise: 4-character title', raise, { ...base, title: '修路灯了' }, true],
    ['raise: 60 characters', raise, { ...base, title: '路'.repeat(60) }, true],
    ['raise: 61 characters', raise, { ...base, title: '路'.repeat(61) }, false],
    ['raise: spaces do not count toward the 4', raise, { ...base, title: '  修路  ' }, false],
    ['raise: description of 2000', raise, { ...base, description: '字'.repeat(2000) }, true],
    ['raise: description of 2001', raise, { ...base, description: '字'.repeat(2001) }, false],
    ['raise: 6 photos', raise, { ...base, photos: Array(6).fill('cloud://env-1.abc/p.jpg') }, true],
    ['raise: 7 photos', raise, { ...base, photos: Array(7).fill('f_0123') }, false],
    ['raise: a photo id with a space', raise, { ...base, photos: ['a b'] }, false],
    ['raise: a group', raise, { ...base, groupId: 'g-1' }, true],
    ['raise: an unknown category', raise, { ...base, category: 'weather' }, false],
    ['raise: no category', raise, { title: base.title }, false],
    ['saveDraft: nothing yet', saveDraft, {}, true],
    ['saveDraft: a short title is fine for a draft', saveDraft, { title: '路' }, true],
    ['saveDraft: 61 characters is not', saveDraft, { title: '路'.repeat(61) }, false],
    ['list: no filters', list, {}, true],
    ['list: by stage, group, mine', list, { stage: 'decide', groupId: 'g-1', mine: true, limit: 50 }, true],
    ['list: 51 at once', list, { limit: 51 }, false],
    ['list: zero at once', list, { limit: 0 }, false],
    ['list: a state is not a stage', list, { stage: 'voting' }, false],
    ['screen: accept', screen, { matterId: 'm-1', decision: 'accept' }, true],
    ['screen: accept with a note', screen, { matterId: 'm-1', decision: 'accept', note: '下周开会' }, true],
    ['screen: decline with a reason', screen, { matterId: 'm-1', decision: 'decline', reason: '不归村里管' }, true],
    ['screen: decline without a reason', screen, { matterId: 'm-1', decision: 'decline' }, false],
    ['screen: decline with a blank reason', screen, { matterId: 'm-1', decision: 'decline', reason: '   ' }, false],
    ['screen: merge without a target', screen, { matterId: 'm-1', decision: 'merge', reason: '重复' }, false],
    [
      'screen: merge with a target',
      screen,
      { matterId: 'm-1', decision: 'merge', reason: '重复', targetMatterId: 'm-2' },
      true,
    ],
    [
      'screen: accept does not take a target',
      screen,
      { matterId: 'm-1', decision: 'accept', targetMatterId: 'm-2' },
      false,
    ],
    ['screen: an unknown decision', screen, { matterId: 'm-1', decision: 'ignore' }, false],
    ['withdraw: no reason needed', withdraw, { matterId: 'm-1' }, true],
    ['comment: 500 characters', comment, { matterId: 'm-1', stance: 'for', text: '好'.repeat(500) }, true],
    ['comment: 501 characters', comment, { matterId: 'm-1', stance: 'for', text: '好'.repeat(501) }, false],
    ['comment: empty', comment, { matterId: 'm-1', stance: 'neutral', text: '  ' }, false],
    ['comment: an unknown stance', comment, { matterId: 'm-1', stance: 'maybe', text: '好' }, false],
    ['comment: a reply', comment, { matterId: 'm-1', stance: 'against', text: '不同意', parentId: 'c-1' }, true],
    ['hideComment: reason required', hideComment, { commentId: 'c-1' }, false],
    ['hideComment: with a reason', hideComment, { commentId: 'c-1', reason: '骂人' }, true],
    ['rate: 1 star', rate, { matterId: 'm-1', stars: 1 }, true],
    ['rate: 5 stars and a word', rate, { matterId: 'm-1', stars: 5, comment: '好'.repeat(200) }, true],
    ['rate: 0 stars', rate, { matterId: 'm-1', stars: 0 }, false],
    ['rate: 6 stars', rate, { matterId: 'm-1', stars: 6 }, false],
    ['rate: 4.5 stars', rate, { matterId: 'm-1', stars: 4.5 }, false],
    ['rate: a 201-character comment', rate, { matterId: 'm-1', stars: 3, comment: '好'.repeat(201) }, false],
    [
      'postProgress: 0 percent',
      postProgress,
      { matterId: 'm-1', text: '开工了', percent: 0, happenedAt: 1_700_000_000_000 },
      true,
    ],
    [
      'postProgress: 100 percent with photos',
      postProgress,
      { matterId: 'm-1', text: '完工', percent: 100, happenedAt: 1_700_000_000_000, photos: ['f_1'] },
      true,
    ],
    ['postProgress: 101 percent', postProgress, { matterId: 'm-1', text: '完工', percent: 101, happenedAt: 0 }, false],
    ['postProgress: −1 percent', postProgress, { matterId: 'm-1', text: '完工', percent: -1, happenedAt: 0 }, false],
    [
      'recordMeeting: complete',
      recordMeeting,
      { matterId: 'm-1', heldAt: 1_700_000_000_000, place: '村委会', attendees: 23, minutes: '……', outcome: '交表决' },
      true,
    ],
    [
      'recordMeeting: nobody there',
      recordMeeting,
      { matterId: 'm-1', heldAt: 1_700_000_000_000, place: '村委会', attendees: 0, minutes: '……', outcome: '交表决' },
      false,
    ],
    ['assignOwner: a team', assignOwner, { matterId: 'm-1', owner: { kind: 'team', teamId: 't-1' } }, true],
    ['assignOwner: a person', assignOwner, { matterId: 'm-1', owner: { kind: 'person', personId: 'p-1' } }, true],
    [
      'assignOwner: a team given as a person',
      assignOwner,
      { matterId: 'm-1', owner: { kind: 'team', personId: 'p-1' } },
      false,
    ],
  ];

  test.each(cases)('%s → %s', (_label, def, input, expected) => {
    expect(ok(def, input)).toBe(expected);
  });

  test('defaults fill in what an elder may leave out', () => {
    expect(raise.input.parse(base)).toEqual({ ...base, description: '', photos: [] });
    expect(list.input.parse({})).toEqual({ limit: 20 });
  });

  test('text is trimmed before it is stored', () => {
    expect(raise.input.parse({ ...base, title: '  修村口路灯  ' }).title).toBe('修村口路灯');
  });
});
