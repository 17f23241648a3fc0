import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { beijingDate } from '../../../core/board/calendar';
import { EXPORT_WHAT, type ExportFormat } from '../../../core/board/export';
import ChoiceList from '../../components/ChoiceList';
import ConsoleGate from '../../components/ConsoleGate';
import PageFrame from '../../components/PageFrame';
import { useAction } from '../../hooks/useAction';
import { useConsole } from '../../hooks/useConsole';
import { call, ApiError } from '../../services/api';
import { downloadBlob } from '../../services/files';
import './index.scss';

type What = (typeof EXPORT_WHAT)[number]['id'];
type Span = 'thisMonth' | 'lastMonth' | 'thisYear' | 'lastYear';

const SPANS: ReadonlyArray<{ id: Span; label: string }> = [
  { id: 'thisMonth', label: '这个月' },
  { id: 'lastMonth', label: '上个月' },
  { id: 'thisYear', label: '今年' },
  { id: 'lastYear', label: '去年' },
];
const FORMATS: ReadonlyArray<{ id: ExportFormat; label: string }> = [
  { id: 'xlsx', label: 'Excel 表格（.xlsx）' },
  { id: 'csv', label: 'CSV（Excel 也能打开）' },
];

const two = (n: number) => String(n).padStart(2, '0');
const key = (y: number, m: number, d: number) => `${y}-${two(m)}-${two(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The days a span covers, in Beijing time, both ends included (what board.export takes). */
function spanDays(span: Span, now: number): { from: string; to: string } {
  const { year, month, day } = beijingDate(now);
  if (span === 'thisMonth') return { from: key(year, month, 1), to: key(year, month, day) };
  if (span === 'lastMonth') {
    const y = month === 1 ? year - 1 : year;
    const m = month === 1 ? 12 : month - 1;
    return { from: key(y, m, 1), to: key(y, m, lastDay(y, m)) };
  }
  if (span === 'thisYear') return { from: key(year, 1, 1), to: key(year, month, day) };
  return { from: key(year - 1, 1, 1), to: key(year - 1, 12, 31) };
}

function saveH5(fileName: string, mimeType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  downloadBlob(fileName, new Blob([bytes], { type: mimeType }));
}

/** weapp: the workbook is written to the user's files and opened in WeChat's own viewer (share from there). */
async function openWeapp(fileName: string, base64: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  try {
    Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64');
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new ApiError('UNAVAILABLE', '没有打开文件，请再试一次');
  }
}

/** 导出: a village's vote results or matters for a period, as a file for Excel. */
export default function Export() {
  const access = useConsole('console');
  const villageId = access.status === 'ready' ? access.villageId : undefined;
  const [what, setWhat] = useState<What>('votes');
  const [span, setSpan] = useState<Span>('thisYear');
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const act = useAction();
  const days = spanDays(span, Date.now());

  const run = () =>
    act.run(
      async () => {
        if (process.env.TARO_ENV !== 'h5' && format === 'csv') {
          throw new ApiError('INVALID_INPUT', '手机上请选“Excel 表格”，能直接打开和转发');
        }
        const f = await call('board.export', { ...(villageId ? { villageId } : {}), what, format, ...days });
        if (process.env.TARO_ENV === 'h5') saveH5(f.fileName, f.mimeType, f.base64);
        else await openWeapp(f.fileName, f.base64);
        return f;
      },
      (f) => `已导出“${f.fileName}”，共 ${f.rows} 行`,
    );

  return (
    <PageFrame>
      <ConsoleGate title='导出' access={access}>
        <View className='xz-card export'>
          <Text className='xz-label'>导出什么</Text>
          <ChoiceList
            choices={EXPORT_WHAT.map((w) => ({ id: w.id, label: w.label }))}
            selected={what}
            onPick={(id) => setWhat(id as What)}
          />
          <Text className='xz-label'>哪段时间</Text>
          <ChoiceList choices={SPANS} selected={span} onPick={(id) => setSpan(id as Span)} />
          <Text className='xz-muted export__days'>
            从 {days.from} 到 {days.to}（北京时间，两头都算）
          </Text>
          <Text className='xz-label'>什么格式</Text>
          <ChoiceList choices={FORMATS} selected={format} onPick={(id) => setFormat(id as ExportFormat)} />
          <View className={`xz-button export__go${act.busy ? ' xz-button--disabled' : ''}`} onClick={run}>
            {act.busy ? '正在导出…' : '导出'}
          </View>
          {act.error ? <Text className='xz-text xz-error export__error'>{act.error}</Text> : null}
          {act.done ? <Text className='xz-banner xz-banner--ok export__done'>✓ {act.done}</Text> : null}
        </View>
      </ConsoleGate>
    </PageFrame>
  );
}
