import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, type ReactNode } from 'react';
import { ErrorView, Loading } from '../components/StateView';
import { useWhoAmI, type WhoAmI } from '../hooks/useWhoAmI';

const ME_KEY = 'xz.visits.me';

function keptMe(): WhoAmI | null {
  const v = Taro.getStorageSync(ME_KEY) as WhoAmI | '';
  return v && typeof v === 'object' && Array.isArray(v.roles) ? v : null;
}

/**
 * The top of every visits page: who is looking, or why this page is not theirs (in words). The server
 * checks every call again; this only spares someone an empty page. With no network, the member is
 * the one last seen on this phone, so the list and the queue still open in the hills.
 */
export default function Gate({
  roles,
  why,
  children,
}: {
  readonly roles: readonly string[];
  readonly why: string;
  readonly children: (me: WhoAmI) => ReactNode;
}) {
  const who = useWhoAmI();
  const ready = who.status === 'ready' ? who.me : null;
  useEffect(() => {
    if (ready) Taro.setStorageSync(ME_KEY, ready);
  }, [ready]);
  if (who.status === 'loading') return <Loading />;
  const offline = who.status === 'error' && who.error.code === 'UNAVAILABLE' ? keptMe() : null;
  if (who.status === 'error' && !offline) return <ErrorView message={who.error.message} onRetry={who.reload} />;
  const me = ready ?? offline;
  if (!me) return null;
  if (!me.roles.some((r) => roles.includes(r)))
    return (
      <View className='xz-card visits-denied'>
        <Text className='xz-text xz-error'>没有权限：{why}</Text>
        <View className='xz-button' onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          回到首页
        </View>
      </View>
    );
  // With no network each page says so itself, beside what it shows from the phone.
  return <View>{children(me)}</View>;
}
