import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/** Runs `again` each time the page shows after its first showing: back from a page opened from it. */
export function useOnReturn(again: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) again();
    shown.current = true;
  });
}
