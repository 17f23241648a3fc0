import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import { formatTime } from '../../utils/format';
import { voteUrl } from '../../utils/votes';
import { backTo } from '../nav';
import '../vote.scss';

const loadBoth = (motionId: string) =>
  Promise.all([call('votes.myReceipt', { motionId }), call('votes.get', { motionId })]).then(([receipt, view]) => ({
    receipt,
    view,
  }));

/** 我的回执码: the code in large type, what it proves (counted) and what it does not (the choice). */
export default function Receipt() {
  const id = useRouter().params.id ?? '';
  const loaded = useLoad(id ? () => loadBoth(id) : null, `receipt|${id}`);
  const data = loaded.status === 'ready' ? loaded.data : null;
  const toDetail = () => backTo('detail', id);
  return (
    <PageFrame>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'error' ? <ErrorView message={loaded.message} onRetry={loaded.reload} /> : null}
      {data && data.receipt.receipt === null ? (
        <View className='xz-card receipt-none'>
          <Text className='vote-warn'>您还没有投这次的票，所以没有回执码。</Text>
          <View className='xz-button vote-go' onClick={toDetail}>
            回到表决
          </View>
        </View>
      ) : null}
      {data && data.receipt.receipt !== null ? (
        <View>
          <View className='xz-card receipt'>
            <Text className='xz-banner xz-banner--ok receipt__done'>✓ 投好了，您的票已经收到</Text>
            <Text className='xz-text'>{data.view.motion.question}</Text>
            <Text className='xz-label'>您的回执码</Text>
            <View className='vote-receipt__code'>
              <Text className='receipt__code' userSelect>
                {data.receipt.receipt}
              </Text>
            </View>
            {data.receipt.castAt !== null ? (
              <Text className='xz-muted'>投票时间：{formatTime(data.receipt.castAt)}</Text>
            ) : null}
            {data.receipt.assisted ? (
              <Text className='xz-text'>这张票是村两委成员在您本人到场时替您录入的。</Text>
            ) : null}
            <Text className='xz-muted'>可以抄下来，或者截个图留着。</Text>
          </View>
          <View className='xz-card receipt-proves'>
            <Text className='xz-label'>它能证明什么</Text>
            <Text className='xz-text'>
              您的票算进去了。投票结束后，结果页会公布所有回执码，能在里面找到这个码；也可以在结果页的“查我的回执码”里查。
            </Text>
            <Text className='xz-label'>它不能证明什么</Text>
            {data.view.motion.mode === 'secret' ? (
              <Text className='xz-text receipt__secret'>
                看不出您投了什么。回执码和选票是分开放的，谁拿到这个码，都不知道您选了哪一项。
              </Text>
            ) : (
              <Text className='xz-text receipt__open'>
                它本身看不出您投了什么。不过这次是记名投票，结果里会公布每个人投了什么。
              </Text>
            )}
          </View>
          <View className='xz-button vote-go' onClick={toDetail}>
            回到表决
          </View>
          {data.view.state === 'closed' ? (
            <View
              className='xz-button xz-button--plain'
              onClick={() => void Taro.redirectTo({ url: voteUrl('result', id) })}
            >
              看结果
            </View>
          ) : null}
        </View>
      ) : null}
    </PageFrame>
  );
}
