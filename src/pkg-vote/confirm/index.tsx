import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useLoad } from '../../hooks/useLoad';
import type { ErrorCode } from '../../../core/errors';
import { call, errorOf, type ApiError } from '../../services/api';
import { choiceLabels, voteUrl, type MotionView, type VotePage } from '../../utils/votes';
import { draftFor, dropDraft } from '../draft';
import '../vote.scss';

const redirect = (page: VotePage, id: string) => void Taro.redirectTo({ url: voteUrl(page, id) });

/** What a refused ballot means, in words, and where to go from there. */
const REFUSED: Partial<Record<ErrorCode, { readonly text: string; readonly button: string; readonly page: VotePage }>> =
  {
    ALREADY_VOTED: { text: '您已经投过票了，每人只能投一次。这一次没有算。', button: '看我的回执码', page: 'receipt' },
    VOTING_CLOSED: { text: '投票已经结束了，这张票没能投进去。', button: '看结果', page: 'result' },
    VOTING_NOT_OPEN: { text: '投票还没有开始，请到开始时间再投。', button: '回到表决', page: 'detail' },
    NOT_ELIGIBLE: { text: '您不在这次表决的名单里，不能投。', button: '回到表决', page: 'detail' },
  };

function Refused({
  code,
  message,
  motionId,
}: {
  readonly code: ErrorCode;
  readonly message: string;
  readonly motionId: string;
}) {
  const known = REFUSED[code];
  return (
    <View className='xz-card confirm-refused'>
      <Text className='xz-banner xz-banner--bad confirm-refused__text'>✗ {known ? known.text : message}</Text>
      {known ? (
        <View className='xz-button vote-go' onClick={() => redirect(known.page, motionId)}>
          {known.button}
        </View>
      ) : null}
    </View>
  );
}

function Confirm({ view, choices }: { readonly view: MotionView; readonly choices: readonly string[] }) {
  const { motion } = view;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const retryable = failure !== null && !REFUSED[failure.code];

  const submit = () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    call('votes.cast', { motionId: motion.id, choices: [...choices] })
      .then(() => {
        dropDraft();
        redirect('receipt', motion.id);
      })
      .catch((e: unknown) => {
        setFailure(errorOf(e));
        setBusy(false);
      });
  };

  if (failure && !retryable) return <Refused code={failure.code} message={failure.message} motionId={motion.id} />;
  return (
    <View className='xz-card confirm'>
      <Text className='xz-text'>{motion.question}</Text>
      <Text className='xz-label'>您选的是：</Text>
      {choiceLabels(motion.options, choices).map((label) => (
        <Text key={label} className='vote-confirm__choice confirm__choice'>
          {label}
        </Text>
      ))}
      <Text className='vote-warn confirm__final'>投了就不能改。</Text>
      {motion.mode === 'secret' ? (
        <Text className='vote-warn confirm__secret'>别人看不到您投了什么。</Text>
      ) : (
        <Text className='vote-warn confirm__open'>这是记名投票，结果里会公布您投了什么。</Text>
      )}
      {failure ? <Text className='xz-text xz-error confirm__error'>没有投成：{failure.message}</Text> : null}
      <View className={`xz-button vote-go confirm__yes${busy ? ' xz-button--disabled' : ''}`} onClick={submit}>
        {busy ? '正在投票…' : failure ? '再试一次：确认投票' : '确认投票'}
      </View>
      <View className='xz-button xz-button--quiet confirm__back' onClick={() => void Taro.navigateBack()}>
        返回重选
      </View>
    </View>
  );
}

/** 确认投票: the choice restated in very large text, then one tap to cast it. */
export default function ConfirmPage() {
  const id = useRouter().params.id ?? '';
  // Loaded once: the page shows what it showed when the voter arrived; the server decides at 确认.
  const loaded = useLoad(id ? () => call('votes.get', { motionId: id }) : null, `confirm|${id}`);
  const choices = draftFor(id);
  const view = loaded.status === 'ready' ? loaded.data : null;
  return (
    <PageFrame>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'error' ? <ErrorView message={loaded.message} onRetry={loaded.reload} /> : null}
      {view && view.me.voted ? <Refused code='ALREADY_VOTED' message='' motionId={id} /> : null}
      {view && !view.me.voted && !choices ? (
        <View className='xz-card confirm-lost'>
          <Text className='vote-warn'>没有找到您选的内容（页面刷新过），请回去重新选。</Text>
          <View className='xz-button vote-go' onClick={() => redirect('ballot', id)}>
            重新选
          </View>
        </View>
      ) : null}
      {view && !view.me.voted && choices ? <Confirm view={view} choices={choices} /> : null}
    </PageFrame>
  );
}
