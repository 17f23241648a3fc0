import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { kindInfo } from '../../../core/board/kinds';
import NoticeContent from '../../components/NoticeContent';
import NoticeDiff from '../../components/NoticeDiff';
import NoticeInquiries from '../../components/NoticeInquiries';
import NoticeRevisions from '../../components/NoticeRevisions';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { useOnReturn } from '../../hooks/useOnReturn';
import { loadWhoAmI, useKnownMe } from '../../hooks/useWhoAmI';
import { call } from '../../services/api';
import { getToken } from '../../services/session';
import { formatTime } from '../../utils/format';
import { formatDate } from '../../utils/matter';
import './index.scss';

type NoticeView = OutputOf<ActionByName<'board.get'>>;

const go = (url: string) => void Taro.navigateTo({ url });

/** The committee's tools on a published notice: correct, retract, pin, who sees it, print. */
function ManageBar({ v, onChanged }: { readonly v: NoticeView; readonly onChanged: (v: NoticeView) => void }) {
  const n = v.notice;
  const info = kindInfo(n.kind);
  const act = useAction();
  const id = encodeURIComponent(n.id);
  const live = n.state === 'published';
  const arrange = (patch: { pinned?: boolean; visibility?: 'village' | 'public' }, done: string) =>
    act.run(() => call('board.arrange', { noticeId: n.id, ...patch }), done, onChanged);
  return (
    <View className='xz-card notice-manage'>
      <Text className='xz-label'>村两委管理这条公告</Text>
      <View
        className='xz-button xz-button--plain notice-manage__print'
        onClick={() => go(`/pkg-board/print/index?id=${id}`)}
      >
        打印张贴（A4）
      </View>
      {live && info.correction === 'text' ? (
        <View className='xz-button notice-manage__correct' onClick={() => go(`/pkg-board/change/index?id=${id}`)}>
          更正（出新的一版，原文留着）
        </View>
      ) : null}
      {live && info.correction === 'import' ? (
        <View className='xz-button notice-manage__reimport' onClick={() => go('/pkg-board/accounts/index')}>
          更正账目：重新导入这个月的表格
        </View>
      ) : null}
      {live && info.retractable ? (
        <View
          className='xz-button xz-button--quiet notice-manage__retract'
          onClick={() => go(`/pkg-board/change/index?id=${id}&mode=retract`)}
        >
          撤回这条公告
        </View>
      ) : null}
      {live ? (
        <View className='xz-actions'>
          <View
            className='xz-button xz-button--quiet notice-manage__pin'
            onClick={() => arrange({ pinned: !n.pinned }, n.pinned ? '已取消置顶' : '已置顶')}
          >
            {n.pinned ? '取消置顶' : '置顶'}
          </View>
          <View
            className='xz-button xz-button--quiet notice-manage__visibility'
            onClick={() =>
              arrange(
                { visibility: n.visibility === 'public' ? 'village' : 'public' },
                n.visibility === 'public' ? '改成只有本村的人能看' : '改成所有人都能看',
              )
            }
          >
            {n.visibility === 'public' ? '改成本村能看' : '改成所有人能看'}
          </View>
        </View>
      ) : null}
      {act.error ? <Text className='xz-text xz-error'>{act.error}</Text> : null}
      {act.done ? <Text className='xz-banner xz-banner--ok'>✓ {act.done}</Text> : null}
    </View>
  );
}

function Notice({ v, onChanged }: { readonly v: NoticeView; readonly onChanged: (v: NoticeView) => void }) {
  const n = v.notice;
  const me = useKnownMe();
  const retraction = [...v.revisions].reverse().find((r) => r.change === 'retract');
  const reaches =
    me !== null &&
    (me.village?.id === n.villageId || (me.township?.villages.some((x) => x.id === n.villageId) ?? false));
  const member = v.me.read || v.me.canManage || reaches;
  const reload = () => {
    call('board.get', { noticeId: n.id }).then(onChanged, () => undefined);
  };
  return (
    <View>
      <View className='notice__marks'>
        {n.pinned ? <Text className='xz-badge notice__pinned'>置顶</Text> : null}
        <Text className='xz-badge notice__kind'>{n.kindLabel}</Text>
        {n.visibility === 'public' ? <Text className='xz-badge notice__public'>所有人都能看</Text> : null}
      </View>
      <Text className='xz-title notice__title'>{v.content.title}</Text>
      <Text className='xz-muted notice__meta'>
        {n.villageName} · {n.publishedAt ? `${formatDate(n.publishedAt)}公开` : '草稿，还没公开'} · 第 {n.revision} 版 ·{' '}
        {n.readCount} 人看过
      </Text>
      {n.state === 'retracted' ? (
        <Text className='xz-banner xz-banner--bad notice__retracted'>
          这条公告已撤回{retraction ? `（${formatTime(retraction.at)}，${retraction.authorName}）` : ''}。理由：
          {retraction?.reason ?? '没有写'}。下面的内容照样留着，供大家查看。
        </Text>
      ) : null}
      {n.corrections > 0 ? (
        <Text className='xz-banner xz-banner--wait notice__corrected'>
          已更正 {n.corrections} 次。每一次改了什么、谁改的、什么时候改的，都在下面；原文一直留着。
        </Text>
      ) : null}
      {!v.intact ? (
        <View className='xz-banner xz-banner--bad notice__broken'>
          <Text className='xz-text'>⚠ 这条公告的记录对不上，可能有人动过存档。请告诉乡镇。</Text>
          {v.problems.map((p, i) => (
            <Text key={i} className='xz-muted'>
              {p}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='xz-card notice__content'>
        <NoticeContent content={v.content} />
      </View>
      {v.changes ? (
        <View className='xz-card notice__changes'>
          <Text className='xz-label'>
            最近一次更正：第 {v.changes.from} 版改成第 {v.changes.to} 版
          </Text>
          <Text className='xz-muted'>
            {v.changes.authorName} · {formatTime(v.changes.at)}
          </Text>
          {v.changes.reason ? <Text className='xz-text notice__reason'>理由：{v.changes.reason}</Text> : null}
          <NoticeDiff diff={v.changes.diff} />
        </View>
      ) : null}
      {v.me.canManage ? <ManageBar v={v} onChanged={onChanged} /> : null}
      {v.revisions.length > 0 ? <NoticeRevisions noticeId={n.id} revisions={v.revisions} /> : null}
      {n.state !== 'draft' ? (
        <NoticeInquiries
          noticeId={n.id}
          member={member}
          canAsk={v.me.canAsk}
          canManage={v.me.canManage}
          onChanged={reload}
        />
      ) : null}
    </View>
  );
}

/** 公告: one notice as published, every correction with its diff, the retraction's reason, and 询问. */
export default function NoticePage() {
  const id = useRouter().params.id ?? '';
  const known = useKnownMe();
  // The frame needs to know who is reading (elder mode); a stranger who scanned a public notice needs no sign-in.
  useEffect(() => {
    if (!known && (process.env.TARO_ENV !== 'h5' || getToken())) void loadWhoAmI();
  }, [known]);
  const view = useLoad(id ? () => call('board.get', { noticeId: id }) : null, id);
  // Back from correcting or printing: show the new version.
  useOnReturn(() => view.reload());
  return (
    <PageFrame>
      {!id ? <ErrorView message='没有说要看哪条公告' /> : null}
      {id && view.status === 'loading' ? <Loading /> : null}
      {view.status === 'error' ? <ErrorView message={view.message} onRetry={view.reload} /> : null}
      {view.status === 'ready' ? <Notice v={view.data} onChanged={view.set} /> : null}
    </PageFrame>
  );
}
