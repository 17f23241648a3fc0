import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import VisitOutbox from '../../components/VisitOutbox';
import VisitTaskRow from '../../components/VisitTaskRow';
import { useLoad } from '../../hooks/useLoad';
import type { WhoAmI } from '../../hooks/useWhoAmI';
import Gate from '../Gate';
import { outbox, startOutbox, useAfterSent, useOutbox } from '../outbox-device';
import { clock, go, keepHouseholds, loadMyTasks, urls } from '../shared';
import '../visits.scss';

/**
 * 我的联系户: my households this period, overdue first, then the soonest due, then the done; what is
 * still waiting on this phone; and at the bottom, in reach of a thumb, the one next check-in.
 */
function Mine({ me }: { readonly me: WhoAmI }) {
  const list = useLoad(loadMyTasks, 'mine');
  const box = useOutbox();
  const { reload } = list;
  // Opened, back from a check-in, or the app shown again: send what waits, and ask again.
  const mountedAt = useRef(Date.now());
  useEffect(() => startOutbox(), []);
  useDidShow(() => {
    if (Date.now() - mountedAt.current < 1000) return;
    startOutbox();
    reload();
  });
  // Whenever something got through, the list is out of date.
  useAfterSent(box.sent, reload);
  // Keep each household still to visit on the phone, for a check-in without network later.
  const ready = list.status === 'ready' && list.data.keptAt === null ? list.data.data.tasks.items : null;
  useEffect(() => {
    if (ready) void keepHouseholds(ready.filter((t) => t.status !== 'done').map((t) => t.householdId));
  }, [ready]);

  const waitingFor = new Set(box.entries.map((e) => e.draft.householdId));
  const next =
    list.status === 'ready'
      ? list.data.data.tasks.items.find((t) => t.status !== 'done' && !waitingFor.has(t.householdId))
      : undefined;

  return (
    <View className='visits-page--bar'>
      <Text className='xz-title'>我的联系户</Text>
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'error' ? <ErrorView message={list.message} onRetry={list.reload} /> : null}
      {list.status === 'ready' ? (
        <View>
          {list.data.keptAt !== null ? (
            <Text className='xz-banner xz-banner--wait visits-kept'>
              没有网络：下面是 {clock(list.data.keptAt)} 存在手机上的名单，有网了会更新。
            </Text>
          ) : null}
          <View className='xz-card visits-summary'>
            <Text className='xz-text'>
              {list.data.data.tasks.month.replace('-', '年')}月，我联系 {list.data.data.board.households} 户
            </Text>
            <View className='xz-stat'>
              <View className='xz-stat__item'>
                <Text className='visits-summary__num visits-summary__done'>{list.data.data.tasks.tally.done}</Text>
                <Text className='xz-muted'>已走访</Text>
              </View>
              <View className='xz-stat__item'>
                <Text className='visits-summary__num visits-summary__due'>{list.data.data.tasks.tally.due}</Text>
                <Text className='xz-muted'>待走访</Text>
              </View>
              <View className='xz-stat__item'>
                <Text className='visits-summary__num visits-summary__overdue'>
                  {list.data.data.tasks.tally.overdue}
                </Text>
                <Text className='xz-muted'>逾期</Text>
              </View>
            </View>
            {list.data.data.board.warning ? (
              <Text className='xz-muted visits-warning'>{list.data.data.board.warning}</Text>
            ) : null}
          </View>
        </View>
      ) : null}
      <VisitOutbox
        entries={box.entries}
        sent={box.sent}
        online={box.online}
        busy={box.busy}
        onSend={box.sendNow}
        onRetry={(id) => void outbox.retry(id)}
        onDiscard={(id) => void outbox.discard(id)}
      />
      {list.status === 'ready' && list.data.data.tasks.items.length === 0 ? (
        <Empty title='这个月没有要走访的户' text='村两委给您分了联系户以后，这里会列出来。' />
      ) : null}
      {list.status === 'ready'
        ? list.data.data.tasks.items.map((t) => (
            <VisitTaskRow
              key={t.id}
              task={t}
              waiting={waitingFor.has(t.householdId)}
              onOpen={() => go(urls.household(t.householdId))}
              onCheckIn={() => go(urls.checkIn(t.householdId))}
            />
          ))
        : null}
      <View className='xz-actions'>
        <View className='xz-button xz-button--plain visits-to-needs' onClick={() => go(urls.needs())}>
          诉求清单
        </View>
        {me.roles.includes('gridLeader') ? (
          <View className='xz-button xz-button--plain visits-to-grid' onClick={() => go(urls.grid())}>
            网格情况
          </View>
        ) : null}
      </View>
      <View className='visits-bar'>
        {next ? (
          <View className='xz-button visits-bar__next' onClick={() => go(urls.checkIn(next.householdId))}>
            登记走访：户号 {next.householdCode}
          </View>
        ) : (
          <Text className='xz-text visits-bar__all'>
            {list.status === 'ready' ? '这个月的联系户都走访过了' : '正在看这个月要走访的户…'}
          </Text>
        )}
      </View>
    </View>
  );
}

export default function Tasks() {
  return (
    <PageFrame>
      <Gate roles={['partyMember', 'gridLeader']} why='这一页是党员看自己联系的户用的。'>
        {(me) => <Mine me={me} />}
      </Gate>
    </PageFrame>
  );
}
