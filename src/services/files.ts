import Taro from '@tarojs/taro';
import { ApiError } from './api';
import { getToken } from './session';

/**
 * Files for the functions (CSV rosters, photos). Functions only ever receive a file id:
 * - weapp: wx.cloud.uploadFile under `uploads/<accountId>/…`; the server reads the uploader from
 *   that path, so only the one who uploaded a file can use it;
 * - H5: POST /api/files on the local gateway with the session token.
 */
export type UploadKind = 'roster' | 'photo';

/** A file the user picked: a Blob in H5, a temporary path in the mini-program. */
export type PickedFile =
  | { readonly name: string; readonly size: number; readonly blob: Blob }
  | { readonly name: string; readonly size: number; readonly path: string };

interface KindRule {
  /** Accepted name endings, lower case; the first one names a file whose own name has none. */
  readonly exts: readonly string[];
  readonly contentType: string;
  readonly maxBytes: number;
  readonly tooLarge: string;
  readonly wrongType: string;
}

const KINDS: Readonly<Record<UploadKind, KindRule>> = {
  // The server refuses rosters above 2 MB; saying so before the upload saves a slow wait.
  roster: {
    exts: ['csv'],
    contentType: 'text/csv',
    maxBytes: 2 * 1024 * 1024,
    tooLarge: '文件太大了：花名册最大 2 MB，请只留需要的列',
    wrongType: '请选 .csv 文件（Excel 里“另存为” CSV）',
  },
  // Photos of a matter, a meeting or the work. The server checks the bytes really are a picture.
  photo: {
    exts: ['jpg', 'jpeg', 'png', 'webp'],
    contentType: 'application/octet-stream',
    maxBytes: 5 * 1024 * 1024,
    tooLarge: '照片太大了：每张最大 5 MB',
    wrongType: '只能传照片（JPG、PNG 或 WebP）',
  },
};

function extOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const NETWORK = '网络不太好，文件没有传上去，请稍后再试';

function randomName(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

async function uploadH5(rule: KindRule, file: PickedFile & { blob: Blob }): Promise<string> {
  const headers: Record<string, string> = {
    'content-type': rule.contentType,
    'x-file-name': encodeURIComponent(file.name),
  };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: unknown;
  try {
    const res = await fetch('/api/files', { method: 'POST', headers, body: file.blob });
    body = await res.json();
  } catch {
    throw new ApiError('UNAVAILABLE', NETWORK);
  }
  const reply = body as { ok?: unknown; data?: { fileId?: unknown }; error?: { code?: unknown; message?: unknown } };
  if (reply.ok === true && typeof reply.data?.fileId === 'string') return reply.data.fileId;
  const code = reply.error?.code;
  if (code === 'FILE_TOO_LARGE' || code === 'PAYLOAD_TOO_LARGE') throw new ApiError('FILE_TOO_LARGE', rule.tooLarge);
  if (code === 'UNAUTHENTICATED') throw new ApiError('UNAUTHENTICATED', '请先登录，再上传文件');
  if (code === 'FILE_TYPE') throw new ApiError('FILE_TYPE', '这个文件是空的，或者格式不对');
  throw new ApiError('INTERNAL', '文件没有传上去，请再试一次');
}

async function uploadWeapp(rule: KindRule, file: PickedFile & { path: string }, accountId: string): Promise<string> {
  try {
    const res = await Taro.cloud.uploadFile({
      cloudPath: `uploads/${accountId}/${randomName()}.${extOf(file.name) || rule.exts[0]}`,
      filePath: file.path,
    });
    return res.fileID;
  } catch {
    throw new ApiError('UNAVAILABLE', NETWORK);
  }
}

/** Uploads one picked file and returns its id for the functions; errors are ApiErrors in words. */
export async function uploadFile(kind: UploadKind, file: PickedFile, accountId: string): Promise<string> {
  const rule = KINDS[kind];
  if (file.size === 0) throw new ApiError('FILE_TYPE', '这个文件是空的');
  if (file.size > rule.maxBytes) throw new ApiError('FILE_TOO_LARGE', rule.tooLarge);
  if (!rule.exts.includes(extOf(file.name))) throw new ApiError('FILE_TYPE', rule.wrongType);
  if ('blob' in file) return uploadH5(rule, file);
  return uploadWeapp(rule, file, accountId);
}

/** H5: every file the hidden input picked (photos may come several at once). */
export function allPickedFromInput(files: FileList | null): PickedFile[] {
  return files ? Array.from(files, (f) => ({ name: f.name, size: f.size, blob: f })) : [];
}

/** weapp: up to `count` photos from the album or the camera, made smaller by WeChat. Empty if cancelled. */
export async function choosePhotosWeapp(count: number): Promise<PickedFile[]> {
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFiles.map((f) => ({ name: f.path.slice(f.path.lastIndexOf('/') + 1), size: f.size, path: f.path }));
  } catch (e) {
    const msg = (e as { errMsg?: unknown } | null)?.errMsg;
    if (typeof msg === 'string' && msg.includes('cancel')) return [];
    throw new ApiError('UNAVAILABLE', '没有打开相册，请再试一次');
  }
}

/**
 * Where a stored photo is shown from: WeChat shows `cloud://` ids itself; the local gateway serves
 * `/api/files/<id>` to a signed-in member of the uploader's village (pages show the photo's place in
 * words when it cannot be loaded).
 */
export function photoUrl(fileId: string): string {
  if (process.env.TARO_ENV === 'weapp') return fileId;
  return `/api/files/${encodeURIComponent(fileId)}`;
}

/**
 * H5: a stored photo as a blob URL. An <img> cannot send the session token, so the bytes are
 * fetched with it; the caller revokes the URL when the photo leaves the page. Null when the photo
 * cannot be shown (gone, another village's, or the network).
 */
export async function loadPhotoH5(fileId: string): Promise<string | null> {
  const token = getToken();
  try {
    const res = await fetch(photoUrl(fileId), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('image/')) return null;
    return URL.createObjectURL(await res.blob());
  } catch {
    return null;
  }
}

/** A picked file's own preview before it is stored: a blob URL in H5, the temporary path in the mini-program. */
export function previewOf(file: PickedFile): string {
  return 'blob' in file ? URL.createObjectURL(file.blob) : file.path;
}

/** H5: what the hidden file input picked. */
export function pickedFromInput(files: FileList | null): PickedFile | null {
  const f = files?.[0];
  return f ? { name: f.name, size: f.size, blob: f } : null;
}

/** weapp: a CSV from a WeChat chat (the committee sends it to itself from the computer). Null if cancelled. */
export async function chooseCsvWeapp(): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] });
    const f = res.tempFiles[0];
    return f ? { name: f.name, size: f.size, path: f.path } : null;
  } catch (e) {
    const msg = (e as { errMsg?: unknown } | null)?.errMsg;
    if (typeof msg === 'string' && msg.includes('cancel')) return null;
    throw new ApiError('UNAVAILABLE', '没有打开文件，请再试一次');
  }
}

/** H5: hands the browser a file to save under `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** H5: saves text as a file; a UTF-8 BOM first, so Excel on Windows shows the Chinese right. */
export function downloadText(fileName: string, text: string): void {
  downloadBlob(fileName, new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
}

/** weapp: copies text to the clipboard (WeChat shows its own small "已复制" note). */
export async function copyText(text: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text });
  } catch {
    throw new ApiError('UNAVAILABLE', '没有复制上，请长按文字自己复制');
  }
}
