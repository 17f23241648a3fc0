import { init, SYMBOL_CURRENT_ENV } from '@cloudbase/node-sdk';
import { AppError } from '../../../core/errors';
import type { FileStore, StoredFile } from './port';

/**
 * Files in CloudBase storage, uploaded by the mini-program with wx.cloud.uploadFile under
 * `uploads/<accountId>/…` (src/services/files.ts). The uploader is read from that path; storage
 * security rules should restrict writes under uploads/ to the user's own folder (docs/DEPLOY.md).
 */
const CLOUD_ID = /^cloud:\/\/[A-Za-z0-9._-]+\/(.+)$/;

interface DownloadResult {
  readonly fileContent?: Buffer | string;
}

interface FileApp {
  downloadFile(options: { fileID: string }): Promise<DownloadResult>;
}

export class CloudbaseFileStore implements FileStore {
  private readonly app: FileApp;

  constructor(env: string) {
    this.app = init({ env: env === '' ? SYMBOL_CURRENT_ENV : env }) as unknown as FileApp;
  }

  async read(fileId: string, maxBytes: number): Promise<StoredFile> {
    const m = CLOUD_ID.exec(fileId);
    if (!m) throw new AppError('NOT_FOUND', '没有找到这个文件');
    const path = m[1];
    let res: DownloadResult;
    try {
      res = await this.app.downloadFile({ fileID: fileId });
    } catch {
      throw new AppError('NOT_FOUND', '没有找到这个文件');
    }
    const bytes = typeof res.fileContent === 'string' ? Buffer.from(res.fileContent) : res.fileContent;
    if (!bytes) throw new AppError('NOT_FOUND', '没有找到这个文件');
    if (bytes.length > maxBytes)
      throw new AppError('FILE_TOO_LARGE', `文件太大了：最大 ${Math.floor(maxBytes / 1024)} KB`);
    const parts = path.split('/');
    const uploadedBy = parts[0] === 'uploads' && parts.length >= 3 ? parts[1] : null;
    return { bytes, size: bytes.length, uploadedBy, name: parts[parts.length - 1] };
  }
}
