import fc from 'fast-check';
import { mayCloseOut, mayEscalate, needDeadline, needState, nextLevel } from '../../core/visits/needs';
import { periodOf, periodOfKey, type Period } from '../../core/visits/periods';
import {
  cadenceOf,
  DEFAULT_VISIT_SETTINGS,
  rangeVerdict,
  rangeWarning,
  visitSettings,
} from '../../core/visits/settings';
import {
  bucketFields,
  bucketsOf,
  coverage,
  remindAt,
  tallyBuckets,
  tallyTasks,
  taskOrder,
  taskState,
  taskStatus,
} from '../../core/visits/status';

/** Cadence, the one definition of due and overdue, counters that agree with lists, and the need chain. */

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const DAY = 86_400_000;

describe('cadence: monthly by default, weekly for the tagged households, per village', () => {
  test.each([
    [[], 'month'],
    [['困难户'], 'month'],
    [['独居'], 'week'],
    [['留守老人'], 'week'],
    [['困难户', '独居', '留守老人'], 'week'],
  ] as const)('%j → %s', (tags, cadence) => {
    expect(cadenceOf(tags, DEFAULT_VISIT_SETTINGS)).toBe(cadence);
  });

  test('a village may make 困难户 weekly, or everyone weekly', () => {
    const s = visitSettings({ tagCadence: { 困难户: 'week' } });
    expect(cadenceOf(['困难户'], s)).toBe('week');
    expect(cadenceOf(['独居'], s)).toBe('month');
    expect(cadenceOf([], visitSettings({ defaultCadence: 'week' }))).toBe('week');
    // A tag cannot make visits rarer than the village's default.
    expect(cadenceOf(['独居'], visitSettings({ defaultCadence: 'week', tagCadence: { 独居: 'month' } }))).toBe('week');
  });

  test('settings out of bounds are refused', () => {
    expect(() => visitSettings({ minPerMember: 10, maxPerMember: 5 })).toThrow(RangeError);
    expect(() => visitSettings({ minPerMember: 0 })).toThrow(RangeError);
    expect(() => visitSettings({ remindDays: { week: 7 } })).toThrow(RangeError);
    expect(() => visitSettings({ needDays: { urgent: { county: 0 } } })).toThrow(RangeError);
    expect(visitSettings({ needDays: { urgent: { county: 20 } } }).needDays).toEqual({
      normal: { village: 7, township: 15, county: 30 },
      urgent: { village: 2, township: 5, county: 20 },
    });
  });

  test('the range is a warning, not a block', () => {
    const s = DEFAULT_VISIT_SETTINGS;
    expect([4, 5, 10, 11].map((n) => rangeVerdict(n, s))).toEqual(['below', 'within', 'within', 'above']);
    expect(rangeWarning(7, s)).toBeNull();
    expect(rangeWarning(12, s)).toBe('联系12户，多于村里定的5—10户');
    expect(rangeWarning(3, visitSettings({ minPerMember: 10, maxPerMember: 20 }))).toBe('联系3户，少于村里定的10—20户');
  });
});

describe('due and overdue: one definition', () => {
  const month = periodOf('month', bj('2026-11-23T08:00:00'));

  test.each([
    // [now, doneAt, status, days left, due soon]
    ['2026-11-01T00:00:00', null, 'due', 30, false],
    ['2026-11-27T23:59:59', null, 'due', 4, false],
    ['2026-11-28T00:00:00', null, 'due', 3, true],
    ['2026-11-30T23:59:59.999', null, 'due', 1, true],
    ['2026-12-01T00:00:00', null, 'overdue', 0, false],
    ['2027-03-01T00:00:00', null, 'overdue', 0, false],
    ['2026-12-05T00:00:00', '2026-11-12T10:00:00', 'done', 0, false],
  ] as const)('at %s (done %s) a monthly task is %s', (now, done, status, daysLeft, dueSoon) => {
    const task = { dueAt: month.dueAt, doneAt: done === null ? null : bj(done), remindAt: remindAt(month, 3) };
    expect(taskStatus(task, bj(now))).toBe(status);
    expect(taskState(task, bj(now))).toEqual({ status, daysLeft, dueSoon });
  });

  test('reminders: N calendar days before the end, never before the start', () => {
    const week = periodOf('week', bj('2026-11-23T08:00:00'));
    expect(remindAt(week, 1)).toBe(bj('2026-11-29T00:00:00'));
    expect(remindAt(week, 6)).toBe(bj('2026-11-24T00:00:00'));
    expect(remindAt(week, 9)).toBe(week.startAt);
    expect(remindAt(month, 3)).toBe(bj('2026-11-28T00:00:00'));
  });

  test('the one-hand list order: overdue, then due soonest, then done', () => {
    const now = bj('2026-11-25T00:00:00');
    const t = (due: string, done: string | null) => ({ dueAt: bj(due), doneAt: done ? bj(done) : null });
    const tasks = [
      t('2026-12-01T00:00:00', null),
      t('2026-11-30T00:00:00', '2026-11-24T00:00:00'),
      t('2026-11-23T00:00:00', null),
      t('2026-11-30T00:00:00', null),
    ];
    expect([...tasks].sort((a, b) => taskOrder(a, b, now))).toEqual([tasks[2], tasks[3], tasks[0], tasks[1]]);
  });

  test('counter fields round-trip to periods', () => {
    expect(bucketFields('2026-W48')).toEqual({ tasks: 't_2026W48', done: 'd_2026W48' });
    expect(bucketFields('2026-11')).toEqual({ tasks: 't_202611', done: 'd_202611' });
    const b = bucketsOf({ _id: 'x', t_2026W48: 3, d_2026W48: 1, t_202611: 10, visits: 4, t_bogus: 1, d_2025W53: 1 });
    expect(b.map((x) => [x.period.key, x.tasks, x.done])).toEqual([
      ['2026-11', 10, 0],
      ['2026-W48', 3, 1],
    ]);
  });

  /**
   * The heart of "one definition": counters bucketed per period and the tasks they count give the
   * same done/due/overdue at any moment, for any view. A dashboard (counters) and a list (tasks)
   * can never disagree.
   */
  test('counters and lists agree, for any tasks, month and moment', () => {
    const start = bj('2026-09-01T00:00:00');
    const task = fc.record({
      kind: fc.constantFrom('week' as const, 'month' as const),
      at: fc.integer({ min: start, max: start + 120 * DAY }),
      doneAfter: fc.option(fc.integer({ min: 0, max: 40 * DAY }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(task, { maxLength: 60 }),
        fc.integer({ min: start, max: start + 150 * DAY }),
        fc.constantFrom('2026-09', '2026-10', '2026-11', '2026-12'),
        (specs, now, month) => {
          const tasks = specs.map((s) => {
            const p: Period = periodOf(s.kind, s.at);
            // Done only if a visit fell inside the period and before now.
            const doneAt =
              s.doneAfter !== null && p.startAt + s.doneAfter < Math.min(p.dueAt, now) ? p.startAt + s.doneAfter : null;
            return { ...p, doneAt };
          });
          const doc: Record<string, number> = {};
          for (const t of tasks) {
            const f = bucketFields(t.key);
            doc[f.tasks] = (doc[f.tasks] ?? 0) + 1;
            if (t.doneAt !== null) doc[f.done] = (doc[f.done] ?? 0) + 1;
          }
          expect(tallyBuckets(bucketsOf(doc), month, now)).toEqual(tallyTasks(tasks, month, now));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('coverage in whole percent', () => {
    expect(coverage({ total: 0, done: 0 })).toBeNull();
    expect(coverage({ total: 3, done: 2 })).toBe(67);
    expect(periodOfKey('2026-11')).not.toBeNull();
  });
});

describe('needs climb a chain, each step with its deadline', () => {
  const days = DEFAULT_VISIT_SETTINGS.needDays;

  test('village → township → county, and no further', () => {
    expect(nextLevel('village')).toBe('township');
    expect(nextLevel('township')).toBe('county');
    expect(nextLevel('county')).toBeNull();
  });

  test.each([
    // Raised on a Monday evening: N days counted from the next day, ending at midnight.
    ['village', 'normal', '2026-11-23T21:00:00', '2026-12-01T00:00:00'],
    ['village', 'urgent', '2026-11-23T21:00:00', '2026-11-26T00:00:00'],
    ['township', 'normal', '2026-11-23T21:00:00', '2026-12-09T00:00:00'],
    ['county', 'normal', '2026-11-23T21:00:00', '2026-12-24T00:00:00'],
    // Across a leap day.
    ['village', 'normal', '2028-02-25T10:00:00', '2028-03-04T00:00:00'],
  ] as const)('%s, %s, from %s: by %s', (level, urgency, from, deadline) => {
    expect(needDeadline(level, urgency, bj(from), days)).toBe(bj(deadline));
  });

  test('open until its deadline, overdue from it, closed once closed out', () => {
    const n = { closedAt: null, deadlineAt: bj('2026-12-01T00:00:00') };
    expect(needState(n, bj('2026-11-30T23:59:59'))).toBe('open');
    expect(needState(n, bj('2026-12-01T00:00:00'))).toBe('overdue');
    expect(needState({ ...n, closedAt: 1 }, bj('2027-01-01T00:00:00'))).toBe('closed');
  });

  test.each([
    // [roles, level, owner, may close out, may escalate]
    [['partyMember'], 'village', true, true, false],
    [['partyMember'], 'village', false, false, false],
    [['committee'], 'village', false, true, true],
    [['committee'], 'township', false, false, false],
    [['committee'], 'county', true, false, false],
    [['townshipStaff'], 'village', false, true, true],
    [['townshipStaff'], 'township', false, true, true],
    [['townshipStaff'], 'county', false, true, false],
    [['gridLeader', 'partyMember'], 'village', true, true, false],
  ] as const)('%j at %s (owner: %s): close %s, escalate %s', (roles, level, owner, close, escalate) => {
    expect(mayCloseOut(roles, level, owner)).toBe(close);
    expect(mayEscalate(roles, level)).toBe(escalate);
  });
});
