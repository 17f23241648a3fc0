import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import ConsoleGate from '../../components/ConsoleGate';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import TeamForm, { type Team } from '../../components/TeamForm';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import './index.scss';

/**
 * 互助工作队: the village's mutual-aid work teams and who is in them. The committee registers a team
 * and changes its name or members (each change goes into the audit log); a matter's work can then be
 * handed to a team, whose members report its progress. Township staff may look.
 */
export default function Teams() {
  const access = useConsole('console');
  const ready = access.status === 'ready' ? access : null;
  const villageId = ready?.villageId;
  const [tick, setTick] = useState(0);
  const list = useLoad(
    ready ? () => call('members.teams', villageId ? { villageId } : {}) : null,
    `${villageId ?? ''}|${tick}`,
  );
  // undefined: no form open; null: a new team; a team: changing that one.
  const [editing, setEditing] = useState<Team | null | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);

  const open = (team: Team | null) => {
    setDone(null);
    setEditing(team);
  };

  return (
    <PageFrame>
      <ConsoleGate title='互助工作队' access={access}>
        <View className='xz-card'>
          <Text className='xz-text'>要办的事可以交给一个互助工作队负责，队员能在手机上报进度。</Text>
        </View>
        {done ? <Text className='xz-banner xz-banner--ok teams__done'>✓ {done}</Text> : null}
        {ready?.committee && editing === undefined ? (
          <View className='xz-button teams__new' onClick={() => open(null)}>
            登记新的互助工作队
          </View>
        ) : null}
        {editing !== undefined ? (
          <TeamForm
            key={editing?.id ?? 'new'}
            team={editing}
            villageId={villageId}
            onSaved={(_team, text) => {
              setEditing(undefined);
              setDone(text);
              setTick((t) => t + 1);
            }}
            onCancel={() => setEditing(undefined)}
          />
        ) : null}
        {list.status === 'loading' ? <Loading /> : null}
        {list.status === 'error' ? <ErrorView message={list.message} onRetry={list.reload} /> : null}
        {list.status === 'ready' ? (
          list.data.length === 0 ? (
            <Empty title='村里还没有登记互助工作队' />
          ) : (
            list.data.map((t) => (
              <View key={t.id} className='xz-card team-card'>
                <Text className='xz-title team-card__name'>{t.name}</Text>
                <Text className='xz-muted'>{t.members.length} 名队员</Text>
                <Text className='xz-text team-card__members'>{t.members.map((m) => m.name).join('、')}</Text>
                {ready?.committee ? (
                  <View className='xz-button xz-button--plain team-card__edit' onClick={() => open(t)}>
                    改队名或队员
                  </View>
                ) : null}
              </View>
            ))
          )
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
