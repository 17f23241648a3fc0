import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { NOTICE_KINDS, type NoticeKind } from '../../../core/board/kinds';
import ChoiceList from '../../components/ChoiceList';
import JoinCard from '../../components/JoinCard';
import NoticeCard from '../../components/NoticeCard';
import Pager from '../../components/Pager';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useLoad } from '../../hooks/useLoad';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useOnReturn } from '../../hooks/useOnReturn';
import { useWhoAmI, type WhoAmI } from '../../hooks/useWhoAmI';
import { call } from '../../services/api';
import './index.scss';

const PAGE_SIZE = 10;
const KIND_CHOICES = [{ id: '', label: '全部' }, ...NOTICE_KINDS.map((k) => ({ id: k.id, label: k.label }))];

const go = (url: string) => void Taro.navigateTo({ url });

function NoticeList({ me }: { readonly me: WhoAmI }) {
  const staffVillages = me.village ? null : (me.township?.villages ?? null);
  const [villageId, setVillageId] = useState<string | undefined>(
    staffVillages?.length === 1 ? staffVillages[0].id : undefined,
  );
  const [kind, setKind] = useState<NoticeKind | ''>('');
  const pages = useCursorPages();
  const { page } = pages;
  const [tick, setTick] = useState(0);
  const waiting = staffVillages !== null && !villageId;
  const committee = me.roles.includes('committee') && me.village !== null;
  const staff = me.roles.includes('townshipStaff') && me.township !== null;

  const list = useLoad(
    waiting
      ? null
      : () =>
          call('board.list', {
            ...(villageId ? { villageId } : {}),
            ...(kind ? { kind } : {}),
            ...(pages.cursor ? { cursor: pages.cursor } : {}),
            limit: PAGE_SIZE,
          }),
    `${villageId ?? ''}|${kind}|${page}|${tick}`,
  );

  // Back from a notice: its read count and marks may have moved.
  useOnReturn(() => setTick((t) => t + 1));

  const refilter = (change: () => void) => {
    change();
    pages.reset();
  };
  return (
    <View>
      {committee ? (
        <View className='xz-button board__manage' onClick={() => go('/pkg-board/manage/index')}>
          管理公开栏：写公告、公开账目、答复询问
        </View>
      ) : null}
      {staff ? (
        <View className='xz-button xz-button--plain board__township' onClick={() => go('/pkg-board/township/index')}>
          各村公开得怎么样
        </View>
      ) : null}
      {staffVillages ? (
        <View className='xz-card'>
          <Text className='xz-text'>看哪个村的公开栏：</Text>
          <ChoiceList
            choices={staffVillages.map((v) => ({ id: v.id, label: v.name }))}
            selected={villageId}
            onPick={(id) => refilter(() => setVillageId(id))}
          />
        </View>
      ) : null}
      <View className='xz-card board__filters'>
        <Text className='xz-label'>看哪一类</Text>
        <ChoiceList
          choices={KIND_CHOICES}
          selected={kind}
          onPick={(id) => refilter(() => setKind(id as NoticeKind | ''))}
        />
      </View>
      {waiting ? null : (
        <View>
          {list.status === 'loading' ? <Loading /> : null}
          {list.status === 'error' ? <ErrorView message={list.message} onRetry={list.reload} /> : null}
          {list.status === 'ready' ? (
            <Text className='xz-muted board__village'>
              {list.data.village.name}的公开栏
              {list.data.member ? '' : '（您不是本村的人，只能看公开给所有人的）'}
            </Text>
          ) : null}
          {list.status === 'ready' && list.data.items.length === 0 ? (
            <Empty
              title={page === 0 ? '这里还没有公告' : '后面没有了'}
              text='村里的决定、表决结果、办事进展和账目，公开以后都会在这里。'
            />
          ) : null}
          {list.status === 'ready'
            ? list.data.items.map((n) => (
                <NoticeCard
                  key={n.id}
                  notice={n}
                  onOpen={() => go(`/pages/notice/index?id=${encodeURIComponent(n.id)}`)}
                />
              ))
            : null}
          {list.status === 'ready' ? <Pager {...pages.pager(list.data.nextCursor)} /> : null}
        </View>
      )}
    </View>
  );
}

/** 村务公开: the village's notices, pinned first, by kind, a page at a time; never silently edited. */
export default function Board() {
  const who = useWhoAmI();
  return (
    <PageFrame>
      <Text className='xz-title'>村务公开</Text>
      {who.status === 'loading' ? <Loading /> : null}
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {who.status === 'ready' && !who.me.village && !who.me.township ? (
        <View>
          <Empty
            title='加入村子以后，就能看村里的公开栏'
            text='村里贴出来的公告上有二维码，扫一扫就能看公开给所有人的那一条。'
          />
          <JoinCard onOpen={() => go('/pkg-join/index')} />
        </View>
      ) : null}
      {who.status === 'ready' && (who.me.village || who.me.township) ? <NoticeList me={who.me} /> : null}
    </PageFrame>
  );
}
