import { useCallback, useEffect, useRef, useState } from 'react';
import { errorOf } from '../services/api';

export interface Paged<T> {
  readonly items: readonly T[];
  readonly more: boolean;
  readonly busy: boolean;
  readonly error: string | null;
  loadMore(): void;
}

/**
 * A list read a page at a time and shown as one growing list (a timeline, progress posts,
 * comments): loaded afresh when `key` changes, extended with 再往后看. Answers to an older key are dropped.
 */
export function usePaged<T>(
  load: ((cursor: string | undefined) => Promise<{ items: readonly T[]; nextCursor: string | null }>) | null,
  key: string,
): Paged<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const waiting = load === null;

  useEffect(() => {
    const run = loadRef.current;
    if (waiting || !run) return;
    const mine = ++latest.current;
    setBusy(true);
    setError(null);
    run(undefined)
      .then((p) => {
        if (mine !== latest.current) return;
        setItems(p.items);
        setCursor(p.nextCursor);
      })
      .catch((e: unknown) => {
        if (mine === latest.current) setError(errorOf(e).message);
      })
      .finally(() => {
        if (mine === latest.current) setBusy(false);
      });
  }, [key, waiting]);

  const loadMore = useCallback(() => {
    const run = loadRef.current;
    if (!run || busy || cursor === null) return;
    const mine = ++latest.current;
    setBusy(true);
    run(cursor)
      .then((p) => {
        if (mine !== latest.current) return;
        setItems((xs) => [...xs, ...p.items]);
        setCursor(p.nextCursor);
      })
      .catch((e: unknown) => {
        if (mine === latest.current) setError(errorOf(e).message);
      })
      .finally(() => {
        if (mine === latest.current) setBusy(false);
      });
  }, [busy, cursor]);

  return { items, more: cursor !== null, busy, error, loadMore };
}
