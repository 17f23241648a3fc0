import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import NeedCard from '../../components/NeedCard';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useLoad } from '../../hooks/useLoad';
import type { WhoAmI } from '../../hooks/useWhoAmI';
import type { Role } from '../../../core/roles';
import Gate from '../Gate';
import { startOutbox, useAfterSent, useOutbox } from '../outbox-device';
import { clock, go, loadHousehold, taskStatusText, urls } from '../shared';
import '../visits.scss';

const CADENCE: Readonly<Record<string, string>> = { month: '每月走访一次', week: '每周走访一次' };

/** 户的情况: one household's page — who looks after it, everything due for it, its visits and its open needs. */
function Household({ me, id }: { readonly me: WhoAmI; readonly id: string }) {
  const page = useLoad(() => loadHousehold(id), id);
  const box = useOutbox();
  const { reload } = page;
  const mountedAt = useRef(Date.now());
  useEffect(() => startOutbox(), []);
  useDidShow(() => {
    if (Date.now() - mountedAt.current > 1000) reload();
  });
  useAfterSent(box.sent, reload);
  const waiting = box.entries.filter((e) => e.draft.householdId === id);
  const member = me.roles.includes('partyMember') || me.roles.includes('gridLeader');

  if (page.status === 'loading') return <Loading />;
  if (page.status === 'error') return <ErrorView message={page.message} onRetry={page.reload} />;
  const { household: h, member: m, due, tasks, visits, needs } = page.data.data;
  return (
    <View className={member ? 'visits-page--bar' : ''}>
      <Text className='xz-title'>户号 {h.code}</Text>
      {page.data.keptAt !== null ? (
        <Text className='xz-banner xz-banner--wait visits-kept'>
          没有网络：这是 {clock(page.data.keptAt)} 存在手机上的。
        </Text>
      ) : null}
      <View className='xz-card visits-hh'>
        <Text className='xz-text'>
          {h.groupName} · {h.people.length} 口人：{h.people.map((p) => p.name).join('、')}
        </Text>
        <Text className='xz-text'>
          {CADENCE[h.cadence] ?? h.cadence}
          {h.tags.length > 0 ? `（${h.tags.join('、')}）` : ''}
        </Text>
        <Text className='xz-text visits-hh__member'>
          联系党员：{m ? `${m.name}（${clock(m.since)}起）` : '还没有人联系'}
        </Text>
      </View>
      {waiting.length > 0 ? (
        <Text className='xz-banner xz-banner--wait visits-hh__waiting'>
          这一户有 {waiting.length} 次走访还存在手机上，没发出去。
        </Text>
      ) : null}
      <View className='xz-card visits-hh__due'>
        <Text className='xz-label'>该走访的</Text>
        {due.length === 0 ? (
          <Text className='xz-text'>
            现在没有该走访的。{tasks.length > 0 ? `${tasks[0].periodLabel}：${taskStatusText(tasks[0])}` : ''}
          </Text>
        ) : null}
        {due.map((t) => (
          <Text key={t.id} className='xz-text'>
            {t.periodLabel}：{taskStatusText(t)}
          </Text>
        ))}
      </View>
      <View className='xz-card visits-hh__visits'>
        <Text className='xz-label'>走访记录（{visits.length}次）</Text>
        {visits.length === 0 ? <Text className='xz-text'>还没有走访记录。</Text> : null}
        {visits.map((v) => (
          <View key={v.id} className='visits-row visits-hh__visit'>
            <Text className='xz-text'>
              {clock(v.startedAt)} · {v.memberName}
            </Text>
            {v.notes ? <Text className='xz-muted'>{v.notes}</Text> : null}
            <Text className='xz-muted'>
              {v.needCount}条诉求 · {v.photoCount}张照片
            </Text>
          </View>
        ))}
      </View>
      <Text className='xz-label'>没销号的诉求（{needs.filter((n) => n.state !== 'closed').length}条）</Text>
      {needs.length === 0 ? <Empty title='没有诉求' /> : null}
      {needs.map((n) => (
        <NeedCard key={n.id} need={n} roles={me.roles as Role[]} myName={me.name} onChanged={() => reload()} />
      ))}
      <View className='xz-button xz-button--plain visits-to-needs' onClick={() => go(urls.needs())}>
        诉求清单
      </View>
      {member ? (
        <View className='visits-bar'>
          <View className='xz-button visits-bar__checkin' onClick={() => go(urls.checkIn(id))}>
            登记走访
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default function HouseholdPage() {
  const id = useRouter().params.id ?? '';
  return (
    <PageFrame>
      <Gate
        roles={['partyMember', 'gridLeader', 'committee', 'townshipStaff']}
        why='这一页是党员和村两委看联系户用的。'
      >
        {(me) => <Household me={me} id={id} />}
      </Gate>
    </PageFrame>
  );
}
