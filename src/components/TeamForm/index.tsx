import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { useAction } from '../../hooks/useAction';
import { call } from '../../services/api';
import ActionNote from '../ActionNote';
import NameSearch, { type RosterPerson } from '../NameSearch';
import TextField from '../TextField';
import './index.scss';

export type Team = OutputOf<ActionByName<'members.saveTeam'>>;

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
  const [members, setMembers] = useState<readonly RosterPerson[]>(
    team?.members.map((m) => ({
      id: m.personId,
      label: m.householdCode ? `${m.name}（户号 ${m.householdCode}）` : m.name,
    })) ?? [],
  );
  const [problems, setProblems] = useState<readonly string[]>([]);
  const action = useAction();

  const add = (person: RosterPerson) => {
    if (!members.some((m) => m.id === person.id)) setMembers([...members, person]);
  };
  const save = () => {
    if (action.busy) return;
    const missing: string[] = [];
    if (name.trim().length < 2) missing.push('请写上队名，至少两个字');
    if (members.length === 0) missing.push('请至少加一名队员');
    setProblems(missing);
    if (missing.length > 0) return;
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
      <TextField
        label='队名'
        className='team-form__name'
        value={name}
        maxlength={20}
        placeholder='比如：修路队'
        onChange={setName}
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
      <NameSearch villageId={villageId} label='加队员：按姓名找' hint='点一下就加进队里：' onPick={add} />
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
