import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import type { ConsoleAccess } from '../../hooks/useConsole';
import ChoiceList from '../ChoiceList';
import { ErrorView, Loading } from '../StateView';

/**
 * The top of every console page: the page's title and whose village it is, or why it cannot be
 * shown (in words), or, for township staff, which village to look at.
 */
export default function ConsoleGate({
  title,
  access,
  children,
}: {
  readonly title: string;
  readonly access: ConsoleAccess;
  readonly children: ReactNode;
}) {
  return (
    <View>
      <Text className='xz-title'>
        {title}
        {access.status === 'ready' ? ` · ${access.villageName}` : ''}
      </Text>
      {access.status === 'loading' ? <Loading /> : null}
      {access.status === 'error' ? <ErrorView message={access.message} onRetry={access.retry} /> : null}
      {access.status === 'denied' ? (
        <View className='xz-card console-denied'>
          <Text className='xz-text xz-error'>{access.message}</Text>
          <Text className='xz-muted'>{access.hint}</Text>
          <View className='xz-button' onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
            回到首页
          </View>
        </View>
      ) : null}
      {access.status === 'pickVillage' ? (
        <View className='xz-card'>
          <Text className='xz-text'>请先选一个村：</Text>
          <ChoiceList
            choices={access.villages.map((v) => ({ id: v.id, label: v.name }))}
            selected={undefined}
            onPick={access.pick}
          />
        </View>
      ) : null}
      {access.status === 'ready' ? children : null}
    </View>
  );
}
