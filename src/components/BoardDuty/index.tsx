import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatDate } from '../../utils/matter';

/** A stored period key in words: "2026-Q4" → 2026年第4季度, "2026-10" → 2026年10月. */
function periodWords(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${q[1]}年第${q[2]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${m[1]}年${Number(m[2])}月` : key;
}

export type Duty = OutputOf<ActionByName<'board.duties'>>['duties'][number];

/** One thing the law expects on the board: for which period, by when, and whether it is late, in words. */
export default function BoardDuty({ duty }: { readonly duty: Duty }) {
  const d = duty;
  const tone = d.status === 'overdue' ? 'bad' : d.status === 'due' ? 'wait' : 'ok';
  return (
    <View className={`board-duty board-duty--${d.status}`}>
      <Text className='xz-text board-duty__label'>{d.label}</Text>
      <Text className={`xz-banner xz-banner--${tone} board-duty__status`}>
        {d.status === 'overdue' ? '⚠ ' : ''}
        {d.periodLabel}：{d.statusLabel}（{formatDate(d.dueAt)}以前）
        {d.missed > 1 ? `，已经有 ${d.missed} 期没公开` : ''}
      </Text>
      <Text className='xz-muted'>{d.lastPeriod ? `上一次公开的是${periodWords(d.lastPeriod)}的` : '还没有公开过'}</Text>
    </View>
  );
}
