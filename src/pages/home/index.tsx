import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import BoardConsoleLink from '../../components/BoardConsoleLink';
import ConsoleCard, { type ConsolePage } from '../../components/ConsoleCard';
import ElderSwitch from '../../components/ElderSwitch';
import JoinCard from '../../components/JoinCard';
import OpenVotesCard from '../../components/OpenVotesCard';
import PageFrame from '../../components/PageFrame';
import VisitEntryCard from '../../components/VisitEntryCard';
import { ErrorView, Loading } from '../../components/StateView';
import { useElderMode } from '../../hooks/useElderMode';
import { useWhoAmI, type WhoAmI } from '../../hooks/useWhoAmI';
import { rolesText } from '../../utils/format';

function Greeting({ me }: { readonly me: WhoAmI }) {
  return (
    <View className='xz-card'>
      <Text className='xz-title'>您好，{me.name}</Text>
      <Text className='xz-text'>身份：{rolesText(me.roles)}</Text>
      {me.village ? (
        <Text className='xz-muted'>
          {me.village.townshipName} · {me.village.name}
        </Text>
      ) : null}
    </View>
  );
}

function VillageStats({ village }: { readonly village: NonNullable<WhoAmI['village']> }) {
  return (
    <View className='xz-stat'>
      <View className='xz-stat__item'>
        <Text className='xz-stat__num'>{village.householdCount}</Text>
        <Text className='xz-muted'>户</Text>
      </View>
      <View className='xz-stat__item'>
        <Text className='xz-stat__num'>{village.residentCount}</Text>
        <Text className='xz-muted'>村民</Text>
      </View>
    </View>
  );
}

function TownshipVillages({ township }: { readonly township: NonNullable<WhoAmI['township']> }) {
  return (
    <View className='xz-card'>
      <Text className='xz-text'>{township.name}管辖的村</Text>
      {township.villages.map((v) => (
        <View key={v.id} className='xz-row'>
          <Text className='xz-text'>{v.name}</Text>
        </View>
      ))}
    </View>
  );
}

function Shortcuts() {
  return (
    <View className='xz-card'>
      <View className='xz-button' onClick={() => void Taro.switchTab({ url: '/pages/matters/index' })}>
        村里的事，大家来议
      </View>
      <View className='xz-button xz-button--plain' onClick={() => void Taro.switchTab({ url: '/pages/board/index' })}>
        看村务公开
      </View>
    </View>
  );
}

const openJoin = () => void Taro.navigateTo({ url: '/pkg-join/index' });

function Console({ me }: { readonly me: WhoAmI }) {
  const staff = me.roles.includes('townshipStaff') && me.township ? me.township.villages : null;
  const [villageId, setVillageId] = useState<string | undefined>(staff?.length === 1 ? staff[0].id : undefined);
  if (!staff && !(me.roles.includes('committee') && me.village)) return null;
  const open = (page: ConsolePage) => {
    const query = staff && villageId ? `?villageId=${encodeURIComponent(villageId)}` : '';
    void Taro.navigateTo({ url: `/pkg-committee/${page}/index${query}` });
  };
  return (
    <ConsoleCard
      villages={staff ? staff.map((v) => ({ id: v.id, label: v.name })) : null}
      selected={villageId}
      onPickVillage={setVillageId}
      onOpen={open}
    />
  );
}

export default function Home() {
  const who = useWhoAmI();
  const elder = useElderMode();
  return (
    <PageFrame>
      {who.status === 'loading' ? <Loading /> : null}
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {who.status === 'ready' ? (
        <View>
          <Greeting me={who.me} />
          {who.me.village ? <VillageStats village={who.me.village} /> : null}
          {who.me.township ? <TownshipVillages township={who.me.township} /> : null}
          {!who.me.joined && !who.me.roles.includes('townshipStaff') ? <JoinCard onOpen={openJoin} /> : null}
          {who.me.joined ? <OpenVotesCard /> : null}
          <Console me={who.me} />
          {who.me.joined || who.me.roles.includes('townshipStaff') ? <VisitEntryCard roles={who.me.roles} /> : null}
          <BoardConsoleLink me={who.me} />
          <Shortcuts />
          <View className='xz-card'>
            <ElderSwitch on={elder.on} disabled={elder.saving} onChange={elder.setOn} />
            {elder.error ? <Text className='xz-muted xz-error'>{elder.error}</Text> : null}
          </View>
        </View>
      ) : null}
    </PageFrame>
  );
}
