import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useAction } from '../../hooks/useAction';
import { useClientId } from '../../hooks/useClientId';
import { usePhotos } from '../../hooks/usePhotos';
import { call } from '../../services/api';
import { daysAgo, WHEN_CHOICES } from '../../utils/matter';
import ActionNote from '../ActionNote';
import ChoiceList from '../ChoiceList';
import PhotoPicker from '../PhotoPicker';
import TextField from '../TextField';

/** 记下议事协商会: which day, where, how many came, the minutes and what was agreed, and photos. */
export default function MeetingForm({
  matterId,
  accountId,
  onDone,
}: {
  readonly matterId: string;
  readonly accountId: string;
  readonly onDone: (done: string) => void;
}) {
  const [when, setWhen] = useState('0');
  const { clientId, renew } = useClientId();
  const [place, setPlace] = useState('');
  const [attendees, setAttendees] = useState('');
  const [minutes, setMinutes] = useState('');
  const [outcome, setOutcome] = useState('');
  const [problems, setProblems] = useState<readonly string[]>([]);
  const photos = usePhotos(accountId);
  const action = useAction();

  const submit = () => {
    if (action.busy || photos.uploading) return;
    const n = Number(attendees);
    const found: string[] = [];
    if (place.trim() === '') found.push('请写上在哪开的会');
    if (!Number.isInteger(n) || n < 1) found.push('请写上到会的人数（数字）');
    if (minutes.trim() === '') found.push('请写上会议记录');
    if (outcome.trim() === '') found.push('请写上商量的结果');
    setProblems(found);
    if (found.length > 0) return;
    const days = WHEN_CHOICES.find((w) => w.id === when)?.days ?? 0;
    const done = '议事协商会已经记下，大家都能看到';
    action.run(
      () =>
        call('matters.recordMeeting', {
          matterId,
          heldAt: daysAgo(Date.now(), days),
          place: place.trim(),
          attendees: n,
          minutes: minutes.trim(),
          outcome: outcome.trim(),
          photos: [...photos.ids],
          clientId,
        }),
      done,
      () => {
        renew();
        setPlace('');
        setAttendees('');
        setMinutes('');
        setOutcome('');
        photos.reset([]);
        onDone(done);
      },
    );
  };

  return (
    <View className='meeting-form'>
      <Text className='xz-label'>哪天开的会</Text>
      <ChoiceList choices={WHEN_CHOICES} selected={when} onPick={setWhen} />
      <TextField
        label='在哪开的'
        className='meeting-form__place'
        value={place}
        maxlength={100}
        placeholder='比如：村委会议室'
        onChange={setPlace}
      />
      <TextField
        label='到会多少人'
        className='meeting-form__attendees'
        type='number'
        value={attendees}
        maxlength={5}
        placeholder='比如：15'
        onChange={(v) => setAttendees(v.trim())}
      />
      <TextField
        label='会议记录'
        multiline
        className='meeting-form__minutes'
        value={minutes}
        maxlength={5000}
        placeholder='谁说了什么，大家怎么看'
        onChange={setMinutes}
      />
      <TextField
        label='商量的结果'
        multiline
        className='meeting-form__outcome'
        value={outcome}
        maxlength={500}
        placeholder='比如：同意修，交村民代表会议表决'
        onChange={setOutcome}
      />
      <Text className='xz-label'>会议照片（可以不传）</Text>
      <PhotoPicker photos={photos} />
      {problems.map((p) => (
        <Text key={p} className='xz-text xz-error'>
          ✗ {p}
        </Text>
      ))}
      <View
        className={`xz-button meeting-form__submit${action.busy || photos.uploading ? ' xz-button--disabled' : ''}`}
        onClick={submit}
      >
        {action.busy ? '正在保存…' : '记下这次会'}
      </View>
      <ActionNote action={{ done: null, error: action.error }} />
    </View>
  );
}
