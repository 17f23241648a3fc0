import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatDate } from '../../utils/matter';
import StageStrip from '../StageStrip';
import './index.scss';

export type MatterSummary = OutputOf<ActionByName<'matters.list'>>['items'][number];

/** One matter in the list: its title, where it stands in words, the five steps, and a few counts. */
export default function MatterCard({
  matter,
  groupName,
  onOpen,
}: {
  readonly matter: MatterSummary;
  readonly groupName?: string;
  readonly onOpen: () => void;
}) {
  const m = matter;
  return (
    <View className='xz-card matter-card' onClick={onOpen}>
      <Text className='xz-text matter-card__title'>{m.title}</Text>
      <Text className='xz-text matter-card__state'>
        现在：{m.stateLabel}
        {m.screeningOverdue ? <Text className='xz-badge matter-card__overdue'>超期没受理</Text> : null}
        {m.mine ? <Text className='xz-badge matter-card__mine'>我提的</Text> : null}
      </Text>
      <StageStrip steps={m.strip} compact />
      <Text className='xz-muted'>
        {m.authorName} 提出 · {formatDate(m.raisedAt)}
        {groupName ? ` · ${groupName}` : ''}
      </Text>
      <Text className='xz-muted'>
        附议 {m.cosignCount} 人 · 留言 {m.commentCount} 条
        {m.progressPercent !== null ? ` · 办了 ${m.progressPercent}%` : ''}
      </Text>
      <Text className='xz-text matter-card__open'>点这里看详情 ›</Text>
    </View>
  );
}
