import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { allowedBodies } from '../../../core/matter/bodies';
import { BODY_DEFS, type Body } from '../../../core/votes/bodies';
import { NOTICE_MS } from '../../../core/votes/window';
import { useAction } from '../../hooks/useAction';
import { call } from '../../services/api';
import { formatTime } from '../../utils/format';
import ActionNote from '../ActionNote';
import ChoiceList from '../ChoiceList';
import TextField from '../TextField';

type MatterView = OutputOf<ActionByName<'matters.get'>>;

const DAY = 86_400_000;

const STARTS = [
  { id: 'notice', label: '10天后开始（按规定先公告10天）' },
  { id: 'soon', label: '马上开始（紧急的事才行）' },
];
const LENGTHS = [
  { id: '1', label: '投1天' },
  { id: '3', label: '投3天' },
  { id: '7', label: '投7天' },
];
const MODES = [
  { id: 'secret', label: '不记名（看不出谁投了什么）' },
  { id: 'open', label: '记名（公开谁投了什么）' },
];
const URGENT = [
  { id: 'no', label: '不紧急' },
  { id: 'yes', label: '紧急' },
];

/**
 * 交给大家表决: which body decides (only those the law and the matter allow), the question, open or
 * secret ballot, when it opens and closes, and, when it cannot wait ten days, why it is urgent.
 */
export default function VoteForm({
  matter,
  onDone,
}: {
  readonly matter: MatterView;
  readonly onDone: (done: string) => void;
}) {
  const context = {
    category: matter.category,
    state: matter.state,
    cosignCount: matter.cosign.count,
    electorate: matter.cosign.electorate,
  };
  const sure = allowedBodies({ ...context, delegatesAuthorised: false });
  // A reserved matter may go to the delegates only where the assembly has authorised them: the server knows.
  const ifAuthorised = allowedBodies({ ...context, delegatesAuthorised: true }).filter((b) => !sure.includes(b));
  const bodies = [...sure, ...ifAuthorised];
  const [body, setBody] = useState<Body | undefined>(bodies.length === 1 ? bodies[0] : undefined);
  const [question, setQuestion] = useState(matter.title);
  const [mode, setMode] = useState('secret');
  const [urgent, setUrgent] = useState('no');
  const [urgentReason, setUrgentReason] = useState('');
  const [start, setStart] = useState('notice');
  const [length, setLength] = useState('3');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<readonly string[]>([]);
  const action = useAction();

  const soon = start === 'soon';
  const days = Number(length);
  // Only for showing roughly when: the server counts the ten days by its own clock (afterNotice).
  const opensAt = Date.now() + NOTICE_MS;

  const submit = () => {
    if (action.busy) return;
    const found: string[] = [];
    if (!body) found.push('请选由哪个会表决');
    if (question.trim().length < 2) found.push('请写上表决的问题');
    if (urgent === 'yes' && urgentReason.trim() === '') found.push('紧急表决要写明为什么紧急');
    setProblems(found);
    if (!body || found.length > 0) return;
    const done = `已经交${BODY_DEFS[body].name}表决`;
    action.run(
      () =>
        call('matters.moveToVote', {
          matterId: matter.id,
          body,
          question: question.trim(),
          mode: mode === 'open' ? 'open' : 'secret',
          // No time from the phone, whose clock may be off: the server opens it at once (马上开始) or
          // when the notice is up (10天后开始), by its own clock.
          ...(soon ? { days } : { afterNotice: true as const, days }),
          ...(urgent === 'yes' ? { urgent: true, urgentReason: urgentReason.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      done,
      () => onDone(done),
    );
  };

  return (
    <View className='vote-form'>
      <Text className='xz-label'>由哪个会表决</Text>
      <ChoiceList
        choices={bodies.map((b) => ({
          id: b,
          label: ifAuthorised.includes(b) ? `${BODY_DEFS[b].name}（要村民会议授权过）` : BODY_DEFS[b].name,
        }))}
        selected={body}
        onPick={(id) => setBody(id as Body)}
      />
      {body ? <Text className='xz-muted vote-form__rule'>规则：{BODY_DEFS[body].description}</Text> : null}
      {matter.cosign.assemblyRequested ? (
        <Text className='xz-text'>附议的村民满了十分之一，只能交村民会议（或户代表会议）。</Text>
      ) : null}
      <TextField
        label='表决的问题'
        className='vote-form__question'
        value={question}
        maxlength={200}
        onChange={setQuestion}
      />
      <Text className='xz-label'>怎么投</Text>
      <ChoiceList choices={MODES} selected={mode} onPick={setMode} />
      <Text className='xz-label'>紧急吗</Text>
      <ChoiceList choices={URGENT} selected={urgent} onPick={setUrgent} />
      {urgent === 'yes' ? (
        <View>
          <TextField
            label='为什么紧急（会公开）'
            className='vote-form__urgent-reason'
            value={urgentReason}
            maxlength={200}
            placeholder='比如：汛期前必须修好'
            onChange={setUrgentReason}
          />
        </View>
      ) : (
        <Text className='xz-muted'>不紧急的事，按法律要先公告满10天才能开始投票。</Text>
      )}
      <Text className='xz-label'>什么时候开始投</Text>
      <ChoiceList choices={STARTS} selected={start} onPick={setStart} />
      <Text className='xz-label'>投几天</Text>
      <ChoiceList choices={LENGTHS} selected={length} onPick={setLength} />
      <Text className='xz-text vote-form__when'>
        {soon
          ? `交了就开始，投${days}天`
          : `大约 ${formatTime(opensAt)} 开始，${formatTime(opensAt + days * DAY)} 结束`}
      </Text>
      <TextField label='说明（可以不写）' className='vote-form__note' value={note} maxlength={500} onChange={setNote} />
      {problems.map((p) => (
        <Text key={p} className='xz-text xz-error'>
          ✗ {p}
        </Text>
      ))}
      <View className={`xz-button vote-form__submit${action.busy ? ' xz-button--disabled' : ''}`} onClick={submit}>
        {action.busy ? '正在提交…' : '交给大家表决'}
      </View>
      <ActionNote action={{ done: null, error: action.error }} />
    </View>
  );
}
