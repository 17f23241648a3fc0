import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { call, errorOf } from '../../services/api';
import { formatTime } from '../../utils/format';
import NoticeContent from '../NoticeContent';
import NoticeDiff from '../NoticeDiff';
import './index.scss';

type Revision = OutputOf<ActionByName<'board.get'>>['revisions'][number];
type RevisionOut = OutputOf<ActionByName<'board.revision'>>;

type Opened = { readonly status: 'loading' } | { readonly status: 'error'; readonly message: string } | RevisionOut;

/**
 * Every version of a notice, oldest first: who made it, when, why. Each opens to its own full text
 * and what it changed against the one before, so the original is never out of reach.
 */
export default function NoticeRevisions({
  noticeId,
  revisions,
}: {
  readonly noticeId: string;
  readonly revisions: readonly Revision[];
}) {
  const [opened, setOpened] = useState<Readonly<Record<number, Opened>>>({});

  const toggle = (n: number) => {
    if (opened[n]) {
      setOpened((o) => Object.fromEntries(Object.entries(o).filter(([k]) => Number(k) !== n)));
      return;
    }
    setOpened((o) => ({ ...o, [n]: { status: 'loading' } }));
    call('board.revision', { noticeId, n })
      .then((r) => setOpened((o) => ({ ...o, [n]: r })))
      .catch((e: unknown) => setOpened((o) => ({ ...o, [n]: { status: 'error', message: errorOf(e).message } })));
  };

  return (
    <View className='xz-card notice-revisions'>
      <Text className='xz-label'>每一版（共 {revisions.length} 版，老的在前）</Text>
      {revisions.map((r) => {
        const o = opened[r.n];
        return (
          <View key={r.n} className='notice-revision'>
            <Text className='xz-text notice-revision__head'>
              第 {r.n} 版 · {r.changeLabel}
            </Text>
            <Text className='xz-muted'>
              {r.authorName} · {formatTime(r.at)}
            </Text>
            {r.reason ? <Text className='xz-text notice-revision__reason'>理由：{r.reason}</Text> : null}
            <View className='xz-button xz-button--quiet notice-revision__open' onClick={() => toggle(r.n)}>
              {o ? `收起第 ${r.n} 版` : r.n === 1 ? '看第 1 版原文' : `看第 ${r.n} 版原文和改了什么`}
            </View>
            {o && 'status' in o && o.status === 'loading' ? <Text className='xz-muted'>正在加载…</Text> : null}
            {o && 'status' in o && o.status === 'error' ? (
              <Text className='xz-text xz-error'>出错了：{o.message}</Text>
            ) : null}
            {o && 'revision' in o ? (
              <View className='notice-revision__body'>
                <Text className='xz-text notice-revision__title'>标题：{o.revision.content.title}</Text>
                <NoticeContent content={o.revision.content} linkable={false} />
                {o.diff && o.against !== null ? (
                  <View>
                    <Text className='xz-label'>和第 {o.against} 版比，改了什么</Text>
                    <NoticeDiff diff={o.diff} />
                  </View>
                ) : null}
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
