import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CATEGORIES } from '../../../core/categories';
import { BODY_DEFS, RULE_NOTES } from '../../../core/votes/bodies';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useMotion } from '../../hooks/useMotion';
import { formatTime } from '../../utils/format';
import {
  choiceRuleText,
  countdownText,
  electorUnit,
  MODE_WORDS,
  shortHash,
  STATE_WORDS,
  voteUrl,
  type MotionView,
} from '../../utils/votes';
import '../vote.scss';

const go = (url: string) => void Taro.navigateTo({ url });

/** 可以投 / 已投 / 不在名单里, and the one next step as a big button. */
function MyPart({ view }: { readonly view: MotionView }) {
  const { motion, state, me } = view;
  const status = me.voted ? '已投' : !me.eligible ? '不在名单里' : state === 'closed' ? '没有投' : '可以投';
  return (
    <View className='xz-card vote-me'>
      <Text className='vote-status vote-me__status'>我：{status}</Text>
      {me.voted ? <Text className='xz-text'>您的票已经投了，每人只能投一次。</Text> : null}
      {!me.eligible ? (
        <Text className='xz-text'>
          名单是开始投票时按花名册定下的（{BODY_DEFS[motion.body].name}）。觉得弄错了，请找村两委。
        </Text>
      ) : null}
      {me.eligible && !me.voted && state === 'notOpen' ? (
        <Text className='xz-text'>还没开始。到 {formatTime(motion.opensAt)} 这里会出现投票的按钮。</Text>
      ) : null}
      {me.eligible && !me.voted && state === 'open' ? (
        <View className='xz-button vote-go vote-me__vote' onClick={() => go(voteUrl('ballot', motion.id))}>
          去投票
        </View>
      ) : null}
      {me.voted ? (
        <View className='xz-button xz-button--plain vote-me__receipt' onClick={() => go(voteUrl('receipt', motion.id))}>
          看我的回执码
        </View>
      ) : null}
      {state === 'closed' ? (
        <View className='xz-button vote-go vote-me__result' onClick={() => go(voteUrl('result', motion.id))}>
          看结果
        </View>
      ) : null}
    </View>
  );
}

function Window({ view, now }: { readonly view: MotionView; readonly now: number }) {
  const { motion, state } = view;
  return (
    <View className='xz-card vote-window'>
      <Text className='xz-text'>
        投票时间：{formatTime(motion.opensAt)} 到 {formatTime(motion.closesAt)}
      </Text>
      <Text className='vote-countdown vote-window__countdown'>
        {state === 'closed' ? '投票已经结束' : `${STATE_WORDS[state]}：${countdownText(motion, state, now)}`}
      </Text>
      {state !== 'closed' ? <Text className='xz-muted'>这里的时间每分钟更新一次，不用着急。</Text> : null}
      {motion.urgent ? (
        <Text className='xz-text vote-window__urgent'>
          <Text className='xz-badge'>紧急</Text> 没有提前10天公告，理由：{motion.urgentReason ?? ''}
        </Text>
      ) : null}
    </View>
  );
}

/** Turnout only, never who is ahead, and the chain head that the published result must match. */
function Live({ view }: { readonly view: MotionView }) {
  const { motion, live } = view;
  const unit = electorUnit(motion.body);
  return (
    <View className='xz-card vote-live'>
      <Text className='xz-text vote-live__turnout'>
        已有 {live.turnout} {unit}投票，共 {motion.electorateSize} {unit}
      </Text>
      <Text className='xz-muted'>投票结束前不公布各项票数，结束后一起公布。</Text>
      <Text className='xz-text'>
        选票指纹：<Text className='vote-hash vote-hash--short vote-live__head'>{shortHash(live.chainHead)}</Text>
      </Text>
      <Text className='xz-muted'>这串号码是所有已投选票的指纹，投票结束后可以核对。</Text>
    </View>
  );
}

function Rules({ view }: { readonly view: MotionView }) {
  const { motion } = view;
  const body = BODY_DEFS[motion.body];
  const unit = electorUnit(motion.body);
  return (
    <View className='xz-card vote-rules'>
      <Text className='xz-label'>可以选的</Text>
      {motion.options.map((o) => (
        <Text key={o.id} className='xz-text vote-rules__option'>
          · {o.label}
        </Text>
      ))}
      {choiceRuleText(motion) ? <Text className='xz-muted'>{choiceRuleText(motion)}</Text> : null}
      <Text className='xz-label'>谁来投</Text>
      <Text className='xz-text'>
        {body.name}：名册上共 {motion.electorateSize} {unit}（开始时定下的名单）
      </Text>
      <Text className='xz-label'>怎样算通过</Text>
      <Text className='xz-text vote-rules__rule'>{motion.ruleText}</Text>
      {RULE_NOTES.map((n) => (
        <Text key={n} className='xz-muted'>
          {n}
        </Text>
      ))}
      <Text className='xz-label'>{MODE_WORDS[motion.mode].name}</Text>
      <Text className='xz-text vote-rules__mode'>{MODE_WORDS[motion.mode].hint}</Text>
    </View>
  );
}

/** 表决: the question, my part in it, its window, live turnout, and the rule in plain words. */
export default function Detail() {
  const id = useRouter().params.id ?? '';
  const m = useMotion(id);
  return (
    <PageFrame>
      {m.status === 'loading' ? <Loading /> : null}
      {m.status === 'error' ? <ErrorView message={m.message} onRetry={m.reload} /> : null}
      {m.status === 'ready' ? (
        <View className='vote-detail'>
          <View className='xz-card'>
            <Text className='xz-title vote-detail__question'>{m.data.motion.question}</Text>
            <Text className='xz-muted'>
              {BODY_DEFS[m.data.motion.body].name}表决 · {CATEGORIES[m.data.motion.category].label}
            </Text>
          </View>
          <MyPart view={m.data} />
          <Window view={m.data} now={m.now} />
          <Live view={m.data} />
          <Rules view={m.data} />
        </View>
      ) : null}
    </PageFrame>
  );
}
