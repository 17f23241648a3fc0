import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef } from 'react';
import { BODY_DEFS, RULE_NOTES } from '../../../core/votes/bodies';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import VoteBars from '../../components/VoteBars';
import { useClock } from '../../hooks/useClock';
import { useLoad } from '../../hooks/useLoad';
import { call, errorOf } from '../../services/api';
import { formatTime } from '../../utils/format';
import {
  choiceLabels,
  electorUnit,
  MODE_WORDS,
  RESULT_MARK,
  RESULT_WORDS,
  type MotionView,
  type VoteResultView,
} from '../../utils/votes';
import '../vote.scss';
import PublishedList from './PublishedList';
import ReceiptCheck from './ReceiptCheck';

type Loaded =
  | { readonly ready: true; readonly result: VoteResultView; readonly mine: string | null }
  | { readonly ready: false; readonly view: MotionView };

/** The result, or (not counted yet) the motion, so the page can say when it will be. */
async function loadResult(motionId: string): Promise<Loaded> {
  try {
    const [result, mine] = await Promise.all([
      call('votes.result', { motionId }),
      call('votes.myReceipt', { motionId }),
    ]);
    return { ready: true, result, mine: mine.receipt };
  } catch (e) {
    if (errorOf(e).code !== 'RESULT_NOT_READY') throw e;
    return { ready: false, view: await call('votes.get', { motionId }) };
  }
}

function Waiting({
  view,
  now,
  onRefresh,
}: {
  readonly view: MotionView;
  readonly now: number;
  readonly onRefresh: () => void;
}) {
  const { motion, live } = view;
  const unit = electorUnit(motion.body);
  return (
    <View className='xz-card result-waiting'>
      <Text className='xz-title'>{motion.question}</Text>
      <Text className='vote-warn result-waiting__text'>
        {now >= motion.closesAt
          ? '投票时间到了，正在计票，过一会儿就能看到结果。'
          : `投票还没结束，${formatTime(motion.closesAt)} 结束后才能看结果。`}
      </Text>
      <Text className='xz-text'>
        已有 {live.turnout} {unit}投票，共 {motion.electorateSize} {unit}
      </Text>
      <View className='xz-button vote-go result-refresh' onClick={onRefresh}>
        刷新
      </View>
    </View>
  );
}

function Outcome({ result }: { readonly result: VoteResultView }) {
  const { motion, tally } = result;
  const mark = RESULT_MARK[tally.result];
  const passedLabels = choiceLabels(motion.options, tally.passedOptionIds);
  return (
    <View className='xz-card result-outcome'>
      <Text className='xz-title'>{motion.question}</Text>
      <Text className='xz-muted'>
        {BODY_DEFS[motion.body].name}表决 · {MODE_WORDS[motion.mode].name} ·{' '}
        {formatTime(motion.closedAt ?? motion.closesAt)} 结束
      </Text>
      <Text className={`xz-banner xz-banner--${mark.tone} result-outcome__words`}>
        {mark.mark} 结果：{RESULT_WORDS[tally.result]}
      </Text>
      {motion.kind !== 'yesNo' && passedLabels.length > 0 ? (
        <Text className='xz-text'>通过的是：{passedLabels.join('、')}</Text>
      ) : null}
    </View>
  );
}

function Turnout({ result }: { readonly result: VoteResultView }) {
  const { motion, tally } = result;
  const unit = electorUnit(motion.body);
  return (
    <View className='xz-card result-turnout'>
      <Text className='vote-status result-turnout__count'>
        参加了 {tally.turnout} {unit}，名册上共 {tally.electorateSize} {unit}
      </Text>
      <Text className='xz-text result-turnout__quorum'>
        {tally.quorumMet ? '✓ 人数够了' : '✗ 人数不够'}（规矩：{tally.quorumRule}）
      </Text>
      <Text className='xz-text'>怎样算通过：{tally.majorityRule}</Text>
      {RULE_NOTES.map((n) => (
        <Text key={n} className='xz-muted'>
          {n}
        </Text>
      ))}
      {!tally.quorumMet ? (
        <Text className='xz-text'>参加的人不够，这次表决不算数。下面的票数照样公布，只作参考。</Text>
      ) : null}
    </View>
  );
}

function Counts({ result }: { readonly result: VoteResultView }) {
  const { motion, tally, handCount } = result;
  return (
    <View className='xz-card result-counts'>
      <Text className='xz-label'>各项票数</Text>
      <VoteBars
        options={motion.options}
        counts={tally.counts}
        turnout={tally.turnout}
        passedOptionIds={tally.passedOptionIds}
      />
      {handCount ? (
        <View className='result-hand'>
          <Text className='xz-text'>
            这是会议现场表决的结果，由村两委照会议记录录入，仅作记录。开会时间 {formatTime(handCount.heldAt)}，到会{' '}
            {handCount.attendance} 人。
          </Text>
          {handCount.note ? <Text className='xz-muted'>备注：{handCount.note}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}

/** The published lists, each in its own card: receipts alone, and the ballots (or who chose what) alone. */
function Lists({ result, mine }: { readonly result: VoteResultView; readonly mine: string | null }) {
  const { motion, receipts, secretChoices, openBallots } = result;
  const words = (choices: readonly string[]) => choiceLabels(motion.options, choices).join('、');
  return (
    <View>
      {result.source === 'ballots' ? (
        <View className='xz-card result-receipts'>
          <Text className='xz-label'>回执码清单（共 {receipts.length} 个）</Text>
          <Text className='xz-muted'>每张算进去的票有一个回执码，按顺序排好。这里只有码，看不出是谁、投了什么。</Text>
          <PublishedList items={receipts} rows={false} itemClass='vote-list__item--receipt' mine={mine} />
        </View>
      ) : null}
      {secretChoices ? (
        <View className='xz-card result-ballots'>
          <Text className='xz-label'>所有选票（共 {secretChoices.length} 张）</Text>
          <Text className='xz-muted'>大家可以自己数一数。这张单子的顺序和回执码清单无关，对不出谁投了什么。</Text>
          <PublishedList
            items={secretChoices.map((c, i) => `第 ${i + 1} 张：${words(c)}`)}
            rows
            itemClass='result-ballots__item'
          />
        </View>
      ) : null}
      {openBallots ? (
        <View className='xz-card result-open'>
          <Text className='xz-label'>谁投了什么（记名投票）</Text>
          <PublishedList
            items={openBallots.map((b) => `${b.name}：${words(b.choices)}${b.assisted ? '（村两委代录）' : ''}`)}
            rows
            itemClass='result-open__item'
          />
        </View>
      ) : null}
    </View>
  );
}

function Digests({ result }: { readonly result: VoteResultView }) {
  return (
    <View className='xz-card result-digests'>
      <Text className='xz-label'>核对用的号码</Text>
      {result.listsMatchPublished ? null : (
        <Text className='xz-text xz-error'>
          注意：现在的清单和计票时公布的对不上，选票可能在计票以后被改动过。请找村务监督委员会核对。
        </Text>
      )}
      <Text className='xz-muted'>村务监督委员会可以用这些号码核对：选票和清单在计票以后有没有被改过。</Text>
      <Text className='vote-hash result-digests__head'>选票指纹（投票结束时）：{result.chainHead}</Text>
      {result.receiptsDigest ? <Text className='vote-hash'>回执码清单的指纹：{result.receiptsDigest}</Text> : null}
      {result.choicesDigest ? <Text className='vote-hash'>选票清单的指纹：{result.choicesDigest}</Text> : null}
    </View>
  );
}

/** 表决结果: turnout, quorum, counts and the result in words, then the lists anyone can check. */
export default function Result() {
  const id = useRouter().params.id ?? '';
  const loaded = useLoad(id ? () => loadResult(id) : null, `result|${id}`);
  const waiting = loaded.status === 'ready' && !loaded.data.ready ? loaded.data.view : null;
  // While it is being counted, look again once a minute and just after the closing time.
  const now = useClock(waiting ? [waiting.motion.closesAt + 1500] : []);
  const { set } = loaded;
  const refresh = useCallback(() => {
    if (id) loadResult(id).then(set, () => undefined);
  }, [id, set]);
  const lastTick = useRef(now);
  useEffect(() => {
    if (now === lastTick.current) return;
    lastTick.current = now;
    if (waiting) refresh();
  }, [now, waiting, refresh]);

  const data = loaded.status === 'ready' && loaded.data.ready ? loaded.data : null;
  return (
    <PageFrame>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'error' ? <ErrorView message={loaded.message} onRetry={loaded.reload} /> : null}
      {waiting ? <Waiting view={waiting} now={now} onRefresh={refresh} /> : null}
      {data ? (
        <View className='result'>
          <Outcome result={data.result} />
          <Turnout result={data.result} />
          <Counts result={data.result} />
          {data.result.source === 'ballots' ? <ReceiptCheck motionId={id} mine={data.mine} /> : null}
          <Lists result={data.result} mine={data.mine} />
          <Digests result={data.result} />
        </View>
      ) : null}
    </PageFrame>
  );
}
