import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { Action } from '../../hooks/useAction';
import { useClientId } from '../../hooks/useClientId';
import { STANCE_CHOICES, type StanceId } from '../../utils/matter';
import ActionNote from '../ActionNote';
import ChoiceList from '../ChoiceList';

/**
 * Say where you stand (赞成 / 反对 / 中立, big buttons, the chosen one ticked) and why. A reply
 * starts at 中立, since it answers a person rather than the matter.
 */
export default function CommentForm({
  reply,
  action,
  onSend,
  onCancel,
}: {
  readonly reply: boolean;
  readonly action: Action;
  /** `clientId` stays the same until the comment is sent, so a resend after a dropped answer is kept once. */
  readonly onSend: (stance: StanceId, text: string, clientId: string, sent: () => void) => void;
  readonly onCancel?: () => void;
}) {
  const [stance, setStance] = useState<StanceId | undefined>(reply ? 'neutral' : undefined);
  const [text, setText] = useState('');
  const { clientId, renew } = useClientId();
  const [problem, setProblem] = useState<string | null>(null);

  const send = () => {
    if (action.busy) return;
    if (!stance) return setProblem('请先点一下：赞成、反对还是中立');
    if (text.trim() === '') return setProblem('请写几句您的看法');
    setProblem(null);
    onSend(stance, text.trim(), clientId, () => {
      setText('');
      renew();
      if (!reply) setStance(undefined);
    });
  };

  return (
    <View className={`comment-form${reply ? ' comment-form--reply' : ''}`}>
      <Text className='xz-label'>{reply ? '回复' : '您的态度'}</Text>
      <View className='comment-form__stances'>
        <ChoiceList choices={STANCE_CHOICES} selected={stance} onPick={(id) => setStance(id as StanceId)} />
      </View>
      <Textarea
        className='xz-textarea comment-form__text'
        value={text}
        maxlength={500}
        placeholder={reply ? '写下您的回复' : '说说为什么，大家都能看到'}
        onInput={(e) => setText(e.detail.value)}
      />
      {problem ? <Text className='xz-text xz-error comment-form__problem'>{problem}</Text> : null}
      <View className='xz-actions'>
        <View className={`xz-button comment-form__send${action.busy ? ' xz-button--disabled' : ''}`} onClick={send}>
          {action.busy ? '正在发…' : reply ? '发回复' : '发表'}
        </View>
        {onCancel ? (
          <View className='xz-button xz-button--quiet' onClick={onCancel}>
            先不了
          </View>
        ) : null}
      </View>
      <ActionNote action={action} />
    </View>
  );
}
