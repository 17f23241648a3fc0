import type { MatterCategory } from '../../core/categories';
import type { ErrorCode } from '../../core/errors';
import { allowedBodies } from '../../core/matter/bodies';
import {
  assemblyRequested,
  checkCosign,
  cosignId,
  cosignProgress,
  cosignThreshold,
  crossesThreshold,
} from '../../core/matter/cosign';
import { derivedId } from '../../core/matter/ids';
import { MATTER_STATE_IDS, type MatterState } from '../../core/matter/states';
import type { Body } from '../../core/votes/bodies';

describe('the one-tenth line', () => {
  // [electorate, threshold]: ceil(electorate / 10), at least one.
  const thresholds: Array<[number, number]> = [
    [0, 1],
    [1, 1],
    [9, 1],
    [10, 1],
    [11, 2],
    [19, 2],
    [20, 2],
    [21, 3],
    [99, 10],
    [100, 10],
    [101, 11],
    [1234, 124],
  ];
  test.each(thresholds)('electorate %i → %i co-signers needed', (electorate, threshold) => {
    expect(cosignThreshold(electorate)).toBe(threshold);
  });

  // [count, electorate, reached, missing]
  const progress: Array<[number, number, boolean, number]> = [
    [9, 100, false, 1],
    [10, 100, true, 0],
    [11, 100, true, 0],
    [0, 100, false, 10],
    [10, 101, false, 1],
    [11, 101, true, 0],
    [0, 1, false, 1],
    [1, 1, true, 0],
    [0, 0, false, 1],
    [1, 0, true, 0],
    [1, 10, true, 0],
    [1, 11, false, 1],
    [2, 11, true, 0],
  ];
  test.each(progress)('%i of %i: reached %s, %i missing', (count, electorate, reached, missing) => {
    expect(cosignProgress(count, electorate)).toEqual({
      count,
      electorate,
      threshold: cosignThreshold(electorate),
      reached,
      missing,
    });
  });

  test('reached is exactly "count ≥ threshold", and the law\'s 10·count ≥ electorate with one at least', () => {
    for (let electorate = 0; electorate <= 400; electorate += 1) {
      for (let count = 0; count <= 45; count += 1) {
        const p = cosignProgress(count, electorate);
        expect(p.reached).toBe(count >= p.threshold);
        expect(p.reached).toBe(count >= 1 && 10 * count >= electorate);
        expect(p.missing).toBe(Math.max(0, p.threshold - count));
      }
    }
  });

  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'a count or electorate of %p is a programming error',
    (bad) => {
      expect(() => cosignThreshold(bad)).toThrow(RangeError);
      expect(() => cosignProgress(bad, 100)).toThrow(RangeError);
    },
  );

  test.each([
    [9, 100, true],
    [8, 100, false],
    [10, 100, false],
    [0, 1, true],
    [0, 0, true],
    [10, 101, true],
  ] as const)('the co-signature after %i of %i crosses the line: %s', (before, electorate, crosses) => {
    expect(crossesThreshold(before, electorate)).toBe(crosses);
  });
});

describe('whether the committee must now put it to the assembly', () => {
  const open: MatterState[] = ['raised', 'deliberating'];
  test.each(MATTER_STATE_IDS)('%s at 10 of 100', (state) => {
    expect(assemblyRequested(state, 10, 100)).toBe(open.includes(state));
  });
  test.each(open)('%s at 9 of 100 is not yet', (state) => {
    expect(assemblyRequested(state, 9, 100)).toBe(false);
  });
});

describe('who may co-sign', () => {
  type Case = [string, MatterState, string | null, boolean, ErrorCode | 'ok'];
  const cases: Case[] = [
    ['a villager on a raised matter', 'raised', 'p-2', false, 'ok'],
    ['a villager while it is talked over', 'deliberating', 'p-2', false, 'ok'],
    ['the author', 'raised', 'p-author', false, 'OWN_MATTER'],
    ['a second time', 'raised', 'p-2', true, 'ALREADY_COSIGNED'],
    ['an account not on the roster', 'raised', null, false, 'FORBIDDEN'],
    ...(
      [
        'voting',
        'passed',
        'rejected',
        'noQuorum',
        'implementing',
        'evaluating',
        'closed',
        'declined',
        'merged',
        'withdrawn',
      ] as const
    ).map((state): Case => [`once ${state}`, state, 'p-2', false, 'COSIGN_CLOSED']),
    // The state is checked first: a closed matter says "closed", whoever asks.
    ['the author, once voting', 'voting', 'p-author', false, 'COSIGN_CLOSED'],
  ];
  test.each(cases)('%s', (_label, state, personId, already, expected) => {
    const r = checkCosign({ state, authorId: 'p-author' }, personId, already);
    expect(r).toEqual(expected === 'ok' ? { ok: true } : { ok: false, code: expected });
  });
});

describe('derived ids', () => {
  test('same matter and person, same id: the store refuses a second co-signature', () => {
    expect(cosignId('m-1', 'p-1')).toBe(cosignId('m-1', 'p-1'));
    expect(cosignId('m-1', 'p-1')).not.toBe(cosignId('m-1', 'p-2'));
    expect(cosignId('m-1', 'p-1')).not.toBe(cosignId('m-2', 'p-1'));
  });

  test('ids that contain ":" cannot be split two ways', () => {
    expect(derivedId('cosign', 'a:b', 'c')).not.toBe(derivedId('cosign', 'a', 'b:c'));
  });

  test('kinds do not collide: a co-signature and a rating by the same person differ', () => {
    expect(derivedId('cosign', 'm-1', 'p-1')).not.toBe(derivedId('rating', 'm-1', 'p-1'));
  });

  test('the id is made of characters an Id allows', () => {
    expect(cosignId('m-taoyuan-000123', 'p-taoyuan-0012')).toMatch(/^[A-Za-z0-9_:-]+$/);
  });

  test('an empty part is a programming error', () => {
    expect(() => cosignId('', 'p-1')).toThrow(RangeError);
    expect(() => cosignId('m-1', '')).toThrow(RangeError);
  });
});

describe('which body a matter may go to', () => {
  type Case = [string, MatterCategory, number, boolean, Body[]];
  const all: Body[] = ['adults', 'households', 'delegates'];
  const assembly: Body[] = ['adults', 'households'];
  const cases: Case[] = [
    ['a general matter', 'general', 0, false, all],
    ['a reserved matter, delegates not authorised', 'homestead', 0, false, assembly],
    ['a reserved matter, delegates authorised', 'homestead', 0, true, all],
    ['a general matter one tenth asked the assembly for', 'general', 10, true, assembly],
    ['a reserved matter one tenth asked the assembly for', 'landContract', 10, true, assembly],
    ['just under one tenth', 'general', 9, false, all],
    ['the charter, even with delegates authorised', 'charter', 0, true, assembly],
    ['a dismissal: every adult votes', 'dismissal', 0, true, ['adults']],
  ];
  test.each(cases)('%s', (_label, category, cosignCount, delegatesAuthorised, expected) => {
    expect(
      allowedBodies({ category, state: 'deliberating', cosignCount, electorate: 100, delegatesAuthorised }),
    ).toEqual(expected);
  });

  test('a category unknown to the table goes to the assembly', () => {
    const stale = 'retired' as MatterCategory;
    expect(
      allowedBodies({
        category: stale,
        state: 'deliberating',
        cosignCount: 0,
        electorate: 100,
        delegatesAuthorised: true,
      }),
    ).toEqual(assembly);
  });
});
