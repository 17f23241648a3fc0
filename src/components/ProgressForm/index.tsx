import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import type { Action } from '../../hooks/useAction';
import { useClientId } from '../../hooks/useClientId';
import { usePhotos } from '../../hooks/usePhotos';
import { call } from '../../services/api';
import { daysAgo, WHEN_CHOICES } from '../../utils/matter';
import ActionNote from '../ActionNote';
import ChoiceList from '../ChoiceList';
import PhotoPicker from '../PhotoPicker';
import TextField from '../TextField';

type Milestone = OutputOf<ActionByName<'matters.get'>>['milestones'][number];

const PERCENTS = [10, 25, 50, 75, 100].map((p) => ({ id: String(p), label: `${p}%` }));

/**
 * 报进度: what was done, when, how far along (a few big choices, or a number), photos, and which
 * milestone it finished. On the page itself, no pop-up.
 */
export default function ProgressForm({
  matterId,
  accountId,
  milestones,
  action,
  onPosted,
}: {
  readonly matterId: string;
  readonly accountId: string;
  readonly milestones: readonly Milestone[];
  readonly action: Action;
  readonly onPosted: () => void;
}) {
  const [text, setText] = useState('');
  const [percent, setPercent] = useState('');
  const [when, setWhen] = useState('0');
  const [milestoneId, setMilestoneId] = useState<string | undefined>(undefined);
  const [labor, setLabor] = useState('');
  // One id per report, kept across retries: a report that arrived before the network dropped counts once.
  const { clientId, renew } = useClientId();
  const [problem, setProblem] = useState<string | null>(null);
  const photos = usePhotos(accountId);
  const open = milestones.filter((m) => m.doneAt === null);

  const submit = () => {
    if (action.busy || photos.uploading) return;
    const n = Number(percent);
    if (text.trim() === '') return setProblem('请写上干了什么');
    if (percent === '' || !Number.isInteger(n) || n < 0 || n > 100) return setProblem('请选完成了百分之几（0到100）');
    const laborDays = labor === '' ? undefined : Number(labor);
    if (laborDays !== undefined && !(Number.isInteger(laborDays * 2) && laborDays >= 0 && laborDays <= 10_000))
      return setProblem('投工投劳请写整天或半天，比如 12 或 3.5');
    setProblem(null);
    const days = WHEN_CHOICES.find((w) => w.id === when)?.days ?? 0;
    action.run(
      () =>
        call('matters.postProgress', {
          matterId,
          text: text.trim(),
          percent: n,
          photos: [...photos.ids],
          happenedAt: daysAgo(Date.now(), days),
          ...(milestoneId ? { milestoneId } : {}),
          ...(laborDays ? { laborDays } : {}),
          clientId,
        }),
      (p) => `进度已经报上去了：完成 ${p.percent}%`,
      () => {
        setText('');
        setPercent('');
        setLabor('');
        setMilestoneId(undefined);
        renew();
        photos.reset([]);
        onPosted();
      },
    );
  };

  return (
    <View className='xz-card progress-form'>
      <Text className='xz-label'>报进度</Text>
      <TextField
        label='干了什么'
        multiline
        className='progress-form__text'
        value={text}
        maxlength={500}
        placeholder='比如：三盏路灯都换好了，晚上试过都亮'
        onChange={setText}
      />
      <Text className='xz-label'>完成了百分之几</Text>
      <ChoiceList choices={PERCENTS} selected={percent} onPick={setPercent} />
      <Input
        className='xz-input progress-form__percent'
        type='number'
        value={percent}
        maxlength={3}
        placeholder='也可以自己写数字，比如 60'
        onInput={(e) => setPercent(e.detail.value.trim())}
      />
      <Text className='xz-label'>哪天干的</Text>
      <ChoiceList choices={WHEN_CHOICES} selected={when} onPick={setWhen} />
      {open.length > 0 ? (
        <View>
          <Text className='xz-label'>这次做完了哪个节点（可以不选）</Text>
          <ChoiceList
            choices={open.map((m) => ({ id: m.id, label: m.title }))}
            selected={milestoneId}
            onPick={(id) => setMilestoneId(id === milestoneId ? undefined : id)}
          />
        </View>
      ) : null}
      <TextField
        label='这次村民投工投劳多少人·天（可以不写）'
        name='投工投劳人·天'
        className='progress-form__labor'
        type='digit'
        value={labor}
        maxlength={7}
        placeholder='比如：5个人干了2天，写 10'
        onChange={(v) => setLabor(v.trim())}
      />
      <Text className='xz-label'>照片（可以不传）</Text>
      <PhotoPicker photos={photos} label='拍照或选照片' />
      {problem ? <Text className='xz-text xz-error progress-form__problem'>{problem}</Text> : null}
      <View
        className={`xz-button progress-form__submit${action.busy || photos.uploading ? ' xz-button--disabled' : ''}`}
        onClick={submit}
      >
        {action.busy ? '正在提交…' : '报上去'}
      </View>
      <ActionNote action={action} />
    </View>
  );
}
