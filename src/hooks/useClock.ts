import { useEffect, useState } from 'react';

const MINUTE = 60_000;

/**
 * The time now, for countdowns that say minutes. It moves once a minute (never a ticking seconds
 * display that hurries anyone), and also just after the next moment the page cares about (a vote
 * opening or closing), so a button appears when it should rather than up to a minute late.
 */
export function useClock(moments: readonly number[] = []): number {
  const [now, setNow] = useState(() => Date.now());
  const key = moments.join(',');
  useEffect(() => {
    const next = key
      .split(',')
      .map(Number)
      .filter((t) => Number.isFinite(t) && t > now)
      .reduce((a, b) => Math.min(a, b), Infinity);
    // Half a second past the moment, so the server agrees it has come.
    const wait = Math.max(500, Math.min(MINUTE, next - now + 500));
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [now, key]);
  return now;
}
