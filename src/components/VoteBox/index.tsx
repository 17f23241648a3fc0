import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { BODY_DEFS } from '../../../core/votes/bodies';
import { formatTime } from '../../utils/format';

export type MotionView = OutputOf<ActionByName<'votes.get'>>;
export type VoteResultView = OutputOf<ActionByName<'votes.result'>>;

const RESULT_WORDS = {
  passed: { mark: '✓', text: '表决通过', tone: 'ok' },
  rejected: { mark: '✗', text: '表决没有通过', tone: 'bad' },
  noQuorum: { mark: '✗', text: '参加的人不够，表决无效', tone: 'wait' },
} as const;

const WINDOW_WORDS = { notOpen: '还没开始投票', open: '正在投票', closed: '投票已经结束，等计票' } as const;

const go = (url: string) => void Taro.navigateTo({ url });

/**
 * 民决 on the matter's page: while the vote runs, who votes, when, the rule, and a big button to the
 * vote itself; once counted, the result in words and numbers and a link to the full count.
 */
export default function VoteBox({
  motionId,
  voting,
  motion,
  result,
}: {
  readonly motionId: string;
  /** The matter is in `voting`; otherwise its vote is over and `result` is the count (null until it loads). */
  readonly voting: boolean;
  readonly motion: MotionView | null;
  readonly result: VoteResultView | null;
}) {
  const id = encodeURIComponent(motionId);
  if (!voting && !result) {
    return (
      <View className='xz-card vote-box'>
        <Text className='xz-label'>表决</Text>
        <Text className='xz-text'>投票已经结束，结果正在出来。</Text>
        <View className='xz-button xz-button--plain vote-box__go' onClick={() => go(`/pkg-vote/detail/index?id=${id}`)}>
          看这次表决
        </View>
      </View>
    );
  }
  if (result) {
    const t = result.tally;
    const words = RESULT_WORDS[t.result];
    return (
      <View className='xz-card vote-box vote-box--result'>
        <Text className='xz-label'>表决结果</Text>
        <Text className={`xz-banner xz-banner--${words.tone} vote-box__result`}>
          {words.mark} {words.text}
        </Text>
        <Text className='xz-text'>
          由{BODY_DEFS[result.motion.body].name}表决：{t.turnout} 人参加，应到 {t.electorateSize} 人
          {t.quorumMet ? '，人数够了' : '，人数不够'}
        </Text>
        <Text className='xz-text vote-box__counts'>
          {result.motion.options.map((o) => `${o.label} ${t.counts[o.id] ?? 0} 票`).join('，')}
        </Text>
        <Text className='xz-muted'>规则：{result.motion.ruleText}</Text>
        <View
          className='xz-button xz-button--plain vote-box__open-result'
          onClick={() => go(`/pkg-vote/result/index?id=${id}`)}
        >
          看完整的计票结果
        </View>
      </View>
    );
  }
  const m = motion?.motion;
  return (
    <View className='xz-card vote-box'>
      <Text className='xz-label'>正在表决</Text>
      {m && motion ? (
        <View>
          <Text className='xz-text'>表决的问题：{m.question}</Text>
          <Text className='xz-text'>
            由{BODY_DEFS[m.body].name}表决，{m.mode === 'secret' ? '不记名' : '记名'}投票
          </Text>
          <Text className='xz-text'>
            投票时间：{formatTime(m.opensAt)} 到 {formatTime(m.closesAt)}
          </Text>
          {m.urgent && m.urgentReason ? <Text className='xz-text'>紧急表决，原因：{m.urgentReason}</Text> : null}
          <Text className='xz-text vote-box__window'>
            现在：{WINDOW_WORDS[motion.state]}，已有 {motion.live.turnout} 人投了票
          </Text>
          <Text className='xz-muted'>规则：{m.ruleText}</Text>
          <Text className='xz-text vote-box__me'>
            {motion.me.voted ? '✓ 您已经投过票了' : motion.me.eligible ? '您可以投票' : '这次表决您不在名单里'}
          </Text>
        </View>
      ) : null}
      <View className='xz-button vote-box__go' onClick={() => go(`/pkg-vote/detail/index?id=${id}`)}>
        {motion?.me.eligible && !motion.me.voted ? '去投票' : '看这次表决'}
      </View>
    </View>
  );
}
