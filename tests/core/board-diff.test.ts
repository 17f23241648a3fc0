import { diffChars, diffLines, lcsScript, MAX_LINE_CELLS, splitLines } from '../../core/board/diff';

/** The diff a correction shows: lines kept, removed and added, and inside a changed line what changed. */

const ops = (oldText: string, newText: string) =>
  diffLines(oldText, newText).lines.map((l) => `${l.op === 'same' ? ' ' : l.op === 'add' ? '+' : '-'}${l.text}`);

test.each([
  ['nothing to nothing', '', '', []],
  ['same text', 'a\nb', 'a\nb', [' a', ' b']],
  ['a line added at the end', 'a\nb', 'a\nb\nc', [' a', ' b', '+c']],
  ['a line added at the start', 'b\nc', 'a\nb\nc', ['+a', ' b', ' c']],
  ['a line removed in the middle', 'a\nb\nc', 'a\nc', [' a', '-b', ' c']],
  ['a line changed in the middle', 'a\nb\nc', 'a\nB\nc', [' a', '-b', '+B', ' c']],
  ['everything replaced', 'a\nb', 'x\ny', ['-a', '-b', '+x', '+y']],
  ['from nothing', '', 'a\nb', ['+a', '+b']],
  ['to nothing', 'a\nb', '', ['-a', '-b']],
  ['a moved line is removed and added', 'a\nb\nc', 'b\nc\na', ['-a', ' b', ' c', '+a']],
  ['repeated lines keep the longest common run', 'x\na\nx\nb', 'a\nx\nb\nx', ['-x', ' a', ' x', ' b', '+x']],
  ['Windows line ends read as lines', 'a\r\nb', 'a\nb', [' a', ' b']],
  ['a blank line added', 'a\nb', 'a\n\nb', [' a', '+', ' b']],
])('%s', (_label, oldText, newText, expected) => {
  expect(ops(oldText, newText)).toEqual(expected);
});

test('line numbers point into the old and the new text', () => {
  const d = diffLines('甲\n乙\n丙', '甲\n丁\n丙\n戊');
  expect(d.lines.map((l) => [l.op, l.oldNo, l.newNo])).toEqual([
    ['same', 1, 1],
    ['del', 2, null],
    ['add', null, 2],
    ['same', 3, 3],
    ['add', null, 4],
  ]);
  expect([d.added, d.removed]).toEqual([2, 1]);
});

test('a changed line shows which characters changed, on both sides', () => {
  const d = diffLines('支出合计 1,200.00 元\n经手人 张三', '支出合计 1,280.00 元\n经手人 张三');
  const [del, add] = d.lines;
  expect(del.parts).toEqual([
    { op: 'same', text: '支出合计 1,2' },
    { op: 'del', text: '0' },
    { op: 'same', text: '0.00 元' },
  ]);
  expect(add.parts).toEqual([
    { op: 'same', text: '支出合计 1,2' },
    { op: 'add', text: '8' },
    { op: 'same', text: '0.00 元' },
  ]);
  // Unchanged lines carry no parts; only the paired changed lines do.
  expect(d.lines[2].parts).toBeUndefined();
});

test('removed lines without a partner carry no character parts', () => {
  const d = diffLines('a\nb\nc', 'x');
  expect(d.lines.map((l) => [l.op, l.text, l.parts !== undefined])).toEqual([
    ['del', 'a', true],
    ['del', 'b', false],
    ['del', 'c', false],
    ['add', 'x', true],
  ]);
});

test.each([
  ['', '', [], []],
  ['abc', 'abc', [['same', 'abc']], [['same', 'abc']]],
  [
    'abc',
    'abd',
    [
      ['same', 'ab'],
      ['del', 'c'],
    ],
    [
      ['same', 'ab'],
      ['add', 'd'],
    ],
  ],
  [
    '村委会',
    '村民委员会',
    [
      ['same', '村'],
      ['same', '委会'],
    ],
    [
      ['same', '村'],
      ['add', '民'],
      ['same', '委'],
      ['add', '员'],
      ['same', '会'],
    ],
  ],
  // A character outside the BMP is one character, not two halves.
  [
    '𠀀a',
    '𠀀b',
    [
      ['same', '𠀀'],
      ['del', 'a'],
    ],
    [
      ['same', '𠀀'],
      ['add', 'b'],
    ],
  ],
])('characters of %j → %j', (a, b, oldParts, newParts) => {
  const d = diffChars(a, b);
  const flat = (parts: ReadonlyArray<{ op: string; text: string }> | undefined) =>
    (parts ?? []).map((p) => [p.op, p.text]);
  // Neighbouring parts of one kind are merged, so compare the joined form.
  const join = (pairs: string[][]) =>
    pairs.reduce<string[][]>((acc, [op, text]) => {
      const last = acc[acc.length - 1];
      if (last && last[0] === op) last[1] += text;
      else acc.push([op, text]);
      return acc;
    }, []);
  expect(flat(d?.old)).toEqual(join(oldParts));
  expect(flat(d?.new)).toEqual(join(newParts));
});

test('a middle too large for the table falls back to removed-then-added, still exact at both ends', () => {
  const n = Math.ceil(Math.sqrt(MAX_LINE_CELLS)) + 10;
  const a = ['头', ...Array.from({ length: n }, (_, i) => `旧${i}`), '尾'].join('\n');
  const b = ['头', ...Array.from({ length: n }, (_, i) => `新${i}`), '尾'].join('\n');
  const d = diffLines(a, b);
  expect(d.lines[0]).toMatchObject({ op: 'same', text: '头' });
  expect(d.lines[d.lines.length - 1]).toMatchObject({ op: 'same', text: '尾' });
  expect([d.added, d.removed]).toEqual([n, n]);
  expect(lcsScript(splitLines(a), splitLines(b), MAX_LINE_CELLS)).toBeNull();
});

test('applying the script to the old text gives the new text', () => {
  const cases = [
    ['a\nb\nc\nd', 'b\nx\nd\ne'],
    ['一\n二\n三', '三\n二\n一'],
    ['', 'only'],
    ['same\nsame\nsame', 'same'],
  ];
  for (const [a, b] of cases) {
    const d = diffLines(a, b);
    expect(d.lines.filter((l) => l.op !== 'add').map((l) => l.text)).toEqual(splitLines(a));
    expect(d.lines.filter((l) => l.op !== 'del').map((l) => l.text)).toEqual(splitLines(b));
  }
});
