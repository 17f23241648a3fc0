import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatTime } from '../../utils/format';
import { STANCE_WORDS } from '../../utils/matter';

export type CommentView = OutputOf<ActionByName<'matters.comment'>>;

/** One comment: who, where they stand (in words), what they said, when; a hidden one keeps its place and says why. */
export default function CommentItem({
  comment,
  children,
}: {
  readonly comment: CommentView;
  readonly children?: ReactNode;
}) {
  const c = comment;
  return (
    <View className={`comment comment--depth${c.depth}`}>
      <Text className='xz-text comment__head'>
        {c.authorName}
        {c.mine ? '（我）' : ''}
        <Text className={`xz-badge comment__stance comment__stance--${c.stance}`}>{STANCE_WORDS[c.stance]}</Text>
      </Text>
      {c.hidden ? (
        <Text className='xz-text comment__hidden'>这条留言被村两委隐藏了。理由：{c.hiddenReason ?? '没有写'}</Text>
      ) : (
        <Text className='xz-text comment__text'>{c.text}</Text>
      )}
      <Text className='xz-muted'>{formatTime(c.createdAt)}</Text>
      {children}
    </View>
  );
}
