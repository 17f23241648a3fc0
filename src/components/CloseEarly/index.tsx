import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call, errorOf } from '../../services/api';
import { RESULT_WORDS, type TallyView } from '../../utils/votes';

/**
 * 提前结束, asked on the page (no pop-up): the committee may close early only once everyone on the
 * roll has voted; otherwise the server says so, in words, and the vote ends at its time.
 */
export default function CloseEarly({
  motionId,
  onClosed,
  onCancel,
}: {
  readonly motionId: string;
  readonly onClosed: () => void;
  readonly onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tally, setTally] = useState<TallyView | null>(null);
  const close = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    call('votes.close', { motionId })
      .then((t) => {
        setTally(t);
        onClosed();
      })
      .catch((e: unknown) => setError(errorOf(e).message))
      .finally(() => setBusy(false));
  };
  if (tally) {
    return (
      <Text className='xz-banner xz-banner--ok close-early__done'>
        ✓ 已经结束并计票：{RESULT_WORDS[tally.result]}（参加 {tally.turnout}，名册上 {tally.electorateSize}）
      </Text>
    );
  }
  return (
    <View className='close-early'>
      <Text className='xz-text'>
        提前结束会马上计票。只有名册上的人都投完了，才能提前结束；还有人没投的，到了结束时间会自动结束。
      </Text>
      {error ? <Text className='xz-text xz-error close-early__error'>没有结束：{error}</Text> : null}
      <View className='xz-actions'>
        <View className={`xz-button close-early__yes${busy ? ' xz-button--disabled' : ''}`} onClick={close}>
          {busy ? '正在结束…' : '确定结束并计票'}
        </View>
        <View className='xz-button xz-button--quiet' onClick={onCancel}>
          先不了
        </View>
      </View>
    </View>
  );
}
