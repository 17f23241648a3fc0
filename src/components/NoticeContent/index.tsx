import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import './index.scss';

export type ContentView = OutputOf<ActionByName<'board.get'>>['content'];
type Table = NonNullable<ContentView['table']>;

/** "2026-10-05" as the board prints it: 10月5日. */
function shortDate(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : day;
}

/** The month's accounts as a table: one row per line, and the totals under it. */
export function AccountsTable({ table }: { readonly table: Table }) {
  return (
    <View className='accounts-table'>
      <Text className='xz-label'>{table.periodLabel}收支明细（单位：元）</Text>
      <View className='accounts-table__row accounts-table__head'>
        <Text className='accounts-table__date'>日期</Text>
        <Text className='accounts-table__item'>摘要</Text>
        <Text className='accounts-table__num'>收入</Text>
        <Text className='accounts-table__num'>支出</Text>
      </View>
      {table.lines.map((l) => (
        <View key={l.row} className='accounts-table__row accounts-table__line'>
          <Text className='accounts-table__date'>{shortDate(l.date)}</Text>
          <View className='accounts-table__item'>
            <Text>{l.item}</Text>
            {l.handler || l.note ? (
              <Text className='accounts-table__sub'>
                {l.handler ? `经手人：${l.handler}` : ''}
                {l.handler && l.note ? '；' : ''}
                {l.note}
              </Text>
            ) : null}
          </View>
          <Text className='accounts-table__num'>{l.income}</Text>
          <Text className='accounts-table__num'>{l.expense}</Text>
        </View>
      ))}
      <View className='accounts-table__row accounts-table__total'>
        <Text className='accounts-table__date'>合计</Text>
        <Text className='accounts-table__item'>共 {table.lines.length} 笔</Text>
        <Text className='accounts-table__num'>{table.totals.income}</Text>
        <Text className='accounts-table__num'>{table.totals.expense}</Text>
      </View>
      <Text className='xz-text accounts-table__balance'>
        本月{table.totals.balanceFen >= 0 ? '结余' : '超支'}：{table.totals.balance} 元
      </Text>
    </View>
  );
}

/** What a notice says: its text, the accounts table when there is one, and the recount link of a vote result. */
export default function NoticeContent({
  content,
  linkable = true,
}: {
  readonly content: ContentView;
  readonly linkable?: boolean;
}) {
  const link = content.link;
  const [asText, setAsText] = useState(false);
  const table = content.table;
  return (
    <View className='notice-content'>
      {/* Accounts: the table says what the text says, row by row; the text (what is hashed) is one tap away. */}
      {!table || asText ? <Text className='xz-text notice-content__body'>{content.body}</Text> : null}
      {table ? <AccountsTable table={table} /> : null}
      {table ? (
        <View className='xz-button xz-button--quiet notice-content__as-text' onClick={() => setAsText(!asText)}>
          {asText ? '收起文字版' : '看文字版'}
        </View>
      ) : null}
      {link && linkable ? (
        <View
          className='xz-button xz-button--plain notice-content__link'
          onClick={() => void Taro.navigateTo({ url: link })}
        >
          {content.facts?.type === 'voteResult' ? '去核对：回执码和每一张选票' : '去看这件事'}
        </View>
      ) : null}
    </View>
  );
}
