import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../core/errors';

/**
 * Excel on a Chinese Windows saves CSV as GBK; newer Excel and WPS may save UTF-8, with or without
 * a BOM. Anything that is valid UTF-8 is taken as UTF-8; anything else is decoded as GB18030 (a
 * superset of GBK). A workbook (.xlsx is a zip) or other binary is refused with a hint.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new AppError('FILE_TYPE', '这是 Excel 工作簿，请在 Excel 里“另存为” CSV 格式再导入');
  }
  if (bytes.includes(0)) throw new AppError('FILE_TYPE', '这不是 CSV 文本文件，请在 Excel 里“另存为” CSV 格式');
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(body, 'gb18030'), encoding: 'gbk' };
  }
}

export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const broken = parsed.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  if (broken) {
    throw new AppError('FILE_TYPE', `第 ${(broken.row ?? 0) + 1} 行的引号没有配对，请检查这一行`);
  }
  return parsed.data.map((row) => row.map((c) => String(c)));
}
