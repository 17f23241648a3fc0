import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { call, errorOf } from '../services/api';
import { updateMe, useKnownMe } from './useWhoAmI';

/** The last choice seen on this phone, so the first screen (and an offline start) is already right. */
const LAST_KEY = 'xz.elderMode';

function lastChoice(): boolean | null {
  const v: unknown = Taro.getStorageSync(LAST_KEY);
  return typeof v === 'boolean' ? v : null;
}

/**
 * Elder mode (长辈版): larger text, higher contrast, bigger buttons. The user's own choice is kept
 * with the account (so it follows them to a new phone). Until they choose, it follows WeChat's font
 * setting: 关怀模式 and other large font sizes switch it on by themselves.
 */
export function wechatWantsLargeText(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    const info = Taro.getAppBaseInfo() as { fontSizeSetting?: number; fontSizeScaleFactor?: number };
    // Standard text is 17 px; 关怀模式 is 23.8 px at 375 wide.
    return (info.fontSizeScaleFactor ?? 1) >= 1.3 || (info.fontSizeSetting ?? 17) >= 20;
  } catch {
    return false;
  }
}

export function useElderMode(): { on: boolean; saving: boolean; error: string | null; setOn: (on: boolean) => void } {
  const me = useKnownMe();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = me ? me.prefs.elderMode : lastChoice();
  const on = chosen ?? wechatWantsLargeText();

  useEffect(() => {
    if (me && me.prefs.elderMode !== null) Taro.setStorageSync(LAST_KEY, me.prefs.elderMode);
  }, [me]);

  const setOn = useCallback(
    (next: boolean) => {
      if (!me) return;
      const before = me.prefs;
      updateMe({ prefs: { elderMode: next } });
      setSaving(true);
      setError(null);
      call('account.setPrefs', { elderMode: next })
        .catch((e: unknown) => {
          updateMe({ prefs: before });
          setError(`没有保存上：${errorOf(e).message}`);
        })
        .finally(() => setSaving(false));
    },
    [me],
  );
  return { on, saving, error, setOn };
}
