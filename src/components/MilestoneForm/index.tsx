import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useAction } from '../../hooks/useAction';
import { useClientId } from '../../hooks/useClientId';
import { call } from '../../services/api';
import ActionNote from '../ActionNote';
import ChoiceList from '../ChoiceList';
import TextField from '../TextField';

const DAY = 86_400_000;
const DUES = [
  { id: '7', label: '一周内' },
  { id: '30', label: '一个月内' },
  { id: '90', label: '三个月内' },
  { id: '', label: '不定日子' },
];

/** 定节点: what is to be done and by when; progress posts tick it off. */
export default function MilestoneForm({
  matterId,
  onDone,
}: {
  readonly matterId: string;
  readonly onDone: (done: string) => void;
}) {
  const { clientId, renew } = useClientId();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('30');
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();

  const submit = () => {
    if (action.busy) return;
    if (title.trim() === '') return setProblem('请写上要做什么');
    setProblem(null);
    const done = `节点已定下：${title.trim()}`;
    action.run(
      () =>
        call('matters.addMilestone', {
          matterId,
          title: title.trim(),
          ...(due ? { dueAt: Date.now() + Number(due) * DAY } : {}),
          clientId,
        }),
      done,
      () => {
        renew();
        setTitle('');
        onDone(done);
      },
    );
  };

  return (
    <View className='milestone-form'>
      <TextField
        label='要做什么'
        className='milestone-form__title'
        value={title}
        maxlength={60}
        placeholder='比如：买好路灯、装好路灯'
        onChange={setTitle}
      />
      <Text className='xz-label'>什么时候前做完</Text>
      <ChoiceList choices={DUES} selected={due} onPick={setDue} />
      {problem ? <Text className='xz-text xz-error'>✗ {problem}</Text> : null}
      <View className={`xz-button milestone-form__submit${action.busy ? ' xz-button--disabled' : ''}`} onClick={submit}>
        {action.busy ? '正在保存…' : '定下这个节点'}
      </View>
      <ActionNote action={{ done: null, error: action.error }} />
    </View>
  );
}
