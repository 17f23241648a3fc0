import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import ChoiceList from '../../components/ChoiceList';
import ConsoleGate from '../../components/ConsoleGate';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useAction } from '../../hooks/useAction';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import '../visits.scss';

async function loadAll() {
  const [who, party] = await Promise.all([
    call('visits.assignments', {}),
    call('members.list', { role: 'partyMember', page: 0 }),
  ]);
  return { who, party: party.items.filter((m) => m.personId !== null) };
}

/**
 * 分配联系户 (the committee): pick a party member, tick households (those nobody looks after first,
 * or some moved from another member), and assign. Outside the village's range of households a
 * member is warned, never stopped; the old member stays in each household's history.
 */
function Assign() {
  const data = useLoad(loadAll, 'assign');
  const [memberId, setMemberId] = useState<string | undefined>(undefined);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const act = useAction();
  const [warning, setWarning] = useState<string | null>(null);
  const { set } = data;
  const refresh = useCallback(() => {
    loadAll().then(set, () => undefined);
  }, [set]);

  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorView message={data.message} onRetry={data.reload} />;
  const { who, party } = data.data;
  const countOf = (personId: string) => who.members.find((m) => m.memberId === personId)?.count ?? 0;
  const toggle = (id: string) =>
    setPicked(picked.includes(id) ? picked.filter((x) => x !== id) : picked.length < 20 ? [...picked, id] : picked);
  const chosen = party.find((m) => m.personId === memberId);

  const assign = () => {
    if (!memberId || picked.length === 0) return;
    act.run(
      () => call('visits.assign', { householdIds: [...picked], memberId }),
      (r) => `已分给${r.memberName}：现在联系 ${r.households} 户（新分 ${r.changed} 户）`,
      (r) => {
        setWarning(r.warning);
        setPicked([]);
        refresh();
      },
    );
  };

  const chip = (h: { id: string; code: string; tags: readonly string[] }) => {
    const on = picked.includes(h.id);
    return (
      <View key={h.id} className={`xz-chip visits-hh-chip${on ? ' xz-chip--on' : ''}`} onClick={() => toggle(h.id)}>
        {on ? '✓ ' : ''}
        {h.code}
        {h.tags.length > 0 ? `（${h.tags.join('、')}）` : ''}
      </View>
    );
  };

  return (
    <View>
      <View className='xz-card'>
        <Text className='xz-text visits-range'>
          本村定的：每名党员联系 {who.range.min}—{who.range.max} 户。超出只提醒，不拦着。
        </Text>
        <Text className='xz-text'>没人联系的户：{who.gaps.length} 户</Text>
      </View>
      <View className='xz-card'>
        <Text className='xz-label'>1. 选一名党员</Text>
        <ChoiceList
          choices={party.map((m) => ({
            id: m.personId ?? '',
            label: `${m.name}（联系${countOf(m.personId ?? '')}户）`,
          }))}
          selected={memberId}
          onPick={setMemberId}
        />
      </View>
      <View className='xz-card'>
        <Text className='xz-label'>2. 选要分给他的户（已选 {picked.length} 户，一次最多20户）</Text>
        <Text className='xz-text'>没人联系的户</Text>
        <View className='xz-choices visits-gaps'>{who.gaps.map(chip)}</View>
        {who.gaps.length === 0 ? <Text className='xz-muted'>每一户都有党员联系了。</Text> : null}
        {who.members
          .filter((m) => m.memberId !== memberId)
          .map((m) => (
            <View key={m.memberId}>
              <Text className='xz-text'>
                从 {m.name} 那里调过来（现在联系 {m.count} 户）
              </Text>
              {m.warning ? <Text className='xz-muted visits-warning'>{m.warning}</Text> : null}
              <View className='xz-choices'>{m.households.map(chip)}</View>
            </View>
          ))}
      </View>
      {warning ? <Text className='xz-banner xz-banner--wait visits-assign__warning'>提醒：{warning}</Text> : null}
      {act.done ? <Text className='xz-banner xz-banner--ok visits-assign__done'>{act.done}</Text> : null}
      {act.error ? <Text className='xz-text xz-error'>{act.error}</Text> : null}
      <View
        className={`xz-button visits-assign__go${!memberId || picked.length === 0 || act.busy ? ' xz-button--disabled' : ''}`}
        onClick={assign}
      >
        {act.busy ? '正在分配…' : chosen ? `分给${chosen.name}（${picked.length}户）` : '先选党员和户'}
      </View>
    </View>
  );
}

export default function AssignPage() {
  const access = useConsole('committee');
  return (
    <PageFrame>
      <ConsoleGate title='分配联系户' access={access}>
        <Assign />
      </ConsoleGate>
    </PageFrame>
  );
}
