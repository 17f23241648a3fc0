import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import { formatTime } from '../../utils/format';
import { voteUrl } from '../../utils/votes';
import './index.scss';

const loadOpen = () => call('votes.list', { state: 'open', limit: 10 });

/**
 * 正在表决 on the home page: every vote open right now, one big row each, straight to its page.
 * Nothing shows when none is open, so the home page stays short.
 */
export default function OpenVotesCard() {
  const open = useLoad(loadOpen, 'open-votes');
  // Back on the home page (after voting, say): look again, since a vote may have opened or closed.
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) open.reload();
    shownBefore.current = true;
  });
  if (open.status === 'loading') return null;
  if (open.status === 'error') {
    return (
      <View className='xz-card open-votes'>
        <Text className='xz-title'>正在表决</Text>
        <Text className='xz-text xz-error'>没有加载出来：{open.message}</Text>
        <View className='xz-button xz-button--quiet' onClick={open.reload}>
          再试一次
        </View>
      </View>
    );
  }
  if (open.data.items.length === 0) return null;
  return (
    <View className='xz-card open-votes'>
      <Text className='xz-title'>正在表决</Text>
      {open.data.items.map((m) => (
        <View
          key={m.id}
          className='open-votes__row'
          onClick={() => void Taro.navigateTo({ url: voteUrl('detail', m.id) })}
        >
          <Text className='open-votes__question'>{m.question}</Text>
          <Text className='open-votes__when'>{formatTime(m.closesAt)} 结束 · 点这里去看、去投 ›</Text>
        </View>
      ))}
    </View>
  );
}
