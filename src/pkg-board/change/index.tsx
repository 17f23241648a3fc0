import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import ConsoleGate from '../../components/ConsoleGate';
import NoticeContent from '../../components/NoticeContent';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useAction } from '../../hooks/useAction';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import TextField from '../../components/TextField';
import '../write/index.scss';

type NoticeView = OutputOf<ActionByName<'board.get'>>;

const backToNotice = (id: string) => void Taro.redirectTo({ url: `/pages/notice/index?id=${encodeURIComponent(id)}` });

function ReasonField({ value, onInput, label }: { value: string; onInput: (v: string) => void; label: string }) {
  return (
    <View>
      <TextField
        label={label}
        multiline
        className='change__reason'
        value={value}
        maxlength={500}
        placeholder='写明为什么，村里人都能看到'
        onChange={onInput}
      />
    </View>
  );
}

/** 更正: the new text beside the old, with a reason; the old version stays readable as it was. */
function Correct({ v }: { readonly v: NoticeView }) {
  const [title, setTitle] = useState(v.content.title);
  const [body, setBody] = useState(v.content.body);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const act = useAction();
  const send = () => {
    const p =
      title.trim().length < 2
        ? '标题至少写2个字'
        : body.trim().length === 0
          ? '请写上公告的内容'
          : reason.trim().length < 2
            ? '请写明理由，村里人都能看到'
            : null;
    setProblem(p);
    if (p) return;
    act.run(
      () =>
        call('board.correct', {
          noticeId: v.notice.id,
          ...(title.trim() !== v.content.title ? { title: title.trim() } : {}),
          body: body.trim(),
          reason: reason.trim(),
        }),
      '已经更正',
      (r) => backToNotice(r.notice.id),
    );
  };
  return (
    <View className='xz-card change'>
      <Text className='xz-muted'>
        更正会出第 {v.notice.revision + 1} 版。现在的第 {v.notice.revision}{' '}
        版一直留着，大家能看到改了什么、谁改的、为什么。
      </Text>
      <TextField label='标题' className='change__title' value={title} maxlength={60} onChange={setTitle} />
      <TextField
        label='改好的内容'
        multiline
        className='write__body change__body'
        value={body}
        maxlength={10000}
        onChange={setBody}
      />
      <ReasonField label='为什么更正' value={reason} onInput={setReason} />
      {problem ? <Text className='xz-text xz-error change__problem'>{problem}</Text> : null}
      <View className={`xz-button change__send${act.busy ? ' xz-button--disabled' : ''}`} onClick={send}>
        {act.busy ? '正在提交…' : '提交更正'}
      </View>
      {act.error ? <Text className='xz-text xz-error change__error'>{act.error}</Text> : null}
    </View>
  );
}

/** 撤回: the notice stays readable, marked retracted, with the reason. */
function Retract({ v }: { readonly v: NoticeView }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const act = useAction();
  const send = () => {
    const p = reason.trim().length < 2 ? '请写明理由，村里人都能看到' : null;
    setProblem(p);
    if (p) return;
    act.run(
      () => call('board.retract', { noticeId: v.notice.id, reason: reason.trim() }),
      '已经撤回',
      (r) => backToNotice(r.notice.id),
    );
  };
  return (
    <View className='xz-card change'>
      <Text className='xz-text'>撤回“{v.content.title}”</Text>
      <Text className='xz-muted'>撤回以后，公告标明“已撤回”和理由，内容照样能看，不会删掉。</Text>
      <NoticeContent content={v.content} linkable={false} />
      <ReasonField label='为什么撤回' value={reason} onInput={setReason} />
      {problem ? <Text className='xz-text xz-error change__problem'>{problem}</Text> : null}
      <View className={`xz-button change__retract${act.busy ? ' xz-button--disabled' : ''}`} onClick={send}>
        {act.busy ? '正在提交…' : '确定撤回'}
      </View>
      {act.error ? <Text className='xz-text xz-error change__error'>{act.error}</Text> : null}
    </View>
  );
}

export default function Change() {
  const access = useConsole('committee');
  const params = useRouter().params;
  const id = params.id ?? '';
  const retract = params.mode === 'retract';
  const view = useLoad(access.status === 'ready' && id ? () => call('board.get', { noticeId: id }) : null, id);
  return (
    <PageFrame>
      <ConsoleGate title={retract ? '撤回公告' : '更正公告'} access={access}>
        {!id ? <ErrorView message='没有说是哪条公告' /> : null}
        {id && view.status === 'loading' ? <Loading /> : null}
        {view.status === 'error' ? <ErrorView message={view.message} onRetry={view.reload} /> : null}
        {view.status === 'ready' ? retract ? <Retract v={view.data} /> : <Correct v={view.data} /> : null}
      </ConsoleGate>
    </PageFrame>
  );
}
