import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import { MAX_PHOTOS } from '../../core/matter/schemas';
import type { FileStore } from '../shared/files/port';

/**
 * Photos arrive as file ids (DESIGN.md): the bytes were uploaded before. Each is checked here: it
 * exists, it is at most 5 MB, it is really a JPEG, PNG or WebP (by its first bytes, not its name),
 * and the caller uploaded it: a file id seen on someone else's page is not theirs to reuse.
 */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export type ImageType = 'jpeg' | 'png' | 'webp';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Buffer, prefix: readonly number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

export function imageType(bytes: Buffer): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG)) return 'png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}

/** The checked ids, in order, each once. */
export async function checkPhotos(
  files: FileStore | undefined,
  caller: Caller,
  ids: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  // The schema already says at most six; this keeps the rule true for any other caller too.
  if (unique.length > MAX_PHOTOS) throw new AppError('INVALID_INPUT', `照片最多${MAX_PHOTOS}张`);
  if (!files) throw new AppError('UNAVAILABLE', '这里不能上传照片');
  for (const id of unique) {
    const file = await files.read(id, MAX_PHOTO_BYTES);
    if (file.uploadedBy !== null && file.uploadedBy !== caller.accountId) {
      throw new AppError('NOT_FOUND', '没有找到这张照片，请重新上传');
    }
    if (!imageType(file.bytes)) throw new AppError('FILE_TYPE', '只能传照片（JPG、PNG 或 WebP）');
  }
  return unique;
}
