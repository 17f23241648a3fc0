import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import VoteOptions from '../../components/VoteOptions';
import { useMotion } from '../../hooks/useMotion';
import { formatTime } from '../../utils/format';
import { choiceProblem, choiceRuleText, MODE_WORDS, toggleChoice, voteUrl, type MotionView } from '../../utils/votes';
import { draftFor, keepDraft } from '../draft';
import '../vote.scss';

/** Why this ballot cannot be filled in now, with the one useful next step; null when it can. */
function NotNow({ view }: { readonly view: MotionView }) {
  const { motion, state, me } = view;
  const [text, button, page] = me.voted
    ? ['您已经投过票了，每人只能投一次。', '看我的回执码', 'receipt' as const]
    : !me.eligible
      ? [
          '您不在这次表决的名单里。名单是开始投票时按花名册定下的，觉得弄错了请找村两委。',
          '回到表决',
          'detail' as const,
        ]
      : state === 'notOpen'
        ? [`投票还没有开始，${formatTime(motion.opensAt)} 开始。`, '回到表决', 'detail' as const]
        : ['投票已经结束了。', '看结果', 'result' as const];
  return (
    <View className='xz-card ballot-not-now'>
      <Text className='vote-warn'>{text}</Text>
      <View className='xz-button vote-go' onClick={() => void Taro.redirectTo({ url: voteUrl(page, motion.id) })}>
        {button}
      </View>
    </View>
  );
}

function Choose({ view }: { readonly view: MotionView }) {
  const { motion } = view;
  const [picked, setPicked] = useState<string[]>(() => [...(draftFor(motion.id) ?? [])]);
  const [note, setNote] = useState<string | null>(null);
  const many = motion.kind === 'multiple';

  const toConfirm = (choices: readonly string[]) => {
    keepDraft(motion.id, choices);
    void Taro.navigateTo({ url: voteUrl('confirm', motion.id) });
  };

  const pick = (id: string) => {
    if (!many) {
      setPicked([id]);
      toConfirm([id]);
      return;
    }
    const next = toggleChoice(motion, picked, id);
    // A tap that added nothing: the most allowed are already picked.
    const full = !picked.includes(id) && !next.includes(id);
    setNote(full ? `最多只能选 ${motion.maxChoices} 项，要换的话先点掉一项` : null);
    setPicked(next);
  };

  const next = () => {
    const problem = choiceProblem(motion, picked);
    setNote(problem);
    if (!problem) toConfirm(picked);
  };

  return (
    <View className='xz-card ballot'>
      <Text className='xz-title ballot__question'>{motion.question}</Text>
      <Text className='xz-text'>
        {MODE_WORDS[motion.mode].name}：{MODE_WORDS[motion.mode].hint}。
      </Text>
      {many ? (
        <Text className='xz-text ballot__rule'>{choiceRuleText(motion)}</Text>
      ) : (
        <Text className='xz-text ballot__rule'>点一下您的选择，下一页还要再确认一次。</Text>
      )}
      <VoteOptions options={motion.options} pickMany={many} selected={picked} onPick={pick} />
      {note ? <Text className='xz-text xz-error ballot__note'>{note}</Text> : null}
      {many ? (
        <View className='xz-button vote-go ballot__next' onClick={next}>
          下一步：确认
        </View>
      ) : null}
    </View>
  );
}

/** 投票: one big button per option (or a big check box per row when several may be picked). */
export default function Ballot() {
  const id = useRouter().params.id ?? '';
  const m = useMotion(id);
  const view = m.status === 'ready' ? m.data : null;
  const canChoose = view !== null && view.state === 'open' && view.me.eligible && !view.me.voted;
  return (
    <PageFrame>
      {m.status === 'loading' ? <Loading /> : null}
      {m.status === 'error' ? <ErrorView message={m.message} onRetry={m.reload} /> : null}
      {view && canChoose ? <Choose view={view} /> : null}
      {view && !canChoose ? <NotNow view={view} /> : null}
    </PageFrame>
  );
}
