import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import ConsoleGate from '../../components/ConsoleGate';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import VisitCoverage from '../../components/VisitCoverage';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import { go, urls } from '../shared';
import '../visits.scss';

/**
 * 全村走访情况 (the committee): the village's coverage this month, households without a member, open
 * needs and the close-out rate, grid by grid; and the way to 分配联系户 and the needs list.
 */
export default function VillagePage() {
  const access = useConsole('console');
  const villageId = access.status === 'ready' ? access.villageId : undefined;
  const board = useLoad(
    access.status === 'ready' ? () => call('visits.villageBoard', villageId ? { villageId } : {}) : null,
    `village:${villageId ?? ''}`,
  );
  const { reload } = board;
  const mountedAt = useRef(Date.now());
  useDidShow(() => {
    if (Date.now() - mountedAt.current > 1000) reload();
  });
  return (
    <PageFrame>
      <ConsoleGate title='全村走访情况' access={access}>
        {board.status === 'loading' ? <Loading /> : null}
        {board.status === 'error' ? <ErrorView message={board.message} onRetry={board.reload} /> : null}
        {board.status === 'ready' ? (
          <View>
            <VisitCoverage
              title={`${board.data.month.replace('-', '年')}月 · ${board.data.villageName}`}
              row={board.data.village}
            />
            <View className='xz-actions'>
              {access.status === 'ready' && access.committee ? (
                <View className='xz-button visits-to-assign' onClick={() => go(urls.assign())}>
                  分配联系户
                </View>
              ) : null}
              <View className='xz-button xz-button--plain visits-to-needs' onClick={() => go(urls.needs(villageId))}>
                诉求清单
              </View>
            </View>
            <View className='xz-card visits-grids'>
              <Text className='xz-label'>各网格</Text>
              {board.data.grids.map((g) => (
                <View
                  key={g.groupId}
                  className='visits-grid-row'
                  onClick={() => go(urls.grid({ villageId, groupId: g.groupId }))}
                >
                  <VisitCoverage title={g.groupName} row={g} compact />
                </View>
              ))}
            </View>
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
