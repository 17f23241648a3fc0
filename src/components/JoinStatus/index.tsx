import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatTime } from '../../utils/format';

export type JoinRequest = NonNullable<OutputOf<ActionByName<'account.myJoinRequest'>>>;

const HEADLINE = {
  pending: {
    mark: '…',
    text: '等待村里审核',
    hint: '村两委看过后就会处理。过一会儿点下面的按钮刷新看看。',
    tone: 'wait',
  },
  approved: { mark: '✓', text: '已通过', hint: '村里已经同意了，您现在是村里的人了。', tone: 'ok' },
  rejected: { mark: '✗', text: '没通过', hint: '可以按村里说的原因改一改，再申请一次。', tone: 'bad' },
} as const;

/** Where a join request stands, in words, with the one next step as a big button. */
export default function JoinStatus({
  request,
  busy,
  onRefresh,
  onEnter,
  onAgain,
}: {
  readonly request: JoinRequest;
  readonly busy: boolean;
  readonly onRefresh: () => void;
  readonly onEnter: () => void;
  readonly onAgain: () => void;
}) {
  const head = HEADLINE[request.status];
  return (
    <View className='xz-card join-status'>
      <Text className={`xz-banner xz-banner--${head.tone} join-status__headline`}>
        {head.mark} {head.text}
      </Text>
      <Text className='xz-text'>申请加入：{request.villageName}</Text>
      <Text className='xz-text'>
        姓名：{request.name} · 户号 {request.householdCode}
      </Text>
      <Text className='xz-muted'>申请时间：{formatTime(request.createdAt)}</Text>
      {request.status === 'rejected' && request.reason ? (
        <Text className='xz-text'>村里说的原因：{request.reason}</Text>
      ) : null}
      <Text className='xz-muted'>{head.hint}</Text>
      {request.status === 'pending' ? (
        <View className={`xz-button join-refresh${busy ? ' xz-button--disabled' : ''}`} onClick={onRefresh}>
          {busy ? '正在刷新…' : '刷新看看'}
        </View>
      ) : null}
      {request.status === 'approved' ? (
        <View className='xz-button join-enter' onClick={onEnter}>
          进入村子
        </View>
      ) : null}
      {request.status === 'rejected' ? (
        <View className='xz-button join-again' onClick={onAgain}>
          重新申请
        </View>
      ) : null}
    </View>
  );
}
