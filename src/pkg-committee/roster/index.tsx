import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import ConsoleGate from '../../components/ConsoleGate';
import PageFrame from '../../components/PageFrame';
import Pager from '../../components/Pager';
import PersonRow from '../../components/PersonRow';
import RosterImportPanel from '../../components/RosterImportPanel';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import TextField from '../../components/TextField';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { useRosterImport } from '../../hooks/useRosterImport';
import { call, errorOf } from '../../services/api';
import { copyText, downloadText } from '../../services/files';

/** 花名册: find people by name or 户号, page through them, and (the committee) import a new roster. */
export default function Roster() {
  const access = useConsole('console');
  const ready = access.status === 'ready' ? access : null;
  const villageId = ready?.villageId;
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [tick, setTick] = useState(0);
  const result = useLoad(
    ready ? () => call('roster.search', { ...(villageId ? { villageId } : {}), q, page }) : null,
    `${villageId}|${q}|${page}|${tick}`,
  );
  const imp = useRosterImport(ready?.me.accountId ?? '', () => setTick((t) => t + 1));
  const [template, setTemplate] = useState<string | null>(null);
  const [templateError, setTemplateError] = useState<string | null>(null);

  const search = () => {
    setQ(typed.trim());
    setPage(0);
  };

  const getTemplate = () => {
    setTemplateError(null);
    call('roster.template', {})
      .then((t) => {
        if (process.env.TARO_ENV === 'h5') downloadText(t.fileName, t.csv);
        else setTemplate(t.csv);
      })
      .catch((e: unknown) => setTemplateError(errorOf(e).message));
  };

  const copyTemplate = () => {
    if (template) copyText(template).catch((e: unknown) => setTemplateError(errorOf(e).message));
  };

  return (
    <PageFrame>
      <ConsoleGate title='花名册' access={access}>
        {ready?.committee ? (
          <RosterImportPanel
            imp={imp}
            template={template}
            templateError={templateError}
            onTemplate={getTemplate}
            onCopyTemplate={copyTemplate}
          />
        ) : null}
        <View className='xz-card'>
          <TextField
            label='找人：写姓名或户号'
            className='roster-q'
            value={typed}
            maxlength={20}
            confirmType='search'
            placeholder='比如 王秀英 或 TY-1-001'
            onConfirm={search}
            onChange={setTyped}
          />
          <View className='xz-button roster-search' onClick={search}>
            查找
          </View>
        </View>
        {result.status === 'loading' ? <Loading /> : null}
        {result.status === 'error' ? <ErrorView message={result.message} onRetry={result.reload} /> : null}
        {result.status === 'ready' ? (
          <View>
            <Text className='xz-muted roster-total'>
              {q ? `“${q}”` : '全村'}共找到 {result.data.total} 人
            </Text>
            {result.data.items.length === 0 ? <Empty title='没有找到' text='换个字再找找，或者清空后看全村。' /> : null}
            {result.data.items.map((p) => (
              <PersonRow key={p.id} person={p} />
            ))}
            <Pager page={result.data.page} total={result.data.total} pageSize={result.data.pageSize} onPage={setPage} />
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
