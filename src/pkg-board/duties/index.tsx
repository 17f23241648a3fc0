import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import BoardDuty from '../../components/BoardDuty';
import ChoiceList from '../../components/ChoiceList';
import ConsoleGate from '../../components/ConsoleGate';
import { InquiryItem } from '../../components/NoticeInquiries';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useAction } from '../../hooks/useAction';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';

const DAY_CHOICES = [3, 7, 15, 30].map((d) => ({ id: String(d), label: `${d} 天` }));

/**
 * 该公开什么了: what the law expects next on this village's board (the quarterly general notice, and
 * monthly accounts where set), which is overdue, and the questions still waiting for an answer.
 */
export default function Duties() {
  const access = useConsole('console');
  const ready = access.status === 'ready' ? access : null;
  const villageId = ready?.villageId;
  const data = useLoad(
    ready ? () => call('board.duties', { ...(villageId ? { villageId } : {}) }) : null,
    villageId ?? 'own',
  );
  const act = useAction();
  const configure = (patch: { monthlyAccounts?: boolean; inquiryDays?: number }, done: string) =>
    act.run(() => call('board.configure', { ...(villageId ? { villageId } : {}), ...patch }), done, data.reload);

  return (
    <PageFrame>
      <ConsoleGate title='该公开什么了' access={access}>
        {data.status === 'loading' ? <Loading /> : null}
        {data.status === 'error' ? <ErrorView message={data.message} onRetry={data.reload} /> : null}
        {data.status === 'ready' ? (
          <View>
            <View className='xz-card duties'>
              <Text className='xz-label'>按法律要公开的</Text>
              {data.data.duties.map((d) => (
                <BoardDuty key={d.duty} duty={d} />
              ))}
            </View>
            <View className='xz-card duties__inquiries'>
              <Text className='xz-label'>村民的询问</Text>
              <Text className={`xz-text${data.data.inquiries.overdue > 0 ? ' xz-error' : ''} duties__inquiry-count`}>
                没答复的 {data.data.inquiries.open} 条，其中超期的 {data.data.inquiries.overdue} 条
              </Text>
              {data.data.inquiries.oldest.map((q) => (
                <View key={q.id}>
                  <InquiryItem inquiry={q} canAnswer={ready?.committee ?? false} showNotice onAnswered={data.reload} />
                  <View
                    className='xz-button xz-button--quiet'
                    onClick={() =>
                      void Taro.navigateTo({ url: `/pages/notice/index?id=${encodeURIComponent(q.noticeId)}` })
                    }
                  >
                    看这条公告
                  </View>
                </View>
              ))}
            </View>
            <View className='xz-card duties__settings'>
              <Text className='xz-label'>设置</Text>
              <Text className='xz-text'>收支多的村，账目要每月公开一次。</Text>
              <ChoiceList
                choices={[
                  { id: 'on', label: '每月公开账目' },
                  { id: 'off', label: '不用每月公开' },
                ]}
                selected={data.data.settings.monthlyAccounts ? 'on' : 'off'}
                onPick={(id) =>
                  configure({ monthlyAccounts: id === 'on' }, id === 'on' ? '已设为每月公开账目' : '已设为不用每月公开')
                }
              />
              <Text className='xz-text'>村民问了以后，几天内要答复：</Text>
              <ChoiceList
                choices={
                  DAY_CHOICES.some((c) => c.id === String(data.data.settings.inquiryDays))
                    ? DAY_CHOICES
                    : [
                        ...DAY_CHOICES,
                        { id: String(data.data.settings.inquiryDays), label: `${data.data.settings.inquiryDays} 天` },
                      ]
                }
                selected={String(data.data.settings.inquiryDays)}
                onPick={(id) => configure({ inquiryDays: Number(id) }, `已设为 ${id} 天内答复`)}
              />
              {act.error ? <Text className='xz-text xz-error'>{act.error}</Text> : null}
              {act.done ? <Text className='xz-banner xz-banner--ok'>✓ {act.done}</Text> : null}
            </View>
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
