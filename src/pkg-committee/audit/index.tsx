import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import AuditEntry from '../../components/AuditEntry';
import ConsoleGate from '../../components/ConsoleGate';
import PageFrame from '../../components/PageFrame';
import Pager from '../../components/Pager';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';

/**
 * 操作记录: every approval, role change and import, newest first, and whether the chain of records
 * is whole (each entry carries the hash of the one before, so an edit or a deletion shows).
 */
export default function Audit() {
  const access = useConsole('console');
  const ready = access.status === 'ready' ? access : null;
  const villageId = ready?.villageId;
  const [page, setPage] = useState(0);
  const log = useLoad(
    ready ? () => call('members.auditLog', { ...(villageId ? { villageId } : {}), page }) : null,
    `${villageId}|${page}`,
  );

  return (
    <PageFrame>
      <ConsoleGate title='操作记录' access={access}>
        {log.status === 'loading' ? <Loading /> : null}
        {log.status === 'error' ? <ErrorView message={log.message} onRetry={log.reload} /> : null}
        {log.status === 'ready' ? (
          <View>
            {log.data.intact ? (
              <Text className='xz-banner xz-banner--ok audit-banner'>
                ✓ 记录完整，没有被改动（共 {log.data.total} 条）
              </Text>
            ) : (
              <View className='xz-banner xz-banner--bad audit-banner'>
                <Text className='xz-text'>✗ 记录对不上，可能被改动过。请报告乡镇。问题：</Text>
                {log.data.problems.map((p) => (
                  <Text key={p} className='xz-text'>
                    · {p}
                  </Text>
                ))}
              </View>
            )}
            {log.data.items.length === 0 ? <Empty title='还没有操作记录' /> : null}
            {log.data.items.map((e) => (
              <AuditEntry key={e.seq} entry={e} />
            ))}
            <Pager page={log.data.page} total={log.data.total} pageSize={log.data.pageSize} onPage={setPage} />
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
