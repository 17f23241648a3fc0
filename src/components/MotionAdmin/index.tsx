import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BODY_DEFS } from '../../../core/votes/bodies';
import { formatTime } from '../../utils/format';
import { MODE_WORDS, RESULT_WORDS, STATE_WORDS, voteUrl, type MotionSummary } from '../../utils/votes';
import AssistedVote from '../AssistedVote';
import CloseEarly from '../CloseEarly';
import HandCountForm from '../HandCountForm';

type Panel = 'assist' | 'close' | 'hand';

const PANELS: ReadonlyArray<{ readonly panel: Panel; readonly label: string }> = [
  { panel: 'assist', label: '代为投票' },
  { panel: 'close', label: '提前结束' },
  { panel: 'hand', label: '录入现场表决' },
];

/** One motion in the committee's list: its state in words, and while it runs, what the committee can do. */
export default function MotionAdmin({
  motion,
  onChanged,
}: {
  readonly motion: MotionSummary;
  readonly onChanged: () => void;
}) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const closed = motion.state === 'closed';
  const state = closed
    ? motion.result
      ? `已经结束：${RESULT_WORDS[motion.result]}`
      : '时间到了，正在计票'
    : STATE_WORDS[motion.state];
  return (
    <View className='xz-card motion-admin'>
      <Text className='xz-text motion-admin__question'>{motion.question}</Text>
      <Text className='xz-muted'>
        {BODY_DEFS[motion.body].name} · {MODE_WORDS[motion.mode].name}
      </Text>
      <Text className='xz-muted'>
        {formatTime(motion.opensAt)} 到 {formatTime(motion.closesAt)}
      </Text>
      <Text className='xz-text motion-admin__state'>现在：{state}</Text>
      <View
        className='xz-button xz-button--plain motion-admin__view'
        onClick={() => void Taro.navigateTo({ url: voteUrl(closed ? 'result' : 'detail', motion.id) })}
      >
        {closed ? '看结果' : '看这项表决'}
      </View>
      {motion.state === 'open' ? (
        <View className='motion-admin__tools'>
          {PANELS.map((p) => (
            <View
              key={p.panel}
              className={`xz-button ${panel === p.panel ? 'xz-button--quiet' : 'xz-button--plain'} motion-admin__${p.panel}`}
              onClick={() => setPanel(panel === p.panel ? null : p.panel)}
            >
              {panel === p.panel ? '收起' : p.label}
            </View>
          ))}
        </View>
      ) : null}
      {motion.state === 'open' && panel === 'assist' ? <AssistedVote motionId={motion.id} onVoted={onChanged} /> : null}
      {motion.state === 'open' && panel === 'close' ? (
        <CloseEarly motionId={motion.id} onClosed={onChanged} onCancel={() => setPanel(null)} />
      ) : null}
      {motion.state === 'open' && panel === 'hand' ? (
        <HandCountForm motionId={motion.id} onRecorded={onChanged} />
      ) : null}
    </View>
  );
}
