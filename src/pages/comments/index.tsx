import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import ActionNote from '../../components/ActionNote';
import CommentForm from '../../components/CommentForm';
import CommentItem, { type CommentView } from '../../components/CommentItem';
import PageFrame from '../../components/PageFrame';
import ReasonBox from '../../components/ReasonBox';
import { Empty, ErrorView, Loading } from '../../components/StateView';
import TextField from '../../components/TextField';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { usePaged } from '../../hooks/usePaged';
import { useWhoAmI, type WhoAmI } from '../../hooks/useWhoAmI';
import { call } from '../../services/api';
import './index.scss';

/** Replies go two levels deep (core/matter/comments.ts MAX_REPLY_DEPTH). */
const MAX_DEPTH = 2;

type MatterView = OutputOf<ActionByName<'matters.get'>>;

type Doing = { readonly kind: 'reply' | 'report' | 'hide'; readonly commentId: string } | null;

function ReportBox({
  busy,
  onReport,
  onCancel,
}: {
  readonly busy: boolean;
  readonly onReport: (reason: string) => void;
  readonly onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <View className='comment__report-box'>
      <TextField
        label='这条留言哪里不合适？（可以不写）'
        className='comment__report-reason'
        value={reason}
        maxlength={200}
        placeholder='比如：骂人了'
        onChange={setReason}
      />
      <View className='xz-actions'>
        <View
          className={`xz-button comment__report-confirm${busy ? ' xz-button--disabled' : ''}`}
          onClick={() => onReport(reason.trim())}
        >
          确定举报
        </View>
        <View className='xz-button xz-button--quiet' onClick={onCancel}>
          先不了
        </View>
      </View>
    </View>
  );
}

function Thread({ id, me }: { readonly id: string; readonly me: WhoAmI }) {
  const [tick, setTick] = useState(0);
  const refresh = () => setTick((t) => t + 1);
  const matter = useLoad(() => call('matters.get', { matterId: id }), `${id}|${tick}`);
  const comments = usePaged<CommentView>(
    (cursor) => call('matters.comments', { matterId: id, limit: 30, ...(cursor ? { cursor } : {}) }),
    `${id}|${tick}`,
  );
  const post = useAction();
  const act = useAction();
  const [doing, setDoing] = useState<Doing>(null);
  const [noted, setNoted] = useState<string | null>(null);
  const last = useRef<MatterView | null>(null);
  if (matter.status === 'ready') last.current = matter.data;
  const m = last.current;
  const committee = me.roles.includes('committee');

  if (matter.status === 'error') return <ErrorView message={matter.message} onRetry={matter.reload} />;
  if (!m) return <Loading />;

  const start = (kind: 'reply' | 'report' | 'hide', commentId: string) => {
    act.clear();
    setNoted(commentId);
    setDoing({ kind, commentId });
  };

  return (
    <View>
      <Text className='xz-title'>{m.title}</Text>
      <Text className='xz-text comments__stances'>
        赞成 {m.stances.for} 人，反对 {m.stances.against} 人，中立 {m.stances.neutral} 人
      </Text>
      <Text className='xz-muted'>每人按最后一次表态算一次。回复别人不算表态。</Text>
      {m.canComment ? (
        <View className='xz-card'>
          <CommentForm
            reply={false}
            action={post}
            onSend={(stance, text, clientId, sent) =>
              post.run(
                () => call('matters.comment', { matterId: id, stance, text, clientId }),
                '已经发表了',
                () => {
                  sent();
                  refresh();
                },
              )
            }
          />
        </View>
      ) : (
        <Text className='xz-banner xz-banner--wait'>这件事已经结束了，不能再留言；以前的留言都还在。</Text>
      )}
      {comments.error ? <ErrorView message={comments.error} /> : null}
      {!comments.busy && comments.items.length === 0 ? (
        <Empty title='还没有人留言' text='第一个说说您的看法吧。' />
      ) : null}
      <View className='xz-card comments__list'>
        {comments.items.map((c) => (
          <CommentItem key={c.id} comment={c}>
            <View className='comment__actions'>
              {m.canComment && c.depth < MAX_DEPTH ? (
                <View className='xz-chip comment__reply' onClick={() => start('reply', c.id)}>
                  回复
                </View>
              ) : null}
              {m.canReport && !c.mine && !c.hidden ? (
                <View className='xz-chip comment__report' onClick={() => start('report', c.id)}>
                  举报
                </View>
              ) : null}
              {committee && !c.hidden ? (
                <View className='xz-chip comment__hide' onClick={() => start('hide', c.id)}>
                  隐藏
                </View>
              ) : null}
            </View>
            {doing?.commentId === c.id && doing.kind === 'reply' ? (
              <CommentForm
                reply
                action={act}
                onCancel={() => setDoing(null)}
                onSend={(stance, text, clientId) =>
                  act.run(
                    () => call('matters.comment', { matterId: id, stance, text, parentId: c.id, clientId }),
                    '回复已经发出',
                    () => {
                      setDoing(null);
                      refresh();
                    },
                  )
                }
              />
            ) : null}
            {doing?.commentId === c.id && doing.kind === 'report' ? (
              <ReportBox
                busy={act.busy}
                onCancel={() => setDoing(null)}
                onReport={(reason) =>
                  act.run(
                    () => call('matters.reportComment', { commentId: c.id, ...(reason ? { reason } : {}) }),
                    '已经举报，村两委会来看',
                    () => setDoing(null),
                  )
                }
              />
            ) : null}
            {doing?.commentId === c.id && doing.kind === 'hide' ? (
              <ReasonBox
                label='为什么隐藏这条留言？（大家都能看到理由）'
                confirmText='确定隐藏'
                busy={act.busy}
                error={null}
                onCancel={() => setDoing(null)}
                onConfirm={(reason) =>
                  act.run(
                    () => call('matters.hideComment', { commentId: c.id, reason }),
                    '已经隐藏',
                    () => {
                      setDoing(null);
                      refresh();
                    },
                  )
                }
              />
            ) : null}
            {noted === c.id && doing === null ? <ActionNote action={act} /> : null}
            {noted === c.id && doing !== null && doing.kind !== 'reply' && act.error ? (
              <ActionNote action={{ done: null, error: act.error }} />
            ) : null}
          </CommentItem>
        ))}
        {comments.more ? (
          <View
            className={`xz-button xz-button--quiet${comments.busy ? ' xz-button--disabled' : ''}`}
            onClick={comments.loadMore}
          >
            {comments.busy ? '正在加载…' : '看更多留言'}
          </View>
        ) : null}
      </View>
    </View>
  );
}

/** 留言: for, against or neutral, with replies two levels deep, 举报 for villagers and 隐藏 (with a reason) for the committee. */
export default function Comments() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const who = useWhoAmI();
  return (
    <PageFrame>
      {id === '' ? <ErrorView message='没有说要看哪件事的留言' /> : null}
      {who.status === 'loading' ? <Loading /> : null}
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {who.status === 'ready' && id !== '' ? <Thread id={id} me={who.me} /> : null}
    </PageFrame>
  );
}
