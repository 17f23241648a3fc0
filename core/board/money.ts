/**
 * Money on the board is counted in whole fen (分), as integers, from the moment a cell is read:
 * "0.1 + 0.2" must never reach a published total. Amounts are at most ten billion yuan a line,
 * so sums of a month's lines stay far inside JavaScript's safe integers.
 */

/** 100 亿元 in fen: no village line is anywhere near, a typo with extra zeros is. */
export const MAX_LINE_FEN = 1_000_000_000_000;

const AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** What Excel and phones put around a number: currency signs, 元, thousands commas, full-width digits. */
function normalize(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[，,\s\u3000]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '');
}

export type AmountParse = { readonly ok: true; readonly fen: number } | { readonly ok: false; readonly reason: string };

/**
 * A yuan amount as typed in a sheet ("1,200.5", "￥300", "80元") to fen. Blank is 0. Negative amounts
 * are refused: a refund is income, a return of money paid out is an expense, each on its own line.
 */
export function parseYuan(text: string): AmountParse {
  const t = normalize(text.trim());
  if (t === '' || t === '-') return { ok: true, fen: 0 };
  if (t.startsWith('-') || t.startsWith('(')) return { ok: false, reason: '金额不能是负数，退款请记在另一栏' };
  const m = AMOUNT.exec(t);
  if (!m) {
    return /^\d+\.\d{3,}$/.test(t)
      ? { ok: false, reason: '金额最多到分（小数点后两位）' }
      : { ok: false, reason: '金额请只写数字，比如 1200 或 1200.50' };
  }
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_LINE_FEN) return { ok: false, reason: '金额太大了，请检查是不是多写了零' };
  return { ok: true, fen };
}

/** Fen as the board prints yuan: thousands separated, always two decimals ("12,345.60"). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${String(fen)}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${String(cents).padStart(2, '0')}`;
}

/** Integer sum; throws rather than return a total that lost precision. */
export function sumFen(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    total += v;
    if (!Number.isSafeInteger(total)) throw new RangeError('sum of fen left the safe integer range');
  }
  return total;
}
