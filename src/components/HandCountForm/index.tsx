import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useLoad } from '../../hooks/useLoad';
import { call, errorOf } from '../../services/api';
import { RESULT_WORDS, type MotionView, type TallyView } from '../../utils/votes';
import DateTimeField from '../DateTimeField';
import { ErrorView, Loading } from '../StateView';
import TextField from '../TextField';

/** A whole number typed in a box, or null. */
function count(text: string): number | null {
  const t = text.trim();
  return /^\d{1,7}$/.test(t) ? Number(t) : null;
}

function Form({ view, onRecorded }: { readonly view: MotionView; readonly onRecorded: () => void }) {
  const { motion } = view;
  const written = motion.options.filter((o) => !o.abstain);
  // Now, to the second (a meeting just held may have begun less than a minute after the vote opened).
  const [heldAt, setHeldAt] = useState(() => Date.now());
  const [attendance, setAttendance] = useState('');
  const [counts, setCounts] = useState<Readonly<Record<string, string>>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tally, setTally] = useState<TallyView | null>(null);

  const submit = () => {
    if (busy) return;
    const present = count(attendance);
    if (present === null) return setError('请写上到会人数（整数）');
    const numbers: Record<string, number> = {};
    for (const o of written) {
      const n = count(counts[o.id] ?? '');
      if (n === null) return setError(`请写上“${o.label}”的票数（整数，没有就写 0）`);
      numbers[o.id] = n;
    }
    setBusy(true);
    setError(null);
    call('votes.recordHandCount', {
      motionId: motion.id,
      heldAt,
      attendance: present,
      counts: numbers,
      ...(note.trim() ? { note: note.trim() } : {}),
    })
      .then((r) => {
        setTally(r.tally);
        onRecorded();
      })
      .catch((e: unknown) => setError(errorOf(e).message))
      .finally(() => setBusy(false));
  };

  if (tally) {
    return (
      <Text className='xz-banner xz-banner--ok hand-done'>
        ✓ 已录入（仅作记录）：结果是“{RESULT_WORDS[tally.result]}”，到会 {tally.turnout}，名册上 {tally.electorateSize}
      </Text>
    );
  }
  return (
    <View className='hand-form'>
      <DateTimeField label='会是什么时候开的' className='hand-held' value={heldAt} onChange={setHeldAt} />
      <TextField
        label='到会人数'
        className='hand-attendance'
        type='number'
        value={attendance}
        maxlength={7}
        onChange={setAttendance}
      />
      {written.map((o) => (
        <View key={o.id}>
          <TextField
            label={`“${o.label}”的票数`}
            className='hand-count'
            type='number'
            value={counts[o.id] ?? ''}
            maxlength={7}
            onChange={(v) => setCounts({ ...counts, [o.id]: v })}
          />
        </View>
      ))}
      <Text className='xz-muted'>“弃权”不用填：到会了但没选的，就算弃权。</Text>
      <TextField
        label='备注（可以不写）'
        multiline
        className='hand-note'
        value={note}
        maxlength={500}
        placeholder='比如：会议记录在村委会第 3 本第 12 页'
        onChange={setNote}
      />
      {error ? <Text className='xz-text xz-error hand-error'>没有录入：{error}</Text> : null}
      <View className={`xz-button hand-submit${busy ? ' xz-button--disabled' : ''}`} onClick={submit}>
        {busy ? '正在录入…' : '录入（仅作记录）'}
      </View>
    </View>
  );
}

/**
 * 录入现场表决: a meeting's show of hands, copied from its minutes. It is marked 仅作记录 everywhere:
 * the minutes are the record, this copies them; and once anyone voted on a phone it cannot be used.
 */
export default function HandCountForm({
  motionId,
  onRecorded,
}: {
  readonly motionId: string;
  readonly onRecorded: () => void;
}) {
  const loaded = useLoad(() => call('votes.get', { motionId }), `hand|${motionId}`);
  return (
    <View className='hand'>
      <Text className='xz-text'>
        <Text className='xz-badge'>仅作记录</Text>{' '}
        会议现场举手或纸票表决的结果，照会议记录录进来。手机上已经有人投了票的，就不能再录。
      </Text>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'error' ? <ErrorView message={loaded.message} onRetry={loaded.reload} /> : null}
      {loaded.status === 'ready' ? <Form view={loaded.data} onRecorded={onRecorded} /> : null}
    </View>
  );
}
