import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import BoardDuty from '../../components/BoardDuty';
import { InquiryItem } from '../../components/NoticeInquiries';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useLoad } from '../../hooks/useLoad';
import { useWhoAmI } from '../../hooks/useWhoAmI';
import { call } from '../../services/api';
import { formatDate } from '../../utils/matter';

const go = (url: string) => void Taro.navigateTo({ url });

/** 各村公开情况 (township staff): which village is behind on its board, and questions left unanswered. */
export default function Township() {
  const who = useWhoAmI();
  const staff = who.status === 'ready' && who.me.roles.includes('townshipStaff');
  const data = useLoad(staff ? () => call('board.township', {}) : null, String(staff));
  return (
    <PageFrame>
      <Text className='xz-title'>各村公开情况</Text>
      {who.status === 'loading' ? <Loading /> : null}
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {who.status === 'ready' && !staff ? <ErrorView message='没有权限：这一页是乡镇干部看各村公开情况用的。' /> : null}
      {staff && data.status === 'loading' ? <Loading /> : null}
      {data.status === 'error' ? <ErrorView message={data.message} onRetry={data.reload} /> : null}
      {data.status === 'ready' ? (
        <View>
          {data.data.villages.map((v) => (
            <View key={v.id} className='xz-card township-village'>
              <Text className='xz-label'>{v.name}</Text>
              <Text className={`xz-text${v.overdueDuties > 0 ? ' xz-error' : ''}`}>
                {v.overdueDuties > 0 ? `⚠ 有 ${v.overdueDuties} 项该公开没公开` : '该公开的都公开了'}
              </Text>
              <Text className={`xz-text${v.overdueInquiries > 0 ? ' xz-error' : ''}`}>
                没答复的询问 {v.openInquiries} 条，其中超期 {v.overdueInquiries} 条
              </Text>
              <Text className='xz-muted'>
                {v.lastPublishedAt ? `最近一次公开：${formatDate(v.lastPublishedAt)}` : '还没有公开过'}
              </Text>
              {v.duties.map((d) => (
                <BoardDuty key={d.duty} duty={d} />
              ))}
              <View
                className='xz-button xz-button--quiet'
                onClick={() => go(`/pkg-board/export/index?villageId=${encodeURIComponent(v.id)}`)}
              >
                导出这个村的表决和民事
              </View>
            </View>
          ))}
          <View className='xz-card township-overdue'>
            <Text className='xz-label'>超期没答复的询问</Text>
            {data.data.overdueInquiries.length === 0 ? <Text className='xz-muted'>没有。</Text> : null}
            {data.data.overdueInquiries.map((q) => (
              <View key={q.id}>
                <InquiryItem inquiry={q} canAnswer={false} showNotice onAnswered={() => undefined} />
                <View
                  className='xz-button xz-button--quiet'
                  onClick={() => go(`/pages/notice/index?id=${encodeURIComponent(q.noticeId)}`)}
                >
                  看这条公告
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </PageFrame>
  );
}
