import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import ChoiceList from '../../components/ChoiceList';
import JoinCard from '../../components/JoinCard';
import MatterCard from '../../components/MatterCard';
import Pager from '../../components/Pager';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useLoad } from '../../hooks/useLoad';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useOnReturn } from '../../hooks/useOnReturn';
import { useVillageGroups } from '../../hooks/useVillageGroups';
import { useWhoAmI, type WhoAmI } from '../../hooks/useWhoAmI';
import { call } from '../../services/api';
import { STAGE_FILTERS, type StageFilter } from '../../utils/matter';
import './index.scss';

const PAGE_SIZE = 10;

interface Filters {
  readonly stage: StageFilter;
  readonly groupId: string | undefined;
  readonly mine: boolean;
  readonly villageId: string | undefined;
}

/** One page of the list: the stage, 已结束, the group and 只看我提的 are all the server's filters. */
function loadPage(f: Filters, cursor: string | undefined) {
  return call('matters.list', {
    ...(f.villageId ? { villageId: f.villageId } : {}),
    ...(f.groupId ? { groupId: f.groupId } : {}),
    ...(f.mine ? { mine: true } : {}),
    ...(f.stage === 'ended' ? { ended: true } : f.stage !== 'all' ? { stage: f.stage } : {}),
    ...(cursor ? { cursor } : {}),
    limit: PAGE_SIZE,
  });
}

const openMatter = (id: string) => void Taro.navigateTo({ url: `/pages/matter/index?id=${encodeURIComponent(id)}` });

function MatterList({ me }: { readonly me: WhoAmI }) {
  const staffVillages = me.village ? null : (me.township?.villages ?? null);
  const [villageId, setVillageId] = useState<string | undefined>(
    staffVillages?.length === 1 ? staffVillages[0].id : undefined,
  );
  const [stage, setStage] = useState<StageFilter>('all');
  const [groupId, setGroupId] = useState<string | undefined>(undefined);
  const [mine, setMine] = useState(false);
  const pages = useCursorPages();
  const { page } = pages;
  const [tick, setTick] = useState(0);
  const groups = useVillageGroups(me, villageId);
  const villager = me.roles.includes('villager');
  const waiting = staffVillages !== null && !villageId;

  const filters: Filters = { stage, groupId, mine, villageId };
  const list = useLoad(
    waiting ? null : () => loadPage(filters, pages.cursor),
    `${stage}|${groupId ?? ''}|${mine}|${villageId ?? ''}|${page}|${tick}`,
  );

  // Coming back from raising or opening a matter: show what changed.
  useOnReturn(() => setTick((t) => t + 1));

  const refilter = (change: () => void) => {
    change();
    pages.reset();
  };

  const groupName = (id: string | null) => (id ? groups?.find((g) => g.id === id)?.label : undefined);

  return (
    <View>
      {villager ? (
        <View className='xz-button matters__raise' onClick={() => void Taro.navigateTo({ url: '/pages/raise/index' })}>
          我要提一件事
        </View>
      ) : null}
      {staffVillages ? (
        <View className='xz-card'>
          <Text className='xz-text'>看哪个村的事：</Text>
          <ChoiceList
            choices={staffVillages.map((v) => ({ id: v.id, label: v.name }))}
            selected={villageId}
            onPick={(id) => refilter(() => setVillageId(id))}
          />
        </View>
      ) : null}
      <View className='xz-card matters__filters'>
        <Text className='xz-label'>走到哪一步了</Text>
        <ChoiceList
          choices={STAGE_FILTERS}
          selected={stage}
          onPick={(id) => refilter(() => setStage(id as StageFilter))}
        />
        {groups && groups.length > 0 ? (
          <View className='matters__groups'>
            <Text className='xz-label'>哪个组的事</Text>
            <ChoiceList
              choices={[{ id: '', label: '全村' }, ...groups]}
              selected={groupId ?? ''}
              onPick={(id) => refilter(() => setGroupId(id === '' ? undefined : id))}
            />
          </View>
        ) : null}
        {villager ? (
          <ChoiceList
            choices={[{ id: 'mine', label: '只看我提的' }]}
            selected={mine ? 'mine' : undefined}
            onPick={() => refilter(() => setMine(!mine))}
          />
        ) : null}
      </View>
      {waiting ? null : (
        <View>
          {list.status === 'loading' ? <Loading /> : null}
          {list.status === 'error' ? <ErrorView message={list.message} onRetry={list.reload} /> : null}
          {list.status === 'ready' && list.data.items.length === 0 ? (
            <Empty title={page === 0 ? '这里还没有事' : '后面没有了'} text='换个条件看看，或者提一件村里的事。' />
          ) : null}
          {list.status === 'ready'
            ? list.data.items.map((m) => (
                <MatterCard key={m.id} matter={m} groupName={groupName(m.groupId)} onOpen={() => openMatter(m.id)} />
              ))
            : null}
          {list.status === 'ready' ? <Pager {...pages.pager(list.data.nextCursor)} /> : null}
        </View>
      )}
    </View>
  );
}

/** 议事: the village's matters, newest activity first, by step, group or only one's own; and 我要提一件事. */
export default function Matters() {
  const who = useWhoAmI();
  return (
    <PageFrame>
      <Text className='xz-title'>议事</Text>
      {who.status === 'loading' ? <Loading /> : null}
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {who.status === 'ready' && !who.me.joined && !who.me.township ? (
        <View>
          <Empty title='加入村子以后，就能看村里的事、提事、附议了' />
          <JoinCard onOpen={() => void Taro.navigateTo({ url: '/pkg-join/index' })} />
        </View>
      ) : null}
      {who.status === 'ready' && (who.me.joined || who.me.township) ? <MatterList me={who.me} /> : null}
    </PageFrame>
  );
}
