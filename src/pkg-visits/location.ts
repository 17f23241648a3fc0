import Taro from '@tarojs/taro';
import type { WhereWhen } from '../services/outbox';

type Where = NonNullable<WhereWhen['location']>;

/**
 * Where the member is, asked only after the villager agreed (the page's switch). Any failure (the
 * phone's own permission refused, no fix in the hills, a slow answer) is recorded as "unavailable",
 * never an error that stops the check-in.
 */
export async function locate(): Promise<Where> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return { consent: 'unavailable' };
      const pos = await new Promise<GeolocationPosition>((resolve, reject) =>
        navigator.geolocation.getCurrentPosition(resolve, reject, { timeout: 8000, maximumAge: 60_000 }),
      );
      return {
        consent: 'granted',
        latitude: pos.coords.latitude,
        longitude: pos.coords.longitude,
        accuracy: Math.min(100_000, pos.coords.accuracy),
      };
    }
    const r = await Taro.getLocation({ type: 'gcj02' });
    return {
      consent: 'granted',
      latitude: r.latitude,
      longitude: r.longitude,
      accuracy: Math.min(100_000, r.accuracy),
    };
  } catch {
    return { consent: 'unavailable' };
  }
}

export function whereText(w: Where | null): string {
  if (!w) return '还没记';
  if (w.consent === 'granted') return `已记下（误差约${Math.round(w.accuracy ?? 0)}米）`;
  return w.consent === 'refused' ? '村民不同意，没有记' : '手机没取到位置，记为“取不到”';
}
