import { useCallback, useRef, useState } from 'react';
import { errorOf } from '../services/api';
import { photoUrl, previewOf, uploadFile, type PickedFile } from '../services/files';
import { MAX_PHOTOS } from '../utils/matter';

export interface PhotoItem {
  readonly fileId: string;
  /** What to show: the picked file itself while on this phone, else the stored photo. */
  readonly preview: string;
}

export interface Photos {
  readonly items: readonly PhotoItem[];
  readonly ids: readonly string[];
  readonly uploading: boolean;
  readonly error: string | null;
  readonly room: number;
  add(files: readonly PickedFile[]): void;
  remove(fileId: string): void;
  /** Replaces the list with stored photos (a draft read back), or empties it. */
  reset(fileIds: readonly string[]): void;
  fail(message: string): void;
}

/**
 * Photos for a form: each picked photo is uploaded at once (one at a time, so a slow line is not
 * asked for six at once) and the form keeps only file ids. At most six, as the server allows.
 */
export function usePhotos(accountId: string, max: number = MAX_PHOTOS): Photos {
  const [items, setItems] = useState<readonly PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = useRef(0);
  count.current = items.length;

  const add = useCallback(
    (files: readonly PickedFile[]) => {
      if (uploading || files.length === 0) return;
      const room = max - count.current;
      const taken = files.slice(0, Math.max(0, room));
      setError(files.length > taken.length ? `照片最多${max}张，多出来的没有加上` : null);
      if (taken.length === 0) return;
      setUploading(true);
      void (async () => {
        for (const f of taken) {
          try {
            const fileId = await uploadFile('photo', f, accountId);
            setItems((xs) => [...xs, { fileId, preview: previewOf(f) }]);
          } catch (e) {
            setError(`有一张照片没有传上去：${errorOf(e).message}`);
          }
        }
        setUploading(false);
      })();
    },
    [accountId, max, uploading],
  );

  const remove = useCallback((fileId: string) => setItems((xs) => xs.filter((x) => x.fileId !== fileId)), []);
  const reset = useCallback(
    (fileIds: readonly string[]) => setItems(fileIds.map((fileId) => ({ fileId, preview: photoUrl(fileId) }))),
    [],
  );
  const fail = useCallback((message: string) => setError(message), []);

  return {
    items,
    ids: items.map((x) => x.fileId),
    uploading,
    error,
    room: max - items.length,
    add,
    remove,
    reset,
    fail,
  };
}
