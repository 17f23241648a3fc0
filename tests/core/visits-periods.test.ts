import fc from 'fast-check';
import {
  addMonths,
  inView,
  monthKeyAt,
  monthsInView,
  periodLabel,
  periodOf,
  periodOfKey,
  periodsStartingIn,
} from '../../core/visits/periods';

/**
 * Visit periods on the Asia/Shanghai calendar: month ends, leap years, ISO weeks across New Year,
 * and instants where the date in Beijing is not the date in UTC (00:00–08:00 Beijing).
 */

/** An instant given as a Beijing wall-clock time. */
const bj = (iso: string): number => Date.parse(`${iso}+08:00`);

describe('months', () => {
  test.each([
    // [instant in Beijing, key, first instant, first instant of the next month]
    ['2026-11-23T08:00:00', '2026-11', '2026-11-01T00:00:00', '2026-12-01T00:00:00'],
    ['2026-11-30T23:59:59.999', '2026-11', '2026-11-01T00:00:00', '2026-12-01T00:00:00'],
    // 00:30 on 1 December in Beijing is still 30 November in UTC: the Beijing date decides.
    ['2026-12-01T00:30:00', '2026-12', '2026-12-01T00:00:00', '2027-01-01T00:00:00'],
    ['2026-12-31T23:59:59', '2026-12', '2026-12-01T00:00:00', '2027-01-01T00:00:00'],
    ['2027-01-01T00:00:00', '2027-01', '2027-01-01T00:00:00', '2027-02-01T00:00:00'],
    // Leap years: 2028 and 2000 have 29 February, 2027 and 2100 do not.
    ['2028-02-29T12:00:00', '2028-02', '2028-02-01T00:00:00', '2028-03-01T00:00:00'],
    ['2027-02-28T23:59:59', '2027-02', '2027-02-01T00:00:00', '2027-03-01T00:00:00'],
    ['2027-03-01T00:00:00', '2027-03', '2027-03-01T00:00:00', '2027-04-01T00:00:00'],
    ['2000-02-29T07:00:00', '2000-02', '2000-02-01T00:00:00', '2000-03-01T00:00:00'],
    ['2100-02-28T23:00:00', '2100-02', '2100-02-01T00:00:00', '2100-03-01T00:00:00'],
    // 30- and 31-day months.
    ['2026-04-30T23:59:59', '2026-04', '2026-04-01T00:00:00', '2026-05-01T00:00:00'],
    ['2026-05-31T23:59:59', '2026-05', '2026-05-01T00:00:00', '2026-06-01T00:00:00'],
  ])('%s is in %s', (at, key, start, due) => {
    const p = periodOf('month', bj(at));
    expect(p).toEqual({ kind: 'month', key, startAt: bj(start), dueAt: bj(due), month: key });
  });

  test('month lengths in days, leap years included', () => {
    const days = (key: string) => {
      const p = periodOfKey(key);
      if (!p) throw new Error(key);
      return (p.dueAt - p.startAt) / 86_400_000;
    };
    expect(['2027-01', '2027-02', '2028-02', '2026-04', '2026-12', '2100-02', '2000-02'].map(days)).toEqual([
      31, 28, 29, 30, 31, 28, 29,
    ]);
  });

  test('month arithmetic across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-11', -12)).toBe('2025-11');
    expect(addMonths('2026-03', 11)).toBe('2027-02');
  });
});

describe('ISO weeks, Monday 00:00 Beijing to the next Monday', () => {
  test.each([
    // [instant in Beijing, key, Monday it starts on, reporting month (the month it starts in)]
    ['2026-11-23T08:00:00', '2026-W48', '2026-11-23', '2026-11'],
    ['2026-11-29T23:59:59', '2026-W48', '2026-11-23', '2026-11'],
    // Monday 00:00 in Beijing is still Sunday in UTC: already next week here.
    ['2026-11-30T00:00:00', '2026-W49', '2026-11-30', '2026-11'],
    ['2026-11-30T07:59:59', '2026-W49', '2026-11-30', '2026-11'],
    // The ISO year is the Thursday's: 29 Dec 2025 is in 2026's first week.
    ['2025-12-29T10:00:00', '2026-W01', '2025-12-29', '2025-12'],
    ['2026-01-01T10:00:00', '2026-W01', '2025-12-29', '2025-12'],
    // 2026 starts on a Thursday: it has 53 weeks, the last running into 2027.
    ['2026-12-31T10:00:00', '2026-W53', '2026-12-28', '2026-12'],
    ['2027-01-03T23:59:59', '2026-W53', '2026-12-28', '2026-12'],
    ['2027-01-04T00:00:00', '2027-W01', '2027-01-04', '2027-01'],
    ['2021-01-01T10:00:00', '2020-W53', '2020-12-28', '2020-12'],
    ['2024-12-30T10:00:00', '2025-W01', '2024-12-30', '2024-12'],
    ['2028-02-29T10:00:00', '2028-W09', '2028-02-28', '2028-02'],
    // A week across a month end belongs to the month it starts in.
    ['2026-04-05T20:00:00', '2026-W14', '2026-03-30', '2026-03'],
  ])('%s is in %s', (at, key, monday, month) => {
    const p = periodOf('week', bj(at));
    expect(p).toEqual({
      kind: 'week',
      key,
      startAt: bj(`${monday}T00:00:00`),
      dueAt: bj(`${monday}T00:00:00`) + 7 * 86_400_000,
      month,
    });
  });

  test('keys name periods and round-trip; a 53rd week only where the year has one', () => {
    expect(periodOfKey('2025-W53')).toBeNull();
    expect(periodOfKey('2026-W53')?.startAt).toBe(bj('2026-12-28T00:00:00'));
    expect(periodOfKey('2032-W53')).not.toBeNull();
    expect(periodOfKey('2027-W53')).toBeNull();
    expect(periodOfKey('2026-W00')).toBeNull();
    expect(periodOfKey('2026-13')).toBeNull();
    expect(periodOfKey('nonsense')).toBeNull();
  });

  test('every week and month from 1999 to 2101 round-trips through its key, without gaps', () => {
    for (const kind of ['week', 'month'] as const) {
      let p = periodOf(kind, bj('1999-01-01T00:00:00'));
      while (p.startAt < bj('2101-01-01T00:00:00')) {
        expect(periodOfKey(p.key)).toEqual(p);
        const next = periodOf(kind, p.dueAt);
        expect(next.startAt).toBe(p.dueAt);
        p = next;
      }
    }
  });

  test('any instant lies in its periods, which start at Beijing midnight', () => {
    fc.assert(
      fc.property(fc.integer({ min: bj('1995-01-01T00:00:00'), max: bj('2099-12-31T00:00:00') }), (ms) => {
        for (const kind of ['week', 'month'] as const) {
          const p = periodOf(kind, ms);
          expect(p.startAt <= ms && ms < p.dueAt).toBe(true);
          expect((p.startAt + 8 * 3_600_000) % 86_400_000).toBe(0);
        }
        expect(periodOf('week', ms).dueAt - periodOf('week', ms).startAt).toBe(7 * 86_400_000);
      }),
    );
  });

  test('the weeks that start in a month', () => {
    expect(periodsStartingIn('week', '2026-11').map((p) => p.key)).toEqual([
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
    expect(periodsStartingIn('week', '2027-01').map((p) => p.key)).toEqual([
      '2027-W01',
      '2027-W02',
      '2027-W03',
      '2027-W04',
    ]);
    expect(periodsStartingIn('month', '2028-02').map((p) => p.key)).toEqual(['2028-02']);
  });
});

describe('what a month’s view shows', () => {
  const now = bj('2026-04-02T09:00:00');
  const straddling = periodOf('week', bj('2026-03-30T09:00:00'));

  test('the current month also shows a week from last month that is still running', () => {
    expect(monthKeyAt(now)).toBe('2026-04');
    expect(monthsInView('2026-04', now)).toEqual(['2026-03', '2026-04']);
    expect(inView(straddling, '2026-04', now)).toBe(true);
    expect(inView(straddling, '2026-03', now)).toBe(true);
    // Once it has ended, it is March's only.
    const later = bj('2026-04-06T00:00:00');
    expect(inView(straddling, '2026-04', later)).toBe(false);
    expect(inView(periodOf('month', bj('2026-03-15T00:00:00')), '2026-04', now)).toBe(false);
  });

  test('a past month shows its own periods only', () => {
    expect(monthsInView('2026-02', now)).toEqual(['2026-02']);
  });

  test('labels in plain words', () => {
    expect(periodLabel(periodOf('month', now))).toBe('2026年4月');
    expect(periodLabel(straddling)).toBe('3月30日—4月5日');
    expect(periodLabel(periodOf('week', bj('2026-11-25T00:00:00')))).toBe('11月23日—29日');
  });
});
