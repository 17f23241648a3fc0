import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatTime } from '../../utils/format';
import { formatDate } from '../../utils/matter';
import PhotoList from '../PhotoList';

type MatterView = OutputOf<ActionByName<'matters.get'>>;
export type ProgressEntry = OutputOf<ActionByName<'matters.progress'>>['items'][number];

/** 民办: who is responsible, the milestones, and the progress posted, newest first, with photos. */
export default function WorkSection({
  owner,
  milestones,
  progress,
  percent,
  laborDays,
  more,
  busy,
  onMore,
}: {
  readonly owner: MatterView['owner'];
  readonly milestones: MatterView['milestones'];
  readonly progress: readonly ProgressEntry[];
  readonly percent: number | null;
  /** 投工投劳 so far, in person-days. */
  readonly laborDays: number;
  readonly more: boolean;
  readonly busy: boolean;
  readonly onMore: () => void;
}) {
  return (
    <View className='xz-card work-section'>
      <Text className='xz-label'>谁来办、办到哪了</Text>
      <Text className='xz-text work-section__owner'>
        负责人：{owner ? `${owner.name}${owner.kind === 'team' ? '（互助工作队）' : ''}` : '还没有定'}
      </Text>
      {percent !== null ? <Text className='xz-text work-section__percent'>已经完成 {percent}%</Text> : null}
      {laborDays > 0 ? <Text className='xz-text work-section__labor'>村民投工投劳：一共 {laborDays} 人·天</Text> : null}
      {milestones.length > 0 ? (
        <View className='work-section__milestones'>
          <Text className='xz-label'>节点</Text>
          {milestones.map((m) => (
            <Text key={m.id} className='xz-text work-section__milestone'>
              {m.doneAt !== null ? '✓ 已完成' : '○ 还没完成'}：{m.title}
              {m.dueAt !== null ? `（${formatDate(m.dueAt)}前）` : ''}
              {m.doneAt !== null ? `，${formatDate(m.doneAt)}完成` : ''}
            </Text>
          ))}
        </View>
      ) : null}
      {progress.length > 0 ? <Text className='xz-label'>进度记录</Text> : null}
      {progress.map((p) => (
        <View key={p.id} className='work-section__progress'>
          <Text className='xz-text work-section__progress-head'>
            完成 {p.percent}% · {formatDate(p.happenedAt)}
            {p.laborDays ? ` · 投工 ${p.laborDays} 人·天` : ''}
          </Text>
          <Text className='xz-text'>{p.text}</Text>
          <PhotoList ids={p.photos} />
          <Text className='xz-muted'>
            {p.byName} 报的 · {formatTime(p.postedAt)}
          </Text>
        </View>
      ))}
      {more ? (
        <View className={`xz-button xz-button--quiet${busy ? ' xz-button--disabled' : ''}`} onClick={onMore}>
          {busy ? '正在加载…' : '看更早的进度'}
        </View>
      ) : null}
    </View>
  );
}
