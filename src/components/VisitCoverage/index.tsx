import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import './index.scss';

export type CoverageRow = OutputOf<ActionByName<'visits.villageBoard'>>['village'];

/**
 * One place's visits this month as numbers with their words beside them: coverage (visited over due),
 * done / due / overdue, households without a member (gaps), open needs and the close-out rate.
 * `compact` shows one line of it, for a row among others (villages side by side, grids).
 */
export default function VisitCoverage({
  title,
  row,
  compact = false,
}: {
  readonly title: string;
  readonly row: CoverageRow;
  readonly compact?: boolean;
}) {
  const cov = row.coverage === null ? '—' : `${row.coverage}%`;
  const rate = row.needs.closeOutRate === null ? '—' : `${row.needs.closeOutRate}%`;
  if (compact)
    return (
      <View className='visit-cov visit-cov--compact'>
        <Text className='xz-text visit-cov__title'>{title}</Text>
        <Text className='xz-text'>
          覆盖 <Text className='visit-cov__num'>{cov}</Text> · 已走访 {row.tally.done}/{row.tally.total} · 逾期{' '}
          {row.tally.overdue}
        </Text>
        <Text className='xz-muted'>
          没人联系 {row.gaps} 户 · 没销号的诉求 {row.needs.open} 条 · 销号率 {rate}
        </Text>
      </View>
    );
  return (
    <View className='xz-card visit-cov'>
      <Text className='xz-text visit-cov__title'>{title}</Text>
      <View className='xz-stat'>
        <View className='xz-stat__item'>
          <Text className='xz-stat__num visit-cov__coverage'>{cov}</Text>
          <Text className='xz-muted'>走访覆盖</Text>
        </View>
        <View className='xz-stat__item'>
          <Text className='xz-stat__num visit-cov__gaps'>{row.gaps}</Text>
          <Text className='xz-muted'>户没人联系</Text>
        </View>
        <View className='xz-stat__item'>
          <Text className='xz-stat__num visit-cov__open'>{row.needs.open}</Text>
          <Text className='xz-muted'>条诉求没销号</Text>
        </View>
      </View>
      <Text className='xz-text visit-cov__tally'>
        这个月 {row.tally.total} 次走访：已走访 {row.tally.done} · 待走访 {row.tally.due} · 逾期 {row.tally.overdue}
      </Text>
      <Text className='xz-text visit-cov__needs'>
        诉求共 {row.needs.raised} 条，已销号 {row.needs.closed} 条，销号率 {rate}
      </Text>
      <Text className='xz-muted'>
        {row.households} 户，{row.assigned} 户有党员联系 · 村里办 {row.needs.byLevel.village} · 乡镇处理{' '}
        {row.needs.byLevel.township} · 县里办结 {row.needs.byLevel.county}
      </Text>
    </View>
  );
}
