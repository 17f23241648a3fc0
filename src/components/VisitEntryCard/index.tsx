import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { waitingIn } from '../../services/outbox';

const go = (url: string) => void Taro.navigateTo({ url });
const waiting = () => waitingIn({ get: (key) => Taro.getStorageSync(key) as unknown });

/**
 * 联户走访 on the home page, only for those who do it or watch it: party members and grid leaders
 * (my households, my grid), the committee (the village, assigning households) and township staff
 * (every village side by side). Nothing shows for anyone else.
 */
export default function VisitEntryCard({ roles }: { readonly roles: readonly string[] }) {
  const member = roles.includes('partyMember') || roles.includes('gridLeader');
  const grid = roles.includes('gridLeader');
  const committee = roles.includes('committee');
  const township = roles.includes('townshipStaff');
  // Check-ins still on this phone (no network when they were made): said here too, so none is forgotten.
  const [count, setCount] = useState(waiting);
  useDidShow(() => setCount(waiting()));
  if (!member && !committee && !township) return null;
  return (
    <View className='xz-card visit-entry'>
      <Text className='xz-text'>联户走访</Text>
      {member ? (
        <View className='xz-button visit-entry__mine' onClick={() => go('/pkg-visits/tasks/index')}>
          我的联系户
        </View>
      ) : null}
      {member && count > 0 ? (
        <Text className='xz-banner xz-banner--wait visit-entry__waiting'>还有 {count} 次走访存在手机上，没发出去</Text>
      ) : null}
      {grid ? (
        <View className='xz-button xz-button--plain visit-entry__grid' onClick={() => go('/pkg-visits/grid/index')}>
          网格走访情况
        </View>
      ) : null}
      {committee ? (
        <View
          className='xz-button xz-button--plain visit-entry__village'
          onClick={() => go('/pkg-visits/village/index')}
        >
          全村走访情况
        </View>
      ) : null}
      {township ? (
        <View
          className='xz-button xz-button--plain visit-entry__township'
          onClick={() => go('/pkg-visits/township/index')}
        >
          全镇走访情况
        </View>
      ) : null}
    </View>
  );
}
