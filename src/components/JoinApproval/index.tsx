import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatTime } from '../../utils/format';
import ReasonBox from '../ReasonBox';

export type PendingJoin = OutputOf<ActionByName<'members.pendingJoins'>>[number];

/**
 * One request to join, next to the roster person it matched, with 同意 (big) and 不同意 (which asks
 * for a reason on the page, without a pop-up).
 */
export default function JoinApproval({
  request,
  busy,
  error,
  onApprove,
  onReject,
}: {
  readonly request: PendingJoin;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onApprove: () => void;
  readonly onReject: (reason: string) => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const p = request.person;
  return (
    <View className='xz-card approval'>
      <Text className='xz-text approval__who'>
        {request.name} · 户号 {request.householdCode}
        {request.rebind ? <Text className='xz-badge approval__rebind'>换绑</Text> : null}
      </Text>
      <Text className='xz-text'>
        花名册上对上的人：{p.name}，{p.birthYear} 年生，{p.groupName || '没有分组'}
      </Text>
      {request.rebind ? (
        <Text className='xz-text'>这个人以前绑过别的微信。同意后，原来那个微信就不能再用他的身份了。</Text>
      ) : null}
      <Text className='xz-muted'>申请时间：{formatTime(request.createdAt)}</Text>
      {error ? <Text className='xz-text xz-error'>没有办成：{error}</Text> : null}
      {rejecting ? (
        <ReasonBox
          label='不同意的理由（申请人能看到）'
          confirmText='确定不同意'
          busy={busy}
          error={null}
          onConfirm={onReject}
          onCancel={() => setRejecting(false)}
        />
      ) : (
        <View className='xz-actions'>
          <View className={`xz-button approval__yes${busy ? ' xz-button--disabled' : ''}`} onClick={onApprove}>
            {busy ? '正在办…' : '同意'}
          </View>
          <View className='xz-button xz-button--quiet approval__no' onClick={() => setRejecting(true)}>
            不同意
          </View>
        </View>
      )}
    </View>
  );
}
