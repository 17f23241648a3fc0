import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef } from 'react';
import ConsoleGate from '../../components/ConsoleGate';
import MotionAdmin from '../../components/MotionAdmin';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';

const loadMotions = () => call('votes.list', { limit: 50 });

/** 表决 (the committee's side): every motion with its state, a new one, and the tools for one that runs. */
export default function Votes() {
  const access = useConsole('committee');
  const list = useLoad(access.status === 'ready' ? loadMotions : null, 'motions');
  const { set } = list;
  // After a tool was used, or back from 发起表决: ask again without folding what is open on the page.
  const refresh = useCallback(() => {
    loadMotions().then(set, () => undefined);
  }, [set]);
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) refresh();
    shownBefore.current = true;
  });

  return (
    <PageFrame>
      <ConsoleGate title='表决' access={access}>
        <View
          className='xz-button votes-new'
          onClick={() => void Taro.navigateTo({ url: '/pkg-committee/vote-open/index' })}
        >
          发起新的表决
        </View>
        <Text className='xz-muted'>
          要先公告满 10 天才能开始投票（紧急的事写明理由可以不等）。投票期间只公布有多少人投了，结束后才公布票数。
        </Text>
        {list.status === 'loading' ? <Loading /> : null}
        {list.status === 'error' ? <ErrorView message={list.message} onRetry={list.reload} /> : null}
        {list.status === 'ready' && list.data.items.length === 0 ? (
          <Empty title='还没有表决' text='点上面的“发起新的表决”开始。' />
        ) : null}
        {list.status === 'ready'
          ? list.data.items.map((m) => <MotionAdmin key={m.id} motion={m} onChanged={refresh} />)
          : null}
      </ConsoleGate>
    </PageFrame>
  );
}
