import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { periodKey, periodLabel, periodOf } from '../../../core/board/calendar';
import { VISIBILITIES, type Visibility } from '../../../core/board/kinds';
import ChoiceList from '../../components/ChoiceList';
import ConsoleGate from '../../components/ConsoleGate';
import CsvPicker from '../../components/CsvPicker';
import { AccountsTable } from '../../components/NoticeContent';
import PageFrame from '../../components/PageFrame';
import { useConsole } from '../../hooks/useConsole';
import { call, errorOf } from '../../services/api';
import { copyText, downloadText, uploadFile, type PickedFile } from '../../services/files';
import { problemText } from '../../utils/format';
import TextField from '../../components/TextField';
import './index.scss';

type Report = OutputOf<ActionByName<'board.importAccounts'>>;
type Step = 'idle' | 'uploading' | 'checking' | 'publishing';

const STEP_TEXT = { uploading: '正在上传文件…', checking: '正在逐行检查…', publishing: '正在公开…' } as const;
/** This month and the five before it: accounts are published after the month, rarely much later. */
const MONTHS = 6;

function recentMonths(now: number): Array<{ id: string; label: string }> {
  const current = periodOf(now, 'month');
  return Array.from({ length: MONTHS }, (_, i) => ({
    id: periodKey(current - i, 'month'),
    label: periodLabel(current - i, 'month'),
  }));
}

function ReportCard({ report }: { readonly report: Report }) {
  if (report.outcome === 'invalid') {
    return (
      <View className='accounts-report accounts-report--problems'>
        <Text className='xz-banner xz-banner--bad'>✗ 这个文件有 {report.problems.length} 处错，一条都没有导入</Text>
        <Text className='xz-muted'>请在 Excel 里按下面的提示改好，再重新选文件。</Text>
        {report.problems.map((p, i) => (
          <Text key={i} className='xz-text accounts-problem'>
            {problemText(p)}
          </Text>
        ))}
      </View>
    );
  }
  const banner = {
    checked: '✓ 检查过了，没有错（还没有公开）',
    published: '✓ 已经公开到公开栏',
    corrected: '✓ 已经更正：出了新的一版，原来的留着',
    unchanged: '和已经公开的一模一样，没有改动',
  }[report.outcome];
  return (
    <View className='accounts-report'>
      <Text className={`xz-banner ${report.outcome === 'unchanged' ? 'xz-banner--wait' : 'xz-banner--ok'}`}>
        {banner}
      </Text>
      <Text className='xz-muted'>
        文件里共 {report.rows} 行
        {report.encoding ? ` · 编码：${report.encoding === 'gbk' ? 'GBK（Excel 另存的）' : 'UTF-8'}` : ''}
      </Text>
      {report.table ? <AccountsTable table={report.table} /> : null}
    </View>
  );
}

/**
 * 公开账目: pick the month, pick the CSV saved from Excel (GBK or UTF-8), see every row checked; only
 * a file without problems can be published. The same month again is a correction, with a reason.
 */
export default function Accounts() {
  const access = useConsole('committee');
  const ready = access.status === 'ready' ? access : null;
  const [months] = useState(() => recentMonths(Date.now()));
  const [period, setPeriod] = useState(months[1]?.id ?? months[0].id);
  const [visibility, setVisibility] = useState<Visibility>('village');
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<Step>('idle');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileId, setFileId] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [template, setTemplate] = useState<string | null>(null);

  const failed = (e: unknown) => {
    setError(errorOf(e).message);
    setStep('idle');
  };
  const reasonIn = () => (reason.trim().length >= 2 ? { reason: reason.trim() } : {});

  const pick = (file: PickedFile) => {
    if (step !== 'idle' || !ready) return;
    setFileName(file.name);
    setFileId(null);
    setReport(null);
    setError(null);
    setStep('uploading');
    uploadFile('roster', file, ready.me.accountId)
      .then(async (id) => {
        setFileId(id);
        setStep('checking');
        setReport(await call('board.importAccounts', { fileId: id, period, dryRun: true, visibility, ...reasonIn() }));
        setStep('idle');
      })
      .catch(failed);
  };

  const publish = () => {
    if (step !== 'idle' || !fileId || report?.outcome !== 'checked') return;
    setError(null);
    setStep('publishing');
    call('board.importAccounts', { fileId, period, dryRun: false, visibility, ...reasonIn() })
      .then((r) => {
        setReport(r);
        setStep('idle');
      })
      .catch(failed);
  };

  const reset = (change: () => void) => {
    change();
    setReport(null);
    setFileId(null);
    setFileName(null);
    setError(null);
  };

  const getTemplate = () => {
    setError(null);
    call('board.accountsTemplate', {})
      .then((t) => {
        if (process.env.TARO_ENV === 'h5') downloadText(t.fileName, t.csv);
        else setTemplate(t.csv);
      })
      .catch((e: unknown) => setError(errorOf(e).message));
  };

  const monthLabel = months.find((m) => m.id === period)?.label ?? period;
  const done = report && (report.outcome === 'published' || report.outcome === 'corrected');

  return (
    <PageFrame>
      <ConsoleGate title='公开账目' access={access}>
        <View className='xz-card accounts'>
          <Text className='xz-muted'>
            在 Excel 里一笔一行（日期、摘要、收入、支出、经手人、备注），“另存为”
            CSV，再选这个文件。全部没错才会公开，有错会告诉您在哪行哪列。
          </Text>
          <View className='xz-button xz-button--plain accounts__template' onClick={getTemplate}>
            下载账目模板
          </View>
          {template !== null ? (
            <View>
              <Text className='xz-muted'>把下面的文字复制到电脑上，存成 .csv 文件，用 Excel 打开填写：</Text>
              <Text className='xz-text' userSelect>
                {template}
              </Text>
              <View
                className='xz-button xz-button--plain'
                onClick={() => copyText(template).catch((e: unknown) => setError(errorOf(e).message))}
              >
                复制模板
              </View>
            </View>
          ) : null}
          <Text className='xz-label'>哪个月的账</Text>
          <ChoiceList choices={months} selected={period} onPick={(id) => reset(() => setPeriod(id))} />
          <Text className='xz-label'>谁能看</Text>
          <ChoiceList
            choices={VISIBILITIES.map((v) => ({ id: v.id, label: v.label }))}
            selected={visibility}
            onPick={(id) => setVisibility(id as Visibility)}
          />
          <TextField
            label='这个月已经公开过？那这次就是更正，请写明理由'
            name='更正的理由'
            multiline
            className='accounts__reason'
            value={reason}
            maxlength={500}
            placeholder='第一次公开不用写'
            onChange={setReason}
          />
          <CsvPicker
            label={`选 ${monthLabel} 的账目文件（CSV）`}
            busy={step !== 'idle'}
            onPicked={pick}
            onError={setError}
          />
          {fileName ? <Text className='xz-muted'>文件：{fileName}</Text> : null}
          {step !== 'idle' ? <Text className='xz-text accounts__step'>{STEP_TEXT[step]}</Text> : null}
          {error ? <Text className='xz-text xz-error accounts__error'>出错了：{error}</Text> : null}
        </View>
        {report ? (
          <View className='xz-card'>
            <ReportCard report={report} />
            {report.outcome === 'checked' ? (
              <View className='xz-actions'>
                <View
                  className={`xz-button accounts__publish${step !== 'idle' ? ' xz-button--disabled' : ''}`}
                  onClick={publish}
                >
                  {step === 'publishing' ? '正在公开…' : `公开 ${monthLabel} 的账目`}
                </View>
                <View className='xz-button xz-button--quiet' onClick={() => reset(() => undefined)}>
                  不公开了
                </View>
              </View>
            ) : null}
            {done && report.noticeId ? (
              <View
                className='xz-button xz-button--plain accounts__open'
                onClick={() =>
                  void Taro.navigateTo({ url: `/pages/notice/index?id=${encodeURIComponent(report.noticeId ?? '')}` })
                }
              >
                去看公开的账目
              </View>
            ) : null}
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
