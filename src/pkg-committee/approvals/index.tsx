import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import ConsoleGate from '../../components/ConsoleGate';
import JoinApproval from '../../components/JoinApproval';
import PageFrame from '../../components/PageFrame';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call, errorOf } from '../../services/api';

const loadPending = () => call('members.pendingJoins', {});

/** 审核加入申请: the committee says yes or no to each person asking to join. */
export default function Approvals() {
  const access = useConsole('committee');
  const pending = useLoad(access.status === 'ready' ? loadPending : null, 'pending');
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [done, setDone] = useState<string[]>([]);

  const decide = (id: string, name: string, reason: string | null) => {
    if (busy || pending.status !== 'ready') return;
    setBusy(id);
    setErrors((e) => ({ ...e, [id]: '' }));
    const input =
      reason === null ? { requestId: id, approve: true as const } : { requestId: id, approve: false as const, reason };
    call('members.decideJoin', input)
      .then(() => {
        setDone((d) => [...d, reason === null ? `已同意 ${name} 加入` : `已告诉 ${name}：不同意加入`]);
        pending.set(pending.data.filter((r) => r.id !== id));
      })
      .catch((e: unknown) => setErrors((all) => ({ ...all, [id]: errorOf(e).message })))
      .finally(() => setBusy(null));
  };

  return (
    <PageFrame>
      <ConsoleGate title='审核加入申请' access={access}>
        {done.map((line) => (
          <Text key={line} className='xz-banner xz-banner--ok approvals__done'>
            ✓ {line}
          </Text>
        ))}
        {pending.status === 'loading' ? <Loading /> : null}
        {pending.status === 'error' ? <ErrorView message={pending.message} onRetry={pending.reload} /> : null}
        {pending.status === 'ready' && pending.data.length === 0 ? (
          <Empty title='现在没有要审核的申请' text='有人申请加入时，会出现在这里。' />
        ) : null}
        {pending.status === 'ready'
          ? pending.data.map((r) => (
              <JoinApproval
                key={r.id}
                request={r}
                busy={busy === r.id}
                error={errors[r.id] || null}
                onApprove={() => decide(r.id, r.name, null)}
                onReject={(reason) => decide(r.id, r.name, reason)}
              />
            ))
          : null}
        <View className='xz-button xz-button--quiet' onClick={pending.reload}>
          刷新
        </View>
      </ConsoleGate>
    </PageFrame>
  );
}
