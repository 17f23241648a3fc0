import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { WhoAmI } from '../../hooks/useWhoAmI';

/**
 * 村务公开 on the home page's console: the committee's board tools, or, for township staff, how every
 * village keeps its board. Nothing for anyone else.
 */
export default function BoardConsoleLink({ me }: { readonly me: WhoAmI }) {
  const committee = me.roles.includes('committee') && me.village !== null;
  const staff = me.roles.includes('townshipStaff') && me.township !== null;
  if (!committee && !staff) return null;
  return (
    <View className='xz-card board-console'>
      <Text className='xz-label'>村务公开</Text>
      {committee ? (
        <View
          className='xz-button board-console__manage'
          onClick={() => void Taro.navigateTo({ url: '/pkg-board/manage/index' })}
        >
          公开栏管理
        </View>
      ) : null}
      {staff ? (
        <View
          className='xz-button board-console__township'
          onClick={() => void Taro.navigateTo({ url: '/pkg-board/township/index' })}
        >
          各村公开情况
        </View>
      ) : null}
    </View>
  );
}
