import { View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import { useElderMode } from '../../hooks/useElderMode';

/** Every page sits in this frame, so elder mode reaches every page without each one asking. */
export default function PageFrame({ children }: { readonly children: ReactNode }) {
  const { on } = useElderMode();
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('xz-elder', on);
  }, [on]);
  return <View className={`xz-page${on ? ' elder' : ''}`}>{children}</View>;
}
