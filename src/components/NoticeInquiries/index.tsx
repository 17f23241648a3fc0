import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { useAction } from '../../hooks/useAction';
import { useClientId } from '../../hooks/useClientId';
import { usePaged } from '../../hooks/usePaged';
import { call } from '../../services/api';
import { formatTime } from '../../utils/format';
import TextField from '../TextField';
import './index.scss';

export type Inquiry = OutputOf<ActionByName<'board.inquiries'>>['items'][number];

function dueText(q: Inquiry): string {
  if (q.answer) return '';
  if (q.overdue) return '已超期，还没有答复';
  return q.daysLeft > 0 ? `还没答复，${q.daysLeft} 天内答复` : '还没答复';
}

/** One question on a notice, its answer, or (for the committee) a box to answer it. */
export function InquiryItem({
  inquiry,
  canAnswer,
  showNotice = false,
  onAnswered,
}: {
  readonly inquiry: Inquiry;
  readonly canAnswer: boolean;
  /** Lists across notices (the committee's duties, the township) say which notice it is on. */
  readonly showNotice?: boolean;
  readonly onAnswered: (q: Inquiry) => void;
}) {
  const q = inquiry;
  const [text, setText] = useState('');
  const act = useAction();
  const send = () => {
    const t = text.trim();
    if (t.length < 2) return;
    act.run(() => call('board.answer', { inquiryId: q.id, text: t }), '已经答复，大家都能看到', onAnswered);
  };
  return (
    <View className={`inquiry${q.overdue ? ' inquiry--overdue' : ''}`}>
      {showNotice ? <Text className='xz-muted'>公告：{q.noticeTitle}</Text> : null}
      <Text className='xz-text inquiry__question'>问：{q.text}</Text>
      <Text className='xz-muted'>
        {q.askerName}
        {q.mine ? '（我）' : ''} · {formatTime(q.askedAt)}
      </Text>
      {q.answer ? (
        <View className='inquiry__answer'>
          <Text className='xz-text'>答：{q.answer.text}</Text>
          <Text className='xz-muted'>
            {q.answer.byName} · {formatTime(q.answer.at)}
          </Text>
        </View>
      ) : (
        <Text className={`xz-badge inquiry__due${q.overdue ? ' inquiry__due--over' : ''}`}>{dueText(q)}</Text>
      )}
      {!q.answer && canAnswer ? (
        <View className='inquiry__reply'>
          <TextField
            label='答复这条询问'
            multiline
            className='inquiry__reply-input'
            value={text}
            maxlength={500}
            placeholder='答复会公开，村里人都能看到'
            onChange={setText}
          />
          {text.trim().length > 0 && text.trim().length < 2 ? (
            <Text className='xz-text xz-error'>请把答复写清楚一点</Text>
          ) : null}
          <View className={`xz-button inquiry__reply-send${act.busy ? ' xz-button--disabled' : ''}`} onClick={send}>
            {act.busy ? '正在提交…' : '提交答复'}
          </View>
          {act.error ? <Text className='xz-text xz-error'>{act.error}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}

/**
 * 询问 on one notice: a villager asks, the committee answers within the set days, and everyone of
 * the village reads both. Only members see the questions.
 */
export default function NoticeInquiries({
  noticeId,
  member,
  canAsk,
  canManage,
  onChanged,
}: {
  readonly noticeId: string;
  readonly member: boolean;
  readonly canAsk: boolean;
  readonly canManage: boolean;
  readonly onChanged: () => void;
}) {
  const [tick, setTick] = useState(0);
  const [text, setText] = useState('');
  const { clientId, renew } = useClientId();
  const ask = useAction();
  const list = usePaged<Inquiry>(
    member ? (cursor) => call('board.inquiries', { noticeId, limit: 10, ...(cursor ? { cursor } : {}) }) : null,
    `${noticeId}|${tick}`,
  );
  const changed = () => {
    setTick((t) => t + 1);
    onChanged();
  };
  const send = () => {
    const t = text.trim();
    if (t.length < 2) return;
    ask.run(
      () => call('board.ask', { noticeId, text: t, clientId }),
      (q) => `已经提交。村两委会在 ${formatTime(q.dueAt)} 以前答复。`,
      () => {
        renew();
        setText('');
        changed();
      },
    );
  };
  return (
    <View className='xz-card notice-inquiries'>
      <Text className='xz-label'>询问和答复</Text>
      {canAsk ? (
        <View className='notice-inquiries__ask'>
          <Text className='xz-muted'>
            对这条公告有不明白的，可以在这里问。村两委要在规定的天数内答复，答复大家都能看到。
          </Text>
          <Textarea
            className='xz-textarea notice-inquiries__input'
            value={text}
            maxlength={500}
            placeholder='比如：这笔钱是从哪里出的？'
            nativeProps={{ 'aria-label': '我要问' }}
            onInput={(e) => setText(e.detail.value)}
          />
          {text.trim().length > 0 && text.trim().length < 2 ? (
            <Text className='xz-text xz-error'>请把问题写清楚一点</Text>
          ) : null}
          <View className={`xz-button notice-inquiries__send${ask.busy ? ' xz-button--disabled' : ''}`} onClick={send}>
            {ask.busy ? '正在提交…' : '提交询问'}
          </View>
          {ask.error ? <Text className='xz-text xz-error'>{ask.error}</Text> : null}
          {ask.done ? <Text className='xz-banner xz-banner--ok notice-inquiries__done'>✓ {ask.done}</Text> : null}
        </View>
      ) : null}
      {!member ? <Text className='xz-muted'>加入本村以后，能看到大家的询问和答复。</Text> : null}
      {member && list.items.length === 0 && !list.busy && !list.error ? (
        <Text className='xz-muted notice-inquiries__empty'>还没有人问过。</Text>
      ) : null}
      {list.items.map((q) => (
        <InquiryItem key={q.id} inquiry={q} canAnswer={canManage} onAnswered={changed} />
      ))}
      {list.error ? <Text className='xz-text xz-error'>出错了：{list.error}</Text> : null}
      {list.busy ? <Text className='xz-muted'>正在加载…</Text> : null}
      {list.more && !list.busy ? (
        <View className='xz-button xz-button--quiet' onClick={list.loadMore}>
          再往后看
        </View>
      ) : null}
    </View>
  );
}
