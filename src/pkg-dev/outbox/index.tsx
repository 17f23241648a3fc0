import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useWhoAmI } from '../../hooks/useWhoAmI';
import { errorOf } from '../../services/api';
import { listDevOutbox, type DevMessage } from '../../services/dev';
import { formatTime } from '../../utils/format';

/**
 * Local demo only: the notifications WeChat would send this person as subscribe messages (a matter
 * moved on, a vote opened). On the local gateway there is no WeChat, so they wait in the outbox.
 */
export default function DevOutbox() {
  const who = useWhoAmI();
  const accountId = who.status === 'ready' ? who.me.accountId : null;
  const [items, setItems] = useState<DevMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!accountId) return;
    setError(null);
    listDevOutbox(accountId)
      .then(setItems)
      .catch((e: unknown) => setError(errorOf(e).message));
  }, [accountId]);
  useEffect(load, [load]);
  useDidShow(load);

  return (
    <PageFrame>
      <Text className='xz-title'>我收到的通知</Text>
      <Text className='xz-muted'>在微信里，这些会作为服务通知发到手机上。本地演示没有微信，就列在这里。</Text>
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {error ? <ErrorView message={error} onRetry={load} /> : null}
      {!error && (who.status === 'loading' || (accountId && items === null)) ? <Loading /> : null}
      {items && items.length === 0 ? <Empty title='还没有通知' text='提的事、附议的事有了进展，会通知你。' /> : null}
      {items?.map((m) => (
        <View
          key={m._id}
          className='xz-card dev-message'
          onClick={
            m.matterId
              ? () => void Taro.navigateTo({ url: `/pages/matter/index?id=${encodeURIComponent(m.matterId ?? '')}` })
              : undefined
          }
        >
          <Text className='xz-text'>{m.title}</Text>
          {m.text ? <Text className='xz-muted'>{m.text}</Text> : null}
          <Text className='xz-muted'>{`${formatTime(m.at)}${m.matterId ? ' · 点开看这件事' : ''}`}</Text>
        </View>
      ))}
    </PageFrame>
  );
}
