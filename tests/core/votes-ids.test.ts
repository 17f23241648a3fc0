import { createHash, createHmac } from 'node:crypto';
import { Id } from '../../core/ids';
import {
  ballotChainRecord,
  canonicalJson,
  chainHead,
  chainNext,
  chainStart,
  deriveReceipt,
  hexDigest,
  listDigest,
  normalizeReceipt,
  presenceId,
  publishedChoices,
  publishedReceipts,
  RECEIPT_ALPHABET,
  RECEIPT_PATTERN,
  receiptFromHex,
  secretBallotId,
  type JsonValue,
} from '../../core/votes/ids';

// The service passes these in; core never imports node:crypto.
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const mac = (s: string): string => createHmac('sha256', 'test-receipt-key').update(s, 'utf8').digest('hex');
const otherMac = (s: string): string => createHmac('sha256', 'another-key').update(s, 'utf8').digest('hex');

describe('canonicalJson: one text for one value (RFC 8785 for JSON data)', () => {
  const cases: Array<[string, JsonValue, string]> = [
    ['keys sorted', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    ['nested keys sorted', { z: { y: 1, x: [{ b: 0, a: 0 }] } }, '{"z":{"x":[{"a":0,"b":0}],"y":1}}'],
    ['upper case before lower, by code unit', { b: 1, B: 2, é: 3 }, '{"B":2,"b":1,"é":3}'],
    ['array order kept', [3, 1, 2], '[3,1,2]'],
    ['scalars', [true, false, null, 'x', 1.5], '[true,false,null,"x",1.5]'],
    ['-0 is 0', -0, '0'],
    ['big numbers as JavaScript prints them', 1e21, '1e+21'],
    ['strings escaped', 'a"b\\c\n', '"a\\"b\\\\c\\n"'],
    ['Chinese as is', '修路', '"修路"'],
    ['undefined members left out', { a: 1, b: undefined }, '{"a":1}'],
    ['empty containers', { a: [], b: {} }, '{"a":[],"b":{}}'],
  ];
  test.each(cases)('%s', (_label, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  test('two objects with the same members in another order are one text', () => {
    expect(canonicalJson({ motionId: 'm', electorId: 'e', choices: ['o1'] })).toBe(
      canonicalJson({ choices: ['o1'], electorId: 'e', motionId: 'm' }),
    );
  });

  test.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('refuses %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow();
  });
});

describe('presenceId: the one-ballot-per-elector key', () => {
  test('deterministic, a valid id, pinned', () => {
    const id = presenceId('m1', 'p1', sha256);
    expect(id).toBe('bp_27ddba5b35d62430dd18491b9f8005e9d5a85c7d');
    expect(presenceId('m1', 'p1', sha256)).toBe(id);
    expect(Id.safeParse(id).success).toBe(true);
  });

  test.each([
    [
      ['m1', 'p1'],
      ['m1', 'p2'],
    ],
    [
      ['m1', 'p1'],
      ['m2', 'p1'],
    ],
    [
      ['a:b', 'c'],
      ['a', 'b:c'],
    ],
    [
      ['m1', 'p1'],
      ['p1', 'm1'],
    ],
  ])('%j and %j differ', ([m1, e1], [m2, e2]) => {
    expect(presenceId(m1, e1, sha256)).not.toBe(presenceId(m2, e2, sha256));
  });

  test('a hash that does not give hex is refused', () => {
    expect(() => presenceId('m', 'e', () => 'not-hex')).toThrow(TypeError);
    expect(() => hexDigest(() => 'abc', 'x')).toThrow(TypeError);
  });
});

describe('secretBallotId: random, never from the voter', () => {
  test.each([
    ['22 url-safe characters', 'AbCdEfGhIjKlMnOpQrStUv', 'bc_AbCdEfGhIjKlMnOpQrStUv'],
    ['32 hex digits', '0123456789abcdef0123456789abcdef', 'bc_0123456789abcdef0123456789abcdef'],
  ])('%s', (_label, random, id) => {
    expect(secretBallotId(random)).toBe(id);
    expect(Id.safeParse(id).success).toBe(true);
  });

  test.each([['too short'], ['has:colon-0123456789abcdef'], ['x'.repeat(61)], ['']])('refuses %p', (random) => {
    expect(() => secretBallotId(random)).toThrow(TypeError);
  });
});

describe('receipts', () => {
  test.each([
    ['0000000000', '2222-2222'],
    ['ffffffffff', 'ZZZZ-ZZZZ'],
    ['0000000001', '2222-2223'],
    ['0000000020', '2222-2232'],
    ['FFFFFFFFFF00', 'ZZZZ-ZZZZ'],
  ])('receiptFromHex(%s) = %s', (hex, code) => {
    expect(receiptFromHex(hex)).toBe(code);
  });

  test('the alphabet has 32 symbols and no look-alikes', () => {
    expect(new Set(RECEIPT_ALPHABET).size).toBe(32);
    for (const c of '01IO') expect(RECEIPT_ALPHABET).not.toContain(c);
  });

  test('derived from motion and elector under a key: stable, pinned, well formed', () => {
    const r = deriveReceipt('m1', 'p1', mac);
    expect(r).toBe('7J3N-7R2W');
    expect(r).toMatch(RECEIPT_PATTERN);
    expect(deriveReceipt('m1', 'p1', mac)).toBe(r);
  });

  test('another elector, another motion or another key gives another receipt', () => {
    const r = deriveReceipt('m1', 'p1', mac);
    expect(deriveReceipt('m1', 'p2', mac)).not.toBe(r);
    expect(deriveReceipt('m2', 'p1', mac)).not.toBe(r);
    expect(deriveReceipt('m1', 'p1', otherMac)).not.toBe(r);
  });

  test('1,000 electors get 1,000 distinct receipts', () => {
    const codes = Array.from({ length: 1000 }, (_, i) => deriveReceipt('m1', `p${i}`, mac));
    expect(new Set(codes).size).toBe(1000);
    expect(codes.every((c) => RECEIPT_PATTERN.test(c))).toBe(true);
  });

  test.each([
    ['7J3N-7R2W', '7J3N-7R2W'],
    ['7j3n7r2w', '7J3N-7R2W'],
    [' 7J3N 7R2W ', '7J3N-7R2W'],
    ['7J3N—7R2W', '7J3N-7R2W'],
    ['７Ｊ３Ｎ－７Ｒ２Ｗ', '7J3N-7R2W'],
    ['7J3N_7R2W', '7J3N-7R2W'],
    ['7J3N-7R2', null],
    ['7J3N-7R2WX', null],
    ['7J3N-7R2O', null],
    ['7J3N-7R21', null],
    ['', null],
  ])('normalizeReceipt(%p) = %p', (input, code) => {
    expect(normalizeReceipt(input)).toBe(code);
  });
});

describe('published lists', () => {
  test('receipts are sorted, whatever order they were cast in', () => {
    expect(publishedReceipts(['ZZZZ-2222', '2222-ZZZZ', 'M9TX-7KQ2'])).toEqual(['2222-ZZZZ', 'M9TX-7KQ2', 'ZZZZ-2222']);
  });

  test('secret choices come in the order of their random ids, without the ids', () => {
    const contents = [
      { id: 'bc_q', choices: ['no'] },
      { id: 'bc_a', choices: ['yes'] },
      { id: 'bc_m', choices: ['abstain'] },
    ];
    expect(publishedChoices(contents)).toEqual([['yes'], ['abstain'], ['no']]);
    expect(publishedChoices([...contents].reverse())).toEqual(publishedChoices(contents));
  });

  test('a list digest is the hash of its canonical text', () => {
    expect(listDigest([['yes'], ['no']], sha256)).toBe(sha256('[["yes"],["no"]]'));
  });
});

describe('the hash chain', () => {
  const anchor = { motionId: 'm1', question: '修路吗', opensAt: 1 };
  const r1 = { electorId: 'p1', receipt: 'AAAA-AAAA' };
  const r2 = { electorId: 'p2', receipt: 'BBBB-BBBB' };

  test('follows the documented formula, step by step, and is pinned', () => {
    const h0 = sha256('{"motionId":"m1","opensAt":1,"question":"修路吗"}');
    const h1 = sha256(`${h0}\n{"electorId":"p1","receipt":"AAAA-AAAA"}`);
    const h2 = sha256(`${h1}\n{"electorId":"p2","receipt":"BBBB-BBBB"}`);
    expect(chainStart(anchor, sha256)).toBe(h0);
    expect(chainNext(h0, canonicalJson(r1), sha256)).toBe(h1);
    expect(chainHead(anchor, [r1, r2], sha256)).toBe(h2);
    expect(h2).toBe('e49c91cab4c15acbacaca6d27e8386a928e490dcfaf1946dc349d328e470e076');
  });

  test('no records: the head is the anchor', () => {
    expect(chainHead(anchor, [], sha256)).toBe(chainStart(anchor, sha256));
  });

  const head = chainHead(anchor, [r1, r2], sha256);
  test.each([
    ['a record changed', anchor, [r1, { ...r2, receipt: 'CCCC-CCCC' }]],
    ['a record dropped', anchor, [r2]],
    ['records swapped', anchor, [r2, r1]],
    ['a record slipped in', anchor, [r1, { electorId: 'p9', receipt: 'DDDD-DDDD' }, r2]],
    ['another motion', { ...anchor, motionId: 'm2' }, [r1, r2]],
  ] as Array<[string, JsonValue, JsonValue[]]>)('%s changes the head', (_label, a, records) => {
    expect(chainHead(a, records, sha256)).not.toBe(head);
  });

  test('a previous head that is not hex is refused', () => {
    expect(() => chainNext('head', '{}', sha256)).toThrow(TypeError);
  });

  test('an open ballot chains its choices; a secret one does not carry them', () => {
    const base = { motionId: 'm1', electorId: 'p1', receipt: '7J3N-7R2W', castAt: 5, assistedBy: null };
    expect(canonicalJson(ballotChainRecord(base))).toBe(
      '{"assistedBy":null,"castAt":5,"electorId":"p1","motionId":"m1","receipt":"7J3N-7R2W"}',
    );
    expect(canonicalJson(ballotChainRecord({ ...base, assistedBy: 'c1', choices: ['yes'] }))).toBe(
      '{"assistedBy":"c1","castAt":5,"choices":["yes"],"electorId":"p1","motionId":"m1","receipt":"7J3N-7R2W"}',
    );
  });
});
