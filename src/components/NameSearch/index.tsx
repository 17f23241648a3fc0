import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import ChoiceList from '../ChoiceList';
import TextField from '../TextField';

/** Someone on the village's roster, labelled so that two of the same name can be told apart. */
export interface RosterPerson {
  readonly id: string;
  readonly label: string;
}

async function findPeople(villageId: string | undefined, q: string): Promise<RosterPerson[]> {
  const r = await call('roster.search', { ...(villageId ? { villageId } : {}), q, page: 0 });
  return r.items.map((p) => ({ id: p.id, label: `${p.name}（${p.groupName}，户号 ${p.householdCode}）` }));
}

/**
 * 按姓名找: a name typed (查找, or the keyboard's search key), the people of that name on the roster,
 * and a tap on one. The one picked is marked when `selected` names it.
 */
export default function NameSearch({
  villageId,
  label,
  hint,
  selected,
  onPick,
}: {
  readonly villageId?: string;
  readonly label: string;
  /** Above the people found, e.g. what a tap does. */
  readonly hint?: string;
  readonly selected?: string;
  readonly onPick: (person: RosterPerson) => void;
}) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const found = useLoad(q ? () => findPeople(villageId, q) : null, `find|${villageId ?? ''}|${q}`);
  return (
    <View className='name-search'>
      <TextField
        label={label}
        className='name-search__q'
        value={typed}
        maxlength={20}
        confirmType='search'
        placeholder='写姓名'
        onConfirm={() => setQ(typed.trim())}
        onChange={setTyped}
      />
      <View className='xz-button xz-button--plain name-search__go' onClick={() => setQ(typed.trim())}>
        查找
      </View>
      {found.status === 'ready' ? (
        found.data.length > 0 ? (
          <View className='name-search__found'>
            {hint ? <Text className='xz-muted'>{hint}</Text> : null}
            <ChoiceList
              choices={found.data}
              selected={selected}
              onPick={(id) => {
                const person = found.data.find((p) => p.id === id);
                if (person) onPick(person);
              }}
            />
          </View>
        ) : (
          <Text className='xz-text'>花名册上没有找到这个名字</Text>
        )
      ) : null}
      {found.status === 'error' ? <Text className='xz-banner xz-banner--bad'>{found.message}</Text> : null}
    </View>
  );
}
