/**
 * Files (CSV imports, photos). The weapp uploads with wx.cloud.uploadFile and passes the file id;
 * H5 and local development upload to the gateway, which keeps them under .data/files/. Functions
 * only ever receive file ids, and check type and size themselves.
 */
export interface StoredFile {
  readonly bytes: Buffer;
  readonly size: number;
  /** Who uploaded it, when the store knows (the gateway does; CloudBase keeps it in the path). */
  readonly uploadedBy: string | null;
  readonly name: string;
}

export interface FileStore {
  /** NOT_FOUND when there is no such file; FILE_TOO_LARGE when it is over maxBytes. */
  read(fileId: string, maxBytes: number): Promise<StoredFile>;
}
