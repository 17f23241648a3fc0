import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../core/errors';
import type { FileStore, StoredFile } from './port';

/**
 * Files on local disk under <dir>/files: the bytes in <id>, and who uploaded what in <id>.json.
 * Written to a temp name and renamed, so a crash never leaves half a file under a real id.
 */
interface Meta {
  readonly name: string;
  readonly size: number;
  readonly uploadedBy: string;
  readonly at: number;
}

const ID = /^f_[0-9a-f]{32}$/;

export class EmbeddedFileStore implements FileStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'files');
    mkdirSync(this.dir, { recursive: true });
  }

  save(bytes: Buffer, name: string, uploadedBy: string, at: number): string {
    const id = `f_${randomBytes(16).toString('hex')}`;
    const meta: Meta = { name: name.slice(0, 100), size: bytes.length, uploadedBy, at };
    writeFileSync(join(this.dir, `${id}.tmp`), bytes);
    writeFileSync(join(this.dir, `${id}.json.tmp`), JSON.stringify(meta));
    renameSync(join(this.dir, `${id}.json.tmp`), join(this.dir, `${id}.json`));
    renameSync(join(this.dir, `${id}.tmp`), join(this.dir, id));
    return id;
  }

  async read(fileId: string, maxBytes: number): Promise<StoredFile> {
    if (!ID.test(fileId)) throw new AppError('NOT_FOUND', '没有找到这个文件');
    const path = join(this.dir, fileId);
    let size: number;
    let meta: Meta;
    try {
      size = statSync(path).size;
      meta = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Meta;
    } catch {
      throw new AppError('NOT_FOUND', '没有找到这个文件');
    }
    if (size > maxBytes) throw new AppError('FILE_TOO_LARGE', `文件太大了：最大 ${Math.floor(maxBytes / 1024)} KB`);
    return { bytes: readFileSync(path), size, uploadedBy: meta.uploadedBy, name: meta.name };
  }
}
