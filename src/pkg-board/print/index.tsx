import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import ConsoleGate from '../../components/ConsoleGate';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import './index.scss';

type PrintOut = OutputOf<ActionByName<'board.print'>>;

function origin(): string | undefined {
  return process.env.TARO_ENV === 'h5' ? window.location.origin : undefined;
}

/** The A4 sheet: everything the wall needs, in large type, and the QR code that opens it again. */
function Sheet({ p }: { readonly p: PrintOut }) {
  const t = p.content.table;
  return (
    <View className='print-sheet'>
      <View className='print-sheet__head'>
        <Text className='print-sheet__village'>{p.villageName} 村务公开</Text>
        <Text className='print-sheet__kind'>{p.kindLabel}</Text>
      </View>
      <Text className='print-sheet__title'>{p.content.title}</Text>
      {p.retracted ? <Text className='print-sheet__retracted'>已撤回。理由：{p.retractReason ?? '没有写'}</Text> : null}
      {/* Accounts print as their table; its totals say what the text's summary says. */}
      {t ? null : <Text className='print-sheet__body'>{p.content.body}</Text>}
      {t ? (
        <View className='print-table'>
          <View className='print-table__row print-table__head'>
            <Text className='print-table__date'>日期</Text>
            <Text className='print-table__item'>摘要</Text>
            <Text className='print-table__num'>收入（元）</Text>
            <Text className='print-table__num'>支出（元）</Text>
            <Text className='print-table__who'>经手人</Text>
          </View>
          {t.lines.map((l) => (
            <View key={l.row} className='print-table__row'>
              <Text className='print-table__date'>{l.date}</Text>
              <Text className='print-table__item'>
                {l.item}
                {l.note ? `（${l.note}）` : ''}
              </Text>
              <Text className='print-table__num'>{l.income}</Text>
              <Text className='print-table__num'>{l.expense}</Text>
              <Text className='print-table__who'>{l.handler}</Text>
            </View>
          ))}
          <View className='print-table__row print-table__total'>
            <Text className='print-table__date'>合计</Text>
            <Text className='print-table__item'>
              {t.totals.balanceFen >= 0 ? '结余' : '超支'} {t.totals.balance}
            </Text>
            <Text className='print-table__num'>{t.totals.income}</Text>
            <Text className='print-table__num'>{t.totals.expense}</Text>
            <Text className='print-table__who' />
          </View>
        </View>
      ) : null}
      <View className='print-sheet__foot'>
        <View className='print-sheet__facts'>
          <Text className='print-sheet__fact print-sheet__revision'>
            第 {p.revision} 版{p.corrections > 0 ? `（更正过 ${p.corrections} 次）` : ''}
          </Text>
          <Text className='print-sheet__fact print-sheet__date'>公开日期：{p.publishedDate}</Text>
          {p.correctedDate ? <Text className='print-sheet__fact'>最近更正：{p.correctedDate}</Text> : null}
          <Text className='print-sheet__hint'>扫右边的二维码，看这条公告的全文、每一次更正和询问答复。</Text>
          <Text className='print-sheet__path'>小程序“乡治”：{p.weappPath}</Text>
          <Text className='print-sheet__path'>网页：{p.h5Url}</Text>
        </View>
        <Image
          className='print-sheet__qr'
          src={p.qrDataUrl}
          mode='aspectFit'
          nativeProps={{ alt: `打开这条公告的二维码：${p.h5Url}` }}
        />
      </View>
    </View>
  );
}

/** 打印张贴: an A4 portrait sheet for the village's wall (打印 in the browser, or save as PDF). */
export default function Print() {
  const access = useConsole('committee');
  const id = useRouter().params.id ?? '';
  const data = useLoad(
    access.status === 'ready' && id
      ? () => {
          const o = origin();
          return call('board.print', { noticeId: id, ...(o ? { origin: o } : {}) });
        }
      : null,
    id,
  );
  return (
    <PageFrame>
      <View className='print-controls'>
        <ConsoleGate title='打印张贴' access={access}>
          {!id ? <ErrorView message='没有说要打印哪条公告' /> : null}
          {id && data.status === 'loading' ? <Loading /> : null}
          {data.status === 'error' ? <ErrorView message={data.message} onRetry={data.reload} /> : null}
          {data.status === 'ready' ? (
            <View>
              <Text className='xz-muted'>下面就是贴出去的样子（A4 竖放）。在电脑上打开这一页，点“打印”。</Text>
              {process.env.TARO_ENV === 'h5' ? (
                <View className='xz-button print-controls__print' onClick={() => window.print()}>
                  打印
                </View>
              ) : (
                <Text className='xz-text'>手机上不能直接打印，请在电脑上打开公开栏管理再打印。</Text>
              )}
            </View>
          ) : null}
        </ConsoleGate>
      </View>
      {data.status === 'ready' ? <Sheet p={data.data} /> : null}
    </PageFrame>
  );
}
