import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import ActionNote from '../ActionNote';
import ChoiceList from '../ChoiceList';
import NameSearch from '../NameSearch';

interface Person {
  readonly id: string;
  readonly label: string;
}

/** Who is picked: one person of the roster, or one of the village's work teams. */
interface Picked extends Person {
  readonly kind: 'person' | 'team';
}

async function workTeams(): Promise<Person[]> {
  const r = await call('matters.teams', {});
  return r.map((t) => ({ id: t.id, label: `${t.name}（${t.memberCount}人）` }));
}

async function partyMembers(villageId: string | undefined): Promise<Person[]> {
  const r = await call('members.list', { ...(villageId ? { villageId } : {}), role: 'partyMember', page: 0 });
  return r.items.flatMap((m) => (m.personId ? [{ id: m.personId, label: m.name }] : []));
}

/**
 * 定负责人: one of the village's mutual-aid work teams (互助工作队) or party members with one tap, or
 * anyone on the roster found by name.
 */
export default function OwnerPicker({
  matterId,
  villageId,
  current,
  onDone,
}: {
  readonly matterId: string;
  readonly villageId?: string;
  readonly current: string | null;
  readonly onDone: (done: string) => void;
}) {
  // Back from 去登记互助工作队: a team may have been registered meanwhile. (The picker may open after
  // its page was shown, so every show counts: at worst the list is read once more.)
  const [returns, setReturns] = useState(0);
  useDidShow(() => setReturns((n) => n + 1));
  const teams = useLoad(() => workTeams(), `teams|${returns}`);
  const party = useLoad(() => partyMembers(villageId), `party|${villageId ?? ''}`);
  const [picked, setPicked] = useState<Picked | null>(null);
  const action = useAction();

  const pick =
    (list: readonly Person[], kind: Picked['kind'] = 'person') =>
    (id: string) => {
      const found = list.find((p) => p.id === id);
      setPicked(found ? { ...found, kind } : null);
    };
  // A team and a person may share an id: a choice is on only in the list it was picked from.
  const on = (kind: Picked['kind']) => (picked?.kind === kind ? picked.id : undefined);

  return (
    <View className='owner-picker'>
      {current ? <Text className='xz-text'>现在的负责人：{current}</Text> : null}
      <Text className='xz-label'>互助工作队</Text>
      {teams.status === 'ready' ? (
        teams.data.length > 0 ? (
          <View className='owner-picker__teams'>
            <ChoiceList choices={teams.data} selected={on('team')} onPick={pick(teams.data, 'team')} />
          </View>
        ) : (
          <View>
            <Text className='xz-muted owner-picker__no-teams'>村里还没有登记互助工作队</Text>
            <View
              className='xz-button xz-button--quiet owner-picker__register'
              onClick={() =>
                void Taro.navigateTo({
                  url: `/pkg-committee/teams/index${villageId ? `?villageId=${encodeURIComponent(villageId)}` : ''}`,
                })
              }
            >
              去登记互助工作队
            </View>
          </View>
        )
      ) : (
        <Text className='xz-muted'>{teams.status === 'error' ? teams.message : '正在加载…'}</Text>
      )}
      <Text className='xz-label'>村里的党员</Text>
      {party.status === 'ready' ? (
        <ChoiceList choices={party.data} selected={on('person')} onPick={pick(party.data)} />
      ) : (
        <Text className='xz-muted'>{party.status === 'error' ? party.message : '正在加载…'}</Text>
      )}
      <NameSearch
        villageId={villageId}
        label='或者按姓名找'
        selected={on('person')}
        onPick={(person) => setPicked({ ...person, kind: 'person' })}
      />
      {picked ? (
        <View
          className={`xz-button owner-picker__confirm${action.busy ? ' xz-button--disabled' : ''}`}
          onClick={() => {
            const done = `已定下由 ${picked.label} 负责`;
            action.run(
              () =>
                call('matters.assignOwner', {
                  matterId,
                  owner:
                    picked.kind === 'team'
                      ? { kind: 'team', teamId: picked.id }
                      : { kind: 'person', personId: picked.id },
                }),
              done,
              () => onDone(done),
            );
          }}
        >
          由 {picked.label} 负责
        </View>
      ) : null}
      <ActionNote action={{ done: null, error: action.error }} />
    </View>
  );
}
