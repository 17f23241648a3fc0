/**
 * What changed between two revisions of a notice, as villagers read a correction: lines kept,
 * lines taken out, lines put in, and inside a changed line the characters that differ. A longest
 * common subsequence over lines (then over characters for each changed pair) is exact and small;
 * the texts are a notice's length, not a book's, and the bounds below keep a worst case cheap.
 */

export type DiffOp = 'same' | 'add' | 'del';

export interface DiffPart {
  readonly op: DiffOp;
  readonly text: string;
}

export interface DiffLine {
  readonly op: DiffOp;
  readonly text: string;
  /** 1-based line in the old text (null for an added line) and in the new one (null for a removed line). */
  readonly oldNo: number | null;
  readonly newNo: number | null;
  /** For a line changed in place: its characters, marked kept or changed. Absent otherwise. */
  readonly parts?: DiffPart[];
}

export interface Diff {
  readonly lines: DiffLine[];
  readonly added: number;
  readonly removed: number;
}

/** Above this many cells the line table falls back to "all of the middle changed" (still correct, less fine). */
export const MAX_LINE_CELLS = 4_000_000;
/** Above this many cells a changed line is shown whole instead of character by character. */
export const MAX_CHAR_CELLS = 250_000;

export function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/**
 * The edit script between two sequences, by LCS: `same` for kept items, `del` for items only in
 * `a`, `add` for items only in `b`, in reading order with deletions before additions in each run.
 * Returns null when the table would exceed `maxCells`.
 */
export function lcsScript<T>(a: readonly T[], b: readonly T[], maxCells: number): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > maxCells) return null;
  // dp[i][j]: length of the LCS of a[i..] and b[j..], so the walk below can go forwards.
  const width = m + 1;
  const dp = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      dp[i * width + j] =
        a[i] === b[j] ? dp[(i + 1) * width + j + 1] + 1 : Math.max(dp[(i + 1) * width + j], dp[i * width + j + 1]);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push('same');
      i += 1;
      j += 1;
    } else if (dp[(i + 1) * width + j] >= dp[i * width + j + 1]) {
      ops.push('del');
      i += 1;
    } else {
      ops.push('add');
      j += 1;
    }
  }
  while (i < n) {
    ops.push('del');
    i += 1;
  }
  while (j < m) {
    ops.push('add');
    j += 1;
  }
  return ops;
}

/** Joins neighbouring parts of the same kind, so "ab" is one part rather than "a" and "b". */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.op === p.op) out[out.length - 1] = { op: p.op, text: last.text + p.text };
    else if (p.text !== '') out.push(p);
  }
  return out;
}

/**
 * A changed line's characters: for the old line, kept and removed; for the new one, kept and added.
 * Code points, not UTF-16 units, so a rare character outside the BMP is never split in half.
 */
export function diffChars(
  oldLine: string,
  newLine: string,
): { readonly old: DiffPart[]; readonly new: DiffPart[] } | null {
  const a = Array.from(oldLine);
  const b = Array.from(newLine);
  const ops = lcsScript(a, b, MAX_CHAR_CELLS);
  if (!ops) return null;
  const oldParts: DiffPart[] = [];
  const newParts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === 'same') {
      oldParts.push({ op, text: a[i] });
      newParts.push({ op, text: b[j] });
      i += 1;
      j += 1;
    } else if (op === 'del') {
      oldParts.push({ op, text: a[i] });
      i += 1;
    } else {
      newParts.push({ op, text: b[j] });
      j += 1;
    }
  }
  return { old: merge(oldParts), new: merge(newParts) };
}

/**
 * The line diff of two texts. Lines equal at both ends are matched first (a correction usually
 * touches a few lines in the middle); the rest goes through the LCS table. Within each run of
 * removed lines followed by added ones, the i-th removed and i-th added line are taken as the same
 * line changed, and get character parts.
 */
export function diffLines(oldText: string, newText: string): Diff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle: DiffOp[] = lcsScript(midA, midB, MAX_LINE_CELLS) ?? [
    ...midA.map((): DiffOp => 'del'),
    ...midB.map((): DiffOp => 'add'),
  ];
  const ops: DiffOp[] = [
    ...Array.from({ length: start }, (): DiffOp => 'same'),
    ...middle,
    ...Array.from({ length: a.length - endA }, (): DiffOp => 'same'),
  ];

  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k] === 'same') {
      lines.push({ op: 'same', text: a[i], oldNo: i + 1, newNo: j + 1 });
      i += 1;
      j += 1;
      k += 1;
      continue;
    }
    // One run of changes: its removed lines, then its added ones.
    const dels: number[] = [];
    const adds: number[] = [];
    while (k < ops.length && ops[k] !== 'same') {
      if (ops[k] === 'del') {
        dels.push(i);
        i += 1;
      } else {
        adds.push(j);
        j += 1;
      }
      k += 1;
    }
    const paired = Math.min(dels.length, adds.length);
    const chars = Array.from({ length: paired }, (_, p) => diffChars(a[dels[p]], b[adds[p]]));
    dels.forEach((at, p) => {
      const parts = p < paired ? chars[p]?.old : undefined;
      lines.push({ op: 'del', text: a[at], oldNo: at + 1, newNo: null, ...(parts ? { parts } : {}) });
    });
    adds.forEach((at, p) => {
      const parts = p < paired ? chars[p]?.new : undefined;
      lines.push({ op: 'add', text: b[at], oldNo: null, newNo: at + 1, ...(parts ? { parts } : {}) });
    });
  }
  return {
    lines,
    added: lines.filter((l) => l.op === 'add').length,
    removed: lines.filter((l) => l.op === 'del').length,
  };
}
