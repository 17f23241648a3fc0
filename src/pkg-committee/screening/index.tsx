import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { TransitionName } from '../../../core/matter/lifecycle';
import ChoiceList from '../../components/ChoiceList';
import ConsoleGate from '../../components/ConsoleGate';
import type { MatterSummary } from '../../components/MatterCard';
import Pager from '../../components/Pager';
import PageFrame from '../../components/PageFrame';
import ScreeningActions from '../../components/ScreeningActions';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useConsole } from '../../hooks/useConsole';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useLoad } from '../../hooks/useLoad';
import { useOnReturn } from '../../hooks/useOnReturn';
import { call } from '../../services/api';
import { formatTime } from '../../utils/format';

const PAGE_SIZE = 10;

/**
 * What the committee may do with a raised matter, from the list row alone: declining is deciding
 * alone, which a reserved matter does not allow. The server checks every rule again and says why.
 */
function screeningSteps(m: MatterSummary): TransitionName[] {
  return m.reserved ? ['accept', 'merge'] : ['accept', 'decline', 'merge'];
}

function ScreeningCard({ m, onDone }: { readonly m: MatterSummary; readonly onDone: (done: string) => void }) {
  return (
    <View className={`xz-card screening-card${m.screeningOverdue ? ' screening-card--overdue' : ''}`}>
      <Text className='xz-text screening-card__title'>{m.title}</Text>
      {m.screeningOverdue ? (
        <Text className='xz-banner xz-banner--bad screening-card__overdue'>✗ 已超期：过了受理的期限，请尽快处理</Text>
      ) : (
        <Text className='xz-muted'>还在受理期限内</Text>
      )}
      <Text className='xz-text'>哪类事：{m.categoryLabel}</Text>
      {m.reserved ? <Text className='xz-text'>这类事按法律要村民表决，不能不受理。</Text> : null}
      <Text className='xz-muted'>
        {m.authorName} 提出 · {formatTime(m.raisedAt)} · 附议 {m.cosignCount} 人
      </Text>
      <View
        className='xz-button xz-button--quiet screening-card__detail'
        onClick={() => void Taro.navigateTo({ url: `/pages/matter/index?id=${encodeURIComponent(m.id)}` })}
      >
        看详情
      </View>
      <ScreeningActions matterId={m.id} can={screeningSteps(m)} onDone={(d) => onDone(`${m.title}：${d}`)} />
    </View>
  );
}

/** 议事审核: the raised matters waiting for the committee, overdue ones said so in words; accept, decline or merge. */
export default function Screening() {
  const access = useConsole('committee');
  const [overdue, setOverdue] = useState(false);
  const pages = useCursorPages();
  const { page } = pages;
  const [tick, setTick] = useState(0);
  const [dones, setDones] = useState<readonly string[]>([]);
  const list = useLoad(
    access.status === 'ready'
      ? () =>
          call('matters.list', {
            stage: 'raise',
            ...(overdue ? { overdue: true } : {}),
            ...(pages.cursor ? { cursor: pages.cursor } : {}),
            limit: PAGE_SIZE,
          })
      : null,
    `${overdue}|${page}|${tick}`,
  );
  useOnReturn(() => setTick((t) => t + 1));

  const onDone = (d: string) => {
    setDones((ds) => [...ds, d]);
    setTick((t) => t + 1);
  };
  return (
    <PageFrame>
      <ConsoleGate title='议事审核' access={access}>
        {dones.map((d, i) => (
          <Text key={`${i}-${d}`} className='xz-banner xz-banner--ok screening__done'>
            ✓ {d}
          </Text>
        ))}
        <Text className='xz-muted'>村民提的事，村两委要在期限内受理、不受理（写理由）或者并到同样的事里。</Text>
        <ChoiceList
          choices={[
            { id: 'all', label: '全部等受理的' },
            { id: 'overdue', label: '只看超期的' },
          ]}
          selected={overdue ? 'overdue' : 'all'}
          onPick={(id) => {
            setOverdue(id === 'overdue');
            pages.reset();
          }}
        />
        {list.status === 'loading' ? <Loading /> : null}
        {list.status === 'error' ? <ErrorView message={list.message} onRetry={list.reload} /> : null}
        {list.status === 'ready' && list.data.items.length === 0 ? (
          <Empty title={overdue ? '没有超期没受理的事' : '现在没有等受理的事'} text='村民提了事，会出现在这里。' />
        ) : null}
        {list.status === 'ready'
          ? list.data.items.map((m) => <ScreeningCard key={m.id} m={m} onDone={onDone} />)
          : null}
        {list.status === 'ready' ? <Pager {...pages.pager(list.data.nextCursor)} /> : null}
      </ConsoleGate>
    </PageFrame>
  );
}
