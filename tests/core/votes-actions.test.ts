import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { COMMON_ERRORS } from '../../core/action';
import { ERROR_CODES, ERROR_MESSAGES } from '../../core/errors';
import { MotionOptionSchema, open, Receipt, TallySchema, votesActions, OptionId } from '../../core/votes/actions';
import { deriveReceipt } from '../../core/votes/ids';
import { buildMotionShape } from '../../core/votes/kinds';
import { handCountTally, tally } from '../../core/votes/tally';

const entries = Object.entries(votesActions);

describe('the votes manifest', () => {
  test('ten actions, each named votes.<its key>', () => {
    expect(entries.map(([key, def]) => [key, def.name])).toEqual(
      [
        'open',
        'get',
        'list',
        'cast',
        'castAssisted',
        'recordHandCount',
        'close',
        'result',
        'myReceipt',
        'checkReceipt',
      ].map((k) => [k, `votes.${k}`]),
    );
  });

  test.each(entries)('%s: its errors are real codes with Chinese messages, not the common ones', (_key, def) => {
    for (const code of def.errors) {
      expect(ERROR_CODES).toContain(code);
      expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fa5]/);
      expect(COMMON_ERRORS).not.toContain(code);
    }
    expect(def.summary).toMatch(/[\u4e00-\u9fa5]/);
  });

  // [action, who]
  const audiences: Array<[string, unknown]> = [
    ['open', ['committee']],
    ['get', 'member'],
    ['list', 'member'],
    ['cast', 'member'],
    ['castAssisted', ['committee']],
    ['recordHandCount', ['committee']],
    ['close', ['committee']],
    ['result', 'member'],
    ['myReceipt', 'member'],
    ['checkReceipt', 'member'],
  ];
  test.each(audiences)('%s is for %j', (key, who) => {
    expect(votesActions[key as keyof typeof votesActions].who).toEqual(who);
  });

  test('casting can fail the four ways the design names', () => {
    for (const def of [votesActions.cast, votesActions.castAssisted]) {
      expect(def.errors).toEqual(
        expect.arrayContaining(['NOT_ELIGIBLE', 'ALREADY_VOTED', 'VOTING_NOT_OPEN', 'VOTING_CLOSED']),
      );
    }
  });

  test.each(entries)('%s: schemas render to JSON Schema for docs/API.md', (_key, def) => {
    expect(() => z.toJSONSchema(def.input, { unrepresentable: 'any' })).not.toThrow();
    expect(() => z.toJSONSchema(def.output, { unrepresentable: 'any' })).not.toThrow();
  });

  test.each(entries)('%s: unknown keys are refused', (_key, def) => {
    expect(def.input.safeParse({ motionId: 'm1', villageId: 'v-other' }).success).toBe(false);
  });
});

const T = Date.UTC(2026, 3, 1);
const openBase = {
  question: '是否同意修东头的路？',
  kind: 'yesNo',
  body: 'adults',
  category: 'publicWelfare',
  opensAt: T,
  closesAt: T + 86_400_000,
  mode: 'secret',
};

describe('votes.open input', () => {
  const cases: Array<[string, Record<string, unknown>, boolean, string[]]> = [
    ['a yes/no motion', {}, true, []],
    ['single choice with options', { kind: 'single', options: ['修路', '修桥'] }, true, []],
    [
      'multiple choice with limits',
      { kind: 'multiple', options: ['甲', '乙', '丙'], minChoices: 1, maxChoices: 2 },
      true,
      [],
    ],
    ['urgent with a reason', { urgent: true, urgentReason: '暴雨冲垮了桥' }, true, []],
    ['tied to a matter: only through matters.moveToVote', { matterId: 'matter-1' }, false, ['']],
    ['yes/no with written options', { options: ['好'] }, false, ['options']],
    ['single with one option', { kind: 'single', options: ['修路'] }, false, ['options']],
    ['single with a repeated option', { kind: 'single', options: ['修路', '修路'] }, false, ['options.1']],
    [
      'multiple with min above max',
      { kind: 'multiple', options: ['甲', '乙'], minChoices: 2, maxChoices: 1 },
      false,
      ['minChoices'],
    ],
    ['urgent without a reason', { urgent: true }, false, ['urgentReason']],
    ['urgent with a blank reason', { urgent: true, urgentReason: '   ' }, false, ['urgentReason']],
    ['closing before opening', { closesAt: T }, false, ['closesAt']],
    ['an unknown body', { body: 'everyone' }, false, ['body']],
    ['an unknown category', { category: 'misc' }, false, ['category']],
    ['a question of one character', { question: '修' }, false, ['question']],
    ['no category', { category: undefined }, false, ['category']],
  ];
  test.each(cases)('%s', (_label, change, ok, paths) => {
    const parsed = open.input.safeParse({ ...openBase, ...change });
    expect(parsed.success).toBe(ok);
    if (!parsed.success) {
      expect(parsed.error.issues.map((i) => i.path.join('.'))).toEqual(paths);
      for (const issue of parsed.error.issues.filter((i) => i.code === 'custom')) {
        expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });
});

describe('votes.cast input', () => {
  test.each([
    [{ motionId: 'm1', choices: ['yes'] }, true],
    [{ motionId: 'm1', choices: ['o1', 'o2'] }, true],
    [{ motionId: 'm1', choices: [] }, false],
    [{ motionId: 'm1', choices: ['YES'] }, false],
    [{ motionId: 'm1', choices: ['yes'], electorId: 'p1' }, false],
    [{ motionId: 'm 1', choices: ['yes'] }, false],
  ])('%j → %s', (input, ok) => {
    expect(votesActions.cast.input.safeParse(input).success).toBe(ok);
  });
});

describe('outputs agree with the core', () => {
  const motion = { ...buildMotionShape({ kind: 'single', optionLabels: ['甲', '乙'] }), body: 'households' as const };

  test('a tally parses as TallySchema', () => {
    const t = tally(motion, 3, [{ choices: ['o1'] }, { choices: ['o1'] }]);
    const typed: z.infer<typeof TallySchema> = t; // the core type fits the contract
    expect(TallySchema.parse(typed)).toEqual(t);
    expect(TallySchema.parse(handCountTally(motion, 30, 20, { o1: 15, o2: 5 })).result).toBe('passed');
  });

  test('built options parse as MotionOptionSchema', () => {
    for (const o of motion.options) expect(MotionOptionSchema.parse(o)).toEqual(o);
  });

  test('a derived receipt parses as Receipt', () => {
    const mac = (s: string) => createHmac('sha256', 'k').update(s).digest('hex');
    expect(Receipt.safeParse(deriveReceipt('m1', 'h1', mac)).success).toBe(true);
  });

  test('option ids from every kind fit OptionId', () => {
    const ids = [
      ...buildMotionShape({ kind: 'yesNo' }).options.map((o) => o.id),
      ...buildMotionShape({ kind: 'multiple', optionLabels: Array.from({ length: 20 }, (_, i) => `${i}`) }).options.map(
        (o) => o.id,
      ),
    ];
    expect(ids).toHaveLength(24);
    for (const id of ids) expect(OptionId.safeParse(id).success).toBe(true);
  });
});
