import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatDate } from '../../utils/matter';
import './index.scss';

export type NoticeSummary = OutputOf<ActionByName<'board.list'>>['items'][number];

/** One notice on the board: kind, title, first words, and whether it was corrected or retracted, in words. */
export default function NoticeCard({
  notice,
  onOpen,
}: {
  readonly notice: NoticeSummary;
  readonly onOpen: () => void;
}) {
  const n = notice;
  const when = n.publishedAt ?? n.updatedAt;
  return (
    <View className={`xz-card notice-card${n.state === 'retracted' ? ' notice-card--retracted' : ''}`} onClick={onOpen}>
      <View className='notice-card__marks'>
        {n.pinned ? <Text className='xz-badge notice-card__pinned'>置顶</Text> : null}
        <Text className='xz-badge notice-card__kind'>{n.kindLabel}</Text>
        {n.state === 'retracted' ? <Text className='xz-badge notice-card__retracted'>已撤回</Text> : null}
        {n.corrections > 0 ? <Text className='xz-badge notice-card__corrected'>已更正 {n.corrections} 次</Text> : null}
        {n.visibility === 'public' ? <Text className='xz-badge notice-card__public'>所有人能看</Text> : null}
      </View>
      <Text className='xz-text notice-card__title'>{n.title}</Text>
      {n.excerpt ? <Text className='xz-muted notice-card__excerpt'>{n.excerpt}</Text> : null}
      <Text className='xz-muted notice-card__meta'>
        {n.state === 'draft' ? `草稿 · ${formatDate(when)}改过` : `${formatDate(when)}公开`} · {n.readCount} 人看过
        {n.inquiryCount > 0 ? ` · 询问 ${n.inquiryCount} 条` : ''}
        {n.openInquiries > 0 ? `（${n.openInquiries} 条没答复）` : ''}
      </Text>
      <Text className='xz-text notice-card__open'>点这里看全文 ›</Text>
    </View>
  );
}
