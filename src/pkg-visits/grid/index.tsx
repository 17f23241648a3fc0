import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import VisitCoverage from '../../components/VisitCoverage';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import Gate from '../Gate';
import { coverageText, go, taskStatusText, urls } from '../shared';
import '../visits.scss';

/** 网格走访情况: the grid's coverage this month, each member's progress, and who is overdue. */
function Grid({ villageId, groupId }: { readonly villageId?: string; readonly groupId?: string }) {
  const board = useLoad(
    () => call('visits.gridBoard', { ...(villageId ? { villageId } : {}), ...(groupId ? { groupId } : {}) }),
    `${villageId ?? ''}:${groupId ?? ''}`,
  );
  if (board.status === 'loading') return <Loading />;
  if (board.status === 'error') return <ErrorView message={board.message} onRetry={board.reload} />;
  const b = board.data;
  return (
    <View>
      <Text className='xz-title'>网格走访情况 · {b.groupName}</Text>
      <VisitCoverage title={`${b.month.replace('-', '年')}月 · ${b.groupName}`} row={b.grid} />
      <View className='xz-card visits-members'>
        <Text className='xz-label'>每名党员的进度</Text>
        {b.members.length === 0 ? <Text className='xz-text'>这个网格还没有党员联系户。</Text> : null}
        {b.members.map((m) => (
          <View key={m.memberId} className='visits-row visits-member'>
            <Text className='xz-text visits-member__name'>
              {m.name}：联系 {m.households} 户，已走访 {m.tally.done}/{m.tally.total}（{coverageText(m.coverage)}）
            </Text>
            <Text className='xz-muted'>
              待走访 {m.tally.due} · 逾期 {m.tally.overdue}
            </Text>
            {m.warning ? <Text className='xz-muted visits-warning'>{m.warning}</Text> : null}
          </View>
        ))}
      </View>
      <View className='xz-button xz-button--plain visits-to-needs' onClick={() => go(urls.needs(villageId))}>
        诉求清单
      </View>
      <View className='xz-card visits-overdue'>
        <Text className='xz-label'>逾期没走访的户（{b.overdue.length}）</Text>
        {b.overdue.length === 0 ? <Text className='xz-text'>没有逾期的。</Text> : null}
        {b.overdue.map((t) => (
          <View key={t.id} className='visits-row' onClick={() => go(urls.household(t.householdId))}>
            <Text className='xz-text'>
              户号 {t.householdCode} · {t.periodLabel} · {taskStatusText(t)}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export default function GridPage() {
  const { villageId, groupId } = useRouter().params;
  return (
    <PageFrame>
      <Gate roles={['gridLeader', 'committee', 'townshipStaff']} why='这一页是网格长和村两委看走访用的。'>
        {() => <Grid villageId={villageId} groupId={groupId} />}
      </Gate>
    </PageFrame>
  );
}
