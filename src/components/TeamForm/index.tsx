import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import ActionNote from '../ActionNote';
import ChoiceList from '../ChoiceList';
import './index.scss';

export type Team = OutputOf<ActionByName<'members.saveTeam'>>;

interface Person {
  readonly id: string;
  readonly label: string;
}

async function findPeople(villageId: string | undefined, q: string): Promise<Person[]> {
  const r = await call('roster.search', { ...(villageId ? { villageId } : {}), q, page: 0 });
  return r.items.map((p) => ({ id: p.id, label: `${p.name}（${p.groupName}，户号 ${p.householdCode}）` }));
}

/**
 * 登记或修改互助工作队: a name, and members found by name on the village's roster (a tap adds one, a
 * tap on 去掉 takes one off). The server checks again that every member is on this village's roster
 * and that no other team has the name.
 */
export default function TeamForm({
  team,
  villageId,
  onSaved,
  onCancel,
}: {
  /** Null: a new team. */
  readonly team: Team | null;
  readonly villageId?: string;
  readonly onSaved: (team: Team, done: string) => void;
  readonly onCancel: () => void;
}) {
  const [name, setName] = useState(team?.name ?? '');
  const [members, setMembers] = useState<readonly Person[]>(
    team?.members.map((m) => ({
      id: m.personId,
      label: m.householdCode ? `${m.name}（户号 ${m.householdCode}）` : m.name,
    })) ?? [],
  );
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const found = useLoad(q ? () => findPeople(villageId, q) : null, `find|${q}`);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const action = useAction();

  const add = (id: string) => {
    const person = found.status === 'ready' ? found.data.find((p) => p.id === id) : undefined;
    if (person && !members.some((m) => m.id === id)) setMembers([...members, person]);
  };
  const save = () => {
    if (action.busy) return;
    const found: string[] = [];
    if (name.trim().length < 2) found.push('请写上队名，至少两个字');
    if (members.length === 0) found.push('请至少加一名队员');
    setProblems(found);
    if (found.length > 0) return;
    const done = team ? `已保存“${name.trim()}”` : `已登记“${name.trim()}”`;
    action.run(
      () =>
        call('members.saveTeam', {
          ...(team ? { teamId: team.id } : {}),
          name: name.trim(),
          memberIds: members.map((m) => m.id),
        }),
      done,
      (saved) => onSaved(saved, done),
    );
  };

  return (
    <View className='xz-card team-form'>
      <Text className='xz-title'>{team ? `修改“${team.name}”` : '登记新的互助工作队'}</Text>
      <Text className='xz-label'>队名</Text>
      <Input
        className='xz-input team-form__name'
        value={name}
        maxlength={20}
        placeholder='比如：修路队'
        nativeProps={{ 'aria-label': '队名' }}
        onInput={(e) => setName(e.detail.value)}
      />
      <Text className='xz-label'>队员（{members.length} 人）</Text>
      {members.length === 0 ? <Text className='xz-muted'>还没有队员，请在下面按姓名找</Text> : null}
      {members.map((m) => (
        <View key={m.id} className='team-form__member'>
          <Text className='xz-text team-form__member-name'>{m.label}</Text>
          <View
            className='xz-button xz-button--quiet team-form__remove'
            onClick={() => setMembers(members.filter((x) => x.id !== m.id))}
          >
            去掉
          </View>
        </View>
      ))}
      <Text className='xz-label'>加队员：按姓名找</Text>
      <Input
        className='xz-input team-form__q'
        value={typed}
        maxlength={20}
        confirmType='search'
        placeholder='写姓名'
        nativeProps={{ 'aria-label': '按姓名找队员' }}
        onInput={(e) => setTyped(e.detail.value)}
        onConfirm={() => setQ(typed.trim())}
      />
      <View className='xz-button xz-button--plain team-form__search' onClick={() => setQ(typed.trim())}>
        查找
      </View>
      {found.status === 'ready' ? (
        found.data.length > 0 ? (
          <View className='team-form__found'>
            <Text className='xz-muted'>点一下就加进队里：</Text>
            <ChoiceList choices={found.data} selected={undefined} onPick={add} />
          </View>
        ) : (
          <Text className='xz-text'>花名册上没有找到这个名字</Text>
        )
      ) : null}
      {found.status === 'error' ? <Text className='xz-banner xz-banner--bad'>{found.message}</Text> : null}
      {problems.map((p) => (
        <Text key={p} className='xz-banner xz-banner--bad team-form__problem'>
          {p}
        </Text>
      ))}
      <View className={`xz-button team-form__save${action.busy ? ' xz-button--disabled' : ''}`} onClick={save}>
        {action.busy ? '正在保存…' : '保存'}
      </View>
      <View className='xz-button xz-button--plain team-form__cancel' onClick={onCancel}>
        不改了
      </View>
      <ActionNote action={{ done: null, error: action.error }} />
    </View>
  );
}
