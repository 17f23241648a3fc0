import { fixedClock } from '../../cloudfunctions/shared/clock';
import { seedDemo } from '../../scripts/seed-demo';
import { tempStore } from './store';

/** 2026-11-23 08:00 in Asia/Shanghai. */
export const T0 = Date.UTC(2026, 10, 23, 0, 0, 0);

/** A temp on-disk store holding the demo township, and a clock held at T0. */
export async function seededStore() {
  const t = await tempStore();
  await seedDemo(t.store, T0);
  return { ...t, clock: fixedClock(T0) };
}
