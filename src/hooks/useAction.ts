import { useCallback, useState } from 'react';
import { errorOf } from '../services/api';

export interface Action {
  readonly busy: boolean;
  /** What went wrong, in the server's words; shown beside the button, never in a pop-up. */
  readonly error: string | null;
  /** What was just done, in words, until the next try. */
  readonly done: string | null;
  run<T>(work: () => Promise<T>, doneText: string | ((result: T) => string), after?: (result: T) => void): void;
  clear(): void;
}

/** One button's call to the server: busy while it runs, then either a note of what was done or why not. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    <T>(work: () => Promise<T>, doneText: string | ((result: T) => string), after?: (result: T) => void) => {
      if (busy) return;
      setBusy(true);
      setError(null);
      setDone(null);
      work()
        .then((result) => {
          setDone(typeof doneText === 'string' ? doneText : doneText(result));
          after?.(result);
        })
        .catch((e: unknown) => setError(errorOf(e).message))
        .finally(() => setBusy(false));
    },
    [busy],
  );
  const clear = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);
  return { busy, error, done, run, clear };
}
