import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { NOTICE_KINDS, VISIBILITIES, type NoticeKind, type Visibility } from '../../../core/board/kinds';
import ChoiceList from '../../components/ChoiceList';
import ConsoleGate from '../../components/ConsoleGate';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { useAction } from '../../hooks/useAction';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import TextField from '../../components/TextField';
import './index.scss';

const KINDS = NOTICE_KINDS.filter((k) => k.drafted);

interface Form {
  readonly kind: NoticeKind;
  readonly title: string;
  readonly body: string;
  readonly visibility: Visibility;
  readonly pinned: boolean;
}

const BLANK: Form = { kind: 'general', title: '', body: '', visibility: 'village', pinned: false };

/** What the page says is wrong before asking the server (the server checks again, in the same words). */
function problemOf(f: Form): string | null {
  if (f.title.trim().length < 2) return '标题至少写2个字';
  if (f.title.trim().length > 60) return '标题最多60个字';
  if (f.body.trim().length === 0) return '请写上公告的内容';
  return null;
}

function Editor({ id, initial }: { readonly id: string | undefined; readonly initial: Form }) {
  const [f, setF] = useState<Form>(initial);
  const [draftId, setDraftId] = useState<string | undefined>(id);
  const [sure, setSure] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const act = useAction();
  const set = (patch: Partial<Form>) => {
    setF((x) => ({ ...x, ...patch }));
    setSure(false);
    act.clear();
  };
  const save = () =>
    call('board.draft', {
      ...(draftId ? { noticeId: draftId } : {}),
      kind: f.kind,
      title: f.title.trim(),
      body: f.body.trim(),
      visibility: f.visibility,
      pinned: f.pinned,
    });
  const check = (): boolean => {
    const p = problemOf(f);
    setProblem(p);
    return p === null;
  };
  const saveDraft = () => {
    if (!check()) return;
    act.run(save, '草稿存好了，还没有公开', (v) => setDraftId(v.notice.id));
  };
  const publish = () => {
    if (!check()) return;
    if (!sure) {
      setSure(true);
      return;
    }
    act.run(
      async () => {
        const d = await save();
        setDraftId(d.notice.id);
        return call('board.publish', { noticeId: d.notice.id });
      },
      '已经公开了',
      (v) => void Taro.redirectTo({ url: `/pages/notice/index?id=${encodeURIComponent(v.notice.id)}` }),
    );
  };
  return (
    <View className='xz-card write'>
      <Text className='xz-label'>哪一类</Text>
      <ChoiceList
        choices={KINDS.map((k) => ({ id: k.id, label: k.label }))}
        selected={f.kind}
        onPick={(k) => set({ kind: k as NoticeKind })}
      />
      <Text className='xz-muted'>{KINDS.find((k) => k.id === f.kind)?.hint}</Text>
      <TextField
        label='标题'
        className='write__title'
        value={f.title}
        maxlength={60}
        placeholder='比如：2026年第四季度村务公开'
        onChange={(v) => set({ title: v })}
      />
      <TextField
        label='内容'
        multiline
        className='write__body'
        value={f.body}
        maxlength={10000}
        placeholder='一件事写一段，写清楚是什么、多少钱、谁办的'
        onChange={(v) => set({ body: v })}
      />
      <Text className='xz-label'>谁能看</Text>
      <ChoiceList
        choices={VISIBILITIES.map((v) => ({ id: v.id, label: v.label }))}
        selected={f.visibility}
        onPick={(v) => set({ visibility: v as Visibility })}
      />
      <ChoiceList
        choices={[{ id: 'pin', label: '置顶（放在最前面）' }]}
        selected={f.pinned ? 'pin' : undefined}
        onPick={() => set({ pinned: !f.pinned })}
      />
      {problem ? <Text className='xz-text xz-error write__problem'>{problem}</Text> : null}
      {sure ? (
        <Text className='xz-banner xz-banner--wait write__sure'>
          公开以后就不能再改了，只能更正（原文会留着）或撤回。确定要公开，请再点一次“公开”。
        </Text>
      ) : null}
      <View className='xz-actions'>
        <View className={`xz-button write__publish${act.busy ? ' xz-button--disabled' : ''}`} onClick={publish}>
          {act.busy ? '正在提交…' : sure ? '确定公开' : '公开'}
        </View>
        <View className='xz-button xz-button--plain write__save' onClick={saveDraft}>
          存草稿
        </View>
      </View>
      {act.error ? <Text className='xz-text xz-error write__error'>{act.error}</Text> : null}
      {act.done ? <Text className='xz-banner xz-banner--ok write__done'>✓ {act.done}</Text> : null}
    </View>
  );
}

/** 写公告: a new draft or an old one, kept as a draft or published (then only corrected, never edited). */
export default function Write() {
  const access = useConsole('committee');
  const id = useRouter().params.id;
  const draft = useLoad(access.status === 'ready' && id ? () => call('board.get', { noticeId: id }) : null, id ?? '');
  const loaded = draft.status === 'ready' ? draft.data : null;
  const initial: Form | null = !id
    ? BLANK
    : loaded
      ? {
          kind: loaded.notice.kind,
          title: loaded.content.title,
          body: loaded.content.body,
          visibility: loaded.notice.visibility,
          pinned: loaded.notice.pinned,
        }
      : null;
  return (
    <PageFrame>
      <ConsoleGate title={id ? '改草稿' : '写公告'} access={access}>
        {id && draft.status === 'loading' ? <Loading /> : null}
        {draft.status === 'error' ? <ErrorView message={draft.message} onRetry={draft.reload} /> : null}
        {initial ? <Editor id={id} initial={initial} /> : null}
      </ConsoleGate>
    </PageFrame>
  );
}
