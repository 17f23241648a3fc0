import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { Role } from '../../../core/roles';
import ChoiceList from '../../components/ChoiceList';
import NeedCard, { type NeedView } from '../../components/NeedCard';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useLoad } from '../../hooks/useLoad';
import type { WhoAmI } from '../../hooks/useWhoAmI';
import { call, errorOf } from '../../services/api';
import Gate from '../Gate';
import '../visits.scss';

type Status = 'open' | 'closed' | 'all';
const STATUS_CHOICES = [
  { id: 'open', label: '没销号的' },
  { id: 'closed', label: '已销号的' },
  { id: 'all', label: '全部' },
];

/** 诉求清单: needs with their step and deadline; 上报, 销号 and 转为议事 right on each card. */
function Needs({ me, villageId }: { readonly me: WhoAmI; readonly villageId: string | undefined }) {
  const [status, setStatus] = useState<Status>('open');
  const [more, setMore] = useState<readonly NeedView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await call('visits.needs', { status, limit: 20, ...(villageId ? { villageId } : {}) });
    setMore([]);
    setCursor(r.nextCursor);
    return r.items;
  }, [status, villageId]);
  const list = useLoad(load, `${status}:${villageId ?? ''}`);
  const loadMore = () => {
    if (!cursor) return;
    call('visits.needs', { status, limit: 20, cursor, ...(villageId ? { villageId } : {}) })
      .then((r) => {
        setMore((xs) => [...xs, ...r.items]);
        setCursor(r.nextCursor);
      })
      .catch((e: unknown) => setMoreError(errorOf(e).message));
  };
  const replace = (n: NeedView) => {
    if (list.status === 'ready') list.set(list.data.map((x) => (x.id === n.id ? n : x)));
    setMore((xs) => xs.map((x) => (x.id === n.id ? n : x)));
  };
  const all = list.status === 'ready' ? [...list.data, ...more] : [];
  return (
    <View>
      <Text className='xz-title'>诉求清单</Text>
      <ChoiceList choices={STATUS_CHOICES} selected={status} onPick={(s) => setStatus(s as Status)} />
      {me.roles.includes('partyMember') && !me.roles.includes('committee') ? (
        <Text className='xz-muted'>这里是您负责的和您记下的诉求。</Text>
      ) : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'error' ? <ErrorView message={list.message} onRetry={list.reload} /> : null}
      {list.status === 'ready' && all.length === 0 ? <Empty title='没有这样的诉求' /> : null}
      {all.map((n) => (
        <NeedCard key={n.id} need={n} roles={me.roles as Role[]} myName={me.name} onChanged={replace} />
      ))}
      {cursor ? (
        <View className='xz-button xz-button--plain' onClick={loadMore}>
          再看20条
        </View>
      ) : null}
      {moreError ? <Text className='xz-text xz-error'>{moreError}</Text> : null}
    </View>
  );
}

export default function NeedsPage() {
  const villageId = useRouter().params.villageId;
  return (
    <PageFrame>
      <Gate
        roles={['partyMember', 'gridLeader', 'committee', 'townshipStaff']}
        why='诉求清单是党员、网格长和村两委用的。'
      >
        {(me) => <Needs me={me} villageId={villageId} />}
      </Gate>
    </PageFrame>
  );
}
