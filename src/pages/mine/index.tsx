import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import ElderSwitch from '../../components/ElderSwitch';
import JoinCard from '../../components/JoinCard';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useElderMode } from '../../hooks/useElderMode';
import { DEV_LOGIN_URL, resetWhoAmI, useWhoAmI } from '../../hooks/useWhoAmI';
import { clearToken } from '../../services/session';
import { rolesText } from '../../utils/format';

function switchUser() {
  clearToken();
  resetWhoAmI();
  void Taro.navigateTo({ url: DEV_LOGIN_URL });
}

export default function Mine() {
  const who = useWhoAmI();
  const elder = useElderMode();
  return (
    <PageFrame>
      <Text className='xz-title'>我的</Text>
      {who.status === 'loading' ? <Loading /> : null}
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {who.status === 'ready' ? (
        <View>
          <View className='xz-card'>
            <View className='xz-row'>
              <Text className='xz-text'>姓名</Text>
              <Text className='xz-text'>{who.me.name}</Text>
            </View>
            <View className='xz-row'>
              <Text className='xz-text'>身份</Text>
              <Text className='xz-text'>{rolesText(who.me.roles)}</Text>
            </View>
            {who.me.village ? (
              <View className='xz-row'>
                <Text className='xz-text'>村</Text>
                <Text className='xz-text'>{who.me.village.name}</Text>
              </View>
            ) : null}
            {who.me.household ? (
              <View className='xz-row'>
                <Text className='xz-text'>我家</Text>
                <Text className='xz-text'>
                  {who.me.household.groupName} · 户号 {who.me.household.code} · {who.me.household.memberCount} 口人
                </Text>
              </View>
            ) : null}
          </View>
          {!who.me.joined && !who.me.roles.includes('townshipStaff') ? (
            <JoinCard onOpen={() => void Taro.navigateTo({ url: '/pkg-join/index' })} />
          ) : null}
          <View className='xz-card'>
            <ElderSwitch on={elder.on} disabled={elder.saving} onChange={elder.setOn} />
            {elder.error ? <Text className='xz-muted xz-error'>{elder.error}</Text> : null}
          </View>
          {process.env.TARO_ENV === 'h5' ? (
            <View
              className='xz-button xz-button--plain'
              onClick={() => void Taro.navigateTo({ url: '/pkg-dev/outbox/index' })}
            >
              我收到的通知（演示）
            </View>
          ) : null}
          {process.env.TARO_ENV === 'h5' ? (
            <View className='xz-button xz-button--plain' onClick={switchUser}>
              换一个演示用户
            </View>
          ) : null}
        </View>
      ) : null}
    </PageFrame>
  );
}
