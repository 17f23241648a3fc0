import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef } from 'react';
import { call } from '../services/api';
import type { MotionView } from '../utils/votes';
import { useClock } from './useClock';
import { useLoad, type Loaded } from './useLoad';

export type MotionState = Loaded<MotionView> & {
  /** The phone's time, moved once a minute and at the vote's opening and closing. */
  readonly now: number;
  readonly reload: () => void;
};

/**
 * One motion as its voter sees it (votes.get). With each move of the clock, and when the page is
 * shown again (back from voting), it asks again without blanking the page, so turnout, the chain
 * head and "can I vote now" stay current. Turnout only: the server never gives partial counts.
 */
export function useMotion(motionId: string): MotionState {
  const loaded = useLoad(motionId ? () => call('votes.get', { motionId }) : null, `motion|${motionId}`);
  const view = loaded.status === 'ready' ? loaded.data : null;
  const now = useClock(view ? [view.motion.opensAt, view.motion.closesAt] : []);
  const { set } = loaded;

  const refresh = useCallback(() => {
    if (!motionId) return;
    // A failed quiet refresh keeps what is shown; the next one, or 刷新, tries again.
    call('votes.get', { motionId })
      .then(set)
      .catch(() => undefined);
  }, [motionId, set]);

  const lastTick = useRef(now);
  useEffect(() => {
    if (now === lastTick.current) return;
    lastTick.current = now;
    refresh();
  }, [now, refresh]);

  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) refresh();
    shownBefore.current = true;
  });

  return { ...loaded, now };
}
