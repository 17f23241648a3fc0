import { useSyncExternalStore } from 'react';

/** A tiny shared value that pages subscribe to (who I am, elder mode), without a state library. */
export interface Shared<T> {
  get(): T;
  set(value: T): void;
  use(): T;
}

export function shared<T>(initial: T): Shared<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  return {
    get: () => value,
    set: (next) => {
      value = next;
      for (const l of listeners) l();
    },
    use: () =>
      useSyncExternalStore(
        subscribe,
        () => value,
        () => value,
      ),
  };
}
