import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import ConsoleGate from '../../components/ConsoleGate';
import NoticeCard, { type NoticeSummary } from '../../components/NoticeCard';
import PageFrame from '../../components/PageFrame';
import { useConsole } from '../../hooks/useConsole';
import { useOnReturn } from '../../hooks/useOnReturn';
import { usePaged } from '../../hooks/usePaged';
import { call } from '../../services/api';

const go = (url: string) => void Taro.navigateTo({ url });

const TOOLS = [
  { url: '/pkg-board/write/index', label: '写新公告', className: 'manage__write' },
  { url: '/pkg-board/accounts/index', label: '公开账目（导入表格）', className: 'manage__accounts' },
  { url: '/pkg-board/duties/index', label: '该公开什么了 · 没答复的询问', className: 'manage__duties' },
  { url: '/pkg-board/export/index', label: '导出表决结果和民事办理', className: 'manage__export' },
] as const;

/** 公开栏管理 (the committee): what to do on the board, and the drafts not yet published. */
export default function Manage() {
  const access = useConsole('committee');
  const [tick, setTick] = useState(0);
  const drafts = usePaged<NoticeSummary>(
    access.status === 'ready' ? (cursor) => call('board.drafts', { limit: 10, ...(cursor ? { cursor } : {}) }) : null,
    String(tick),
  );
  useOnReturn(() => setTick((t) => t + 1));
  return (
    <PageFrame>
      <ConsoleGate title='公开栏管理' access={access}>
        <View className='xz-card'>
          {TOOLS.map((t) => (
            <View key={t.url} className={`xz-button ${t.className}`} onClick={() => go(t.url)}>
              {t.label}
            </View>
          ))}
          <Text className='xz-muted'>
            公告公开以后就不能再改，只能更正（出新的一版，原文留着）或撤回（写明理由）。表决结果和民事进展会自动公开，不用写。
          </Text>
        </View>
        <View className='xz-card manage__drafts'>
          <Text className='xz-label'>还没公开的草稿</Text>
          {drafts.items.length === 0 && !drafts.busy && !drafts.error ? (
            <Text className='xz-muted'>没有草稿。</Text>
          ) : null}
        </View>
        {drafts.items.map((n) => (
          <NoticeCard
            key={n.id}
            notice={n}
            onOpen={() => go(`/pkg-board/write/index?id=${encodeURIComponent(n.id)}`)}
          />
        ))}
        {drafts.error ? <Text className='xz-text xz-error'>出错了：{drafts.error}</Text> : null}
        {drafts.busy ? <Text className='xz-muted'>正在加载…</Text> : null}
        {drafts.more && !drafts.busy ? (
          <View className='xz-button xz-button--quiet' onClick={drafts.loadMore}>
            再往后看
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
