import { useCallback, useEffect, useRef, useState } from 'react';
import { errorOf } from '../services/api';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly message: string };

/**
 * Loads something for a page and loads it again when `key` changes or on `reload`. An answer that
 * arrives after a newer request was made is dropped, so a quick second search never shows the
 * first one's rows. `load` null means: nothing to load yet.
 */
export function useLoad<T>(
  load: (() => Promise<T>) | null,
  key: string,
): Loaded<T> & { reload: () => void; set: (data: T) => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const waiting = load === null;

  useEffect(() => {
    const run = loadRef.current;
    if (waiting || !run) return;
    const mine = ++latest.current;
    setState({ status: 'loading' });
    run()
      .then((data) => {
        if (mine === latest.current) setState({ status: 'ready', data });
      })
      .catch((e: unknown) => {
        if (mine === latest.current) setState({ status: 'error', message: errorOf(e).message });
      });
  }, [key, tick, waiting]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { ...state, reload, set };
}
