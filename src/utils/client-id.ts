/**
 * An id the phone makes once for something it sends (a check-in, a progress report) and sends again
 * with every retry, so the server keeps it once: 8–64 of A–Z a–z 0–9 _ -, the time, then randomness.
 */
export function newClientId(now: number, random: () => number = Math.random): string {
  let r = '';
  while (r.length < 16) r += Math.floor(random() * 36).toString(36);
  return `v${now.toString(36)}${r}`.slice(0, 40);
}
