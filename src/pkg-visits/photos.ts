import { useCallback, useRef, useState } from 'react';
import type { Photos, PhotoItem } from '../hooks/usePhotos';
import { previewOf, type PickedFile } from '../services/files';
import type { PickedPhoto } from '../services/outbox';

/**
 * Photos for a check-in, kept on the phone rather than uploaded at once (there may be no network):
 * the same shape PhotoPicker shows, with each photo's local key in place of a file id. The queue
 * uploads them when it sends the check-in.
 */
export function useLocalPhotos(max: number): Photos & { picked(): PickedPhoto[] } {
  const [items, setItems] = useState<readonly PhotoItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const files = useRef(new Map<string, PickedFile>());
  const seq = useRef(0);
  const count = useRef(0);
  count.current = items.length;

  const add = useCallback(
    (picked: readonly PickedFile[]) => {
      const room = max - count.current;
      const taken = picked.slice(0, Math.max(0, room));
      const ok = taken.filter((f) => f.size > 0 && f.size <= 5 * 1024 * 1024);
      setError(
        picked.length > taken.length
          ? `照片最多${max}张，多出来的没有加上`
          : ok.length < taken.length
            ? '有一张照片太大（最大 5 MB）或是空的，没有加上'
            : null,
      );
      const added = ok.map((f) => {
        seq.current += 1;
        const key = `local-${seq.current}`;
        files.current.set(key, f);
        return { fileId: key, preview: previewOf(f) };
      });
      setItems((xs) => [...xs, ...added]);
    },
    [max],
  );
  const remove = useCallback((key: string) => {
    files.current.delete(key);
    setItems((xs) => xs.filter((x) => x.fileId !== key));
  }, []);
  const reset = useCallback(() => {
    files.current.clear();
    setItems([]);
  }, []);
  const fail = useCallback((m: string) => setError(m), []);
  const picked = useCallback(
    () =>
      items.flatMap((x) => {
        const f = files.current.get(x.fileId);
        return f ? [{ name: f.name, size: f.size, photo: 'blob' in f ? f.blob : f.path }] : [];
      }),
    [items],
  );
  return {
    items,
    ids: items.map((x) => x.fileId),
    uploading: false,
    error,
    room: max - items.length,
    add,
    remove,
    reset,
    fail,
    picked,
  };
}
