import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ROLE_LABELS, type VillageRole } from '../../../core/roles';
import ChoiceList from '../../components/ChoiceList';
import ConsoleGate from '../../components/ConsoleGate';
import MemberRoles, { EDITABLE_ROLES, type Member } from '../../components/MemberRoles';
import PageFrame from '../../components/PageFrame';
import Pager from '../../components/Pager';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call, errorOf } from '../../services/api';

const ALL = 'all';
const FILTERS = [{ id: ALL, label: '全部' }, ...EDITABLE_ROLES.map((r) => ({ id: r, label: ROLE_LABELS[r] }))];

/** 村里人的角色: who holds which role, and adding or taking one away (with a reason). */
export default function Roles() {
  const access = useConsole('console');
  const ready = access.status === 'ready' ? access : null;
  const villageId = ready?.villageId;
  const [filter, setFilter] = useState<string>(ALL);
  const [page, setPage] = useState(0);
  const role = EDITABLE_ROLES.find((r) => r === filter);
  const list = useLoad(
    ready ? () => call('members.list', { ...(villageId ? { villageId } : {}), ...(role ? { role } : {}), page }) : null,
    `${villageId}|${filter}|${page}`,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});

  const change = (m: Member, r: VillageRole, grant: boolean, reason?: string) => {
    if (busy || list.status !== 'ready') return;
    setBusy(m.accountId);
    setErrors((e) => ({ ...e, [m.accountId]: '' }));
    const done = grant
      ? call('members.grantRole', { accountId: m.accountId, role: r })
      : call('members.revokeRole', { accountId: m.accountId, role: r, reason: reason ?? '' });
    done
      .then((updated) =>
        list.set({
          ...list.data,
          items: list.data.items.map((x) => (x.accountId === updated.accountId ? updated : x)),
        }),
      )
      .catch((e: unknown) => setErrors((all) => ({ ...all, [m.accountId]: errorOf(e).message })))
      .finally(() => setBusy(null));
  };

  return (
    <PageFrame>
      <ConsoleGate title='村里人的角色' access={access}>
        <View className='xz-card'>
          <Text className='xz-text'>只看：</Text>
          <ChoiceList
            choices={FILTERS}
            selected={filter}
            onPick={(id) => {
              setFilter(id);
              setPage(0);
            }}
          />
          <Text className='xz-muted'>“村两委”的角色只有乡镇能加、能去掉；“村民”跟着加入村子走。</Text>
        </View>
        {list.status === 'loading' ? <Loading /> : null}
        {list.status === 'error' ? <ErrorView message={list.message} onRetry={list.reload} /> : null}
        {list.status === 'ready' ? (
          <View>
            <Text className='xz-muted'>共 {list.data.total} 人</Text>
            {list.data.items.length === 0 ? <Empty title='没有这样的人' /> : null}
            {list.data.items.map((m) => (
              <MemberRoles
                key={m.accountId}
                member={m}
                busy={busy === m.accountId}
                error={errors[m.accountId] || null}
                onGrant={(r) => change(m, r, true)}
                onRevoke={(r, reason) => change(m, r, false, reason)}
              />
            ))}
            <Pager page={list.data.page} total={list.data.total} pageSize={list.data.pageSize} onPage={setPage} />
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
