import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import PageFrame from '../../components/PageFrame';
import PhotoPicker from '../../components/PhotoPicker';
import { ErrorView, Loading } from '../../components/StateView';
import { useLoad } from '../../hooks/useLoad';
import type { WhoAmI } from '../../hooks/useWhoAmI';
import { call } from '../../services/api';
import { newClientId, type NeedDraft, type WhereWhen } from '../../services/outbox';
import Gate from '../Gate';
import { locate, whereText } from '../location';
import { outbox, startOutbox, useOutbox } from '../outbox-device';
import { useLocalPhotos } from '../photos';
import { backToTasks, clock, go, loadHousehold, urls, withCopy } from '../shared';
import NeedsEditor, { type OwnerChoice } from './NeedsEditor';
import TextField from '../../components/TextField';
import '../visits.scss';

type Where = NonNullable<WhereWhen['location']>;

/** Grid leaders may hand a need to a member of their grid; a member follows up their own. */
async function ownersFor(me: WhoAmI): Promise<OwnerChoice[]> {
  if (!me.roles.includes('gridLeader')) return [];
  try {
    const r = await withCopy('owners', () => call('visits.assignments', {}));
    return r.data.members.filter((m) => m.name !== me.name).map((m) => ({ id: m.memberId, label: m.name }));
  } catch {
    return [];
  }
}

function Form({ me, householdId }: { readonly me: WhoAmI; readonly householdId: string }) {
  const hh = useLoad(() => loadHousehold(householdId), householdId);
  const owners = useLoad(() => ownersFor(me), me.accountId);
  const startedAt = useRef(Date.now());
  const clientId = useRef(newClientId(Date.now()));
  const [met, setMet] = useState<readonly string[]>([]);
  const [others, setOthers] = useState('');
  const [notes, setNotes] = useState('');
  const [needs, setNeeds] = useState<NeedDraft[]>([]);
  const [consent, setConsent] = useState(false);
  const [startWhere, setStartWhere] = useState<Where | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const startPhotos = useLocalPhotos(3);
  const endPhotos = useLocalPhotos(3);
  const box = useOutbox();
  useEffect(() => startOutbox(), []);

  // The start's place is taken when the villager agrees; turning the switch off records a refusal.
  const toggleConsent = () => {
    const next = !consent;
    setConsent(next);
    if (next) void locate().then(setStartWhere);
    else setStartWhere({ consent: 'refused' });
  };

  const code = hh.status === 'ready' ? hh.data.data.household.code : householdId;

  const submit = async () => {
    if (saving || saved) return;
    if (!notes.trim() && met.length === 0 && !others.trim()) {
      setProblem('请至少写上见到了谁，或者记几句情况');
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const endWhere: Where = consent ? await locate() : { consent: 'refused' };
      await outbox.add({
        clientId: clientId.current,
        accountId: me.accountId,
        householdCode: code,
        draft: {
          householdId,
          start: { at: startedAt.current, location: consent ? (startWhere ?? endWhere) : { consent: 'refused' } },
          end: { at: Math.max(Date.now(), startedAt.current), location: endWhere },
          metPersonIds: [...met],
          metOthers: others.trim(),
          notes: notes.trim(),
          needs,
        },
        photos: { start: startPhotos.picked(), end: endPhotos.picked() },
      });
      setSaved(true);
      void outbox.drain();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : '没有存上，请再试一次');
    } finally {
      setSaving(false);
    }
  };

  if (saved) {
    const waiting = box.entries.find((e) => e.clientId === clientId.current);
    return (
      <View className='xz-card visits-result'>
        <Text className='xz-title'>走访登记 · 户号 {code}</Text>
        {waiting ? (
          <Text className='xz-banner xz-banner--wait visits-result__waiting'>
            {waiting.refused
              ? `没有被收下：${waiting.lastError ?? ''}`
              : '已存在手机上，还没发出去。有网了会自动发出去，不用再登记一次。'}
          </Text>
        ) : (
          <Text className='xz-banner xz-banner--ok visits-result__sent'>已送到：户号 {code} 的这次走访记上了。</Text>
        )}
        <View className='xz-button visits-result__back' onClick={backToTasks}>
          回到我的联系户
        </View>
        <View className='xz-button xz-button--plain' onClick={() => go(urls.household(householdId))}>
          看这一户的情况
        </View>
      </View>
    );
  }

  return (
    <View className='visits-page--bar'>
      <Text className='xz-title'>走访登记 · 户号 {code}</Text>
      {hh.status === 'loading' ? <Loading /> : null}
      {hh.status === 'error' ? (
        <Text className='xz-banner xz-banner--wait'>
          这一户的名单没拿到（{hh.message}）。见到的人可以写在“还见到了谁”里。
        </Text>
      ) : null}
      {hh.status === 'ready' && hh.data.keptAt !== null ? (
        <Text className='xz-banner xz-banner--wait visits-kept'>
          没有网络：用的是 {clock(hh.data.keptAt)} 存在手机上的名单。
        </Text>
      ) : null}
      <View className='xz-card'>
        <Text className='xz-text'>开始时间：{clock(startedAt.current)}（打开这一页的时候）</Text>
        <Text className='xz-muted'>点最下面的“登记走访”时记为结束时间。</Text>
      </View>
      <View className='xz-card'>
        <Text className='xz-label'>见到了谁</Text>
        {hh.status === 'ready' ? (
          <View className='visits-people'>
            {hh.data.data.household.people.map((p) => {
              const on = met.includes(p.personId);
              return (
                <View
                  key={p.personId}
                  className={`xz-chip visits-person${on ? ' xz-chip--on' : ''}`}
                  onClick={() => setMet(on ? met.filter((x) => x !== p.personId) : [...met, p.personId])}
                >
                  {on ? `✓ ${p.name}` : p.name}
                </View>
              );
            })}
          </View>
        ) : null}
        <TextField
          label='还见到了谁（邻居、照顾老人的人）'
          name='还见到了谁'
          className='visits-others'
          value={others}
          maxlength={100}
          onChange={setOthers}
        />
        <TextField
          label='情况'
          multiline
          className='visits-notes'
          value={notes}
          maxlength={2000}
          placeholder='身体怎么样，家里有什么难处'
          onChange={setNotes}
        />
      </View>
      <View className='xz-card'>
        <View className={`visits-switch${consent ? ' visits-switch--on' : ''}`} onClick={toggleConsent}>
          <Text className='xz-text'>记下走访的位置（要村民同意）</Text>
          <Text className='xz-text visits-switch__state'>{consent ? '同意，已打开' : '没打开'}</Text>
        </View>
        <Text className='xz-muted'>村民不同意就关着，会记为“村民不同意”。开始和结束时各记一次。</Text>
        {consent ? <Text className='xz-text visits-where'>开始时的位置：{whereText(startWhere)}</Text> : null}
      </View>
      <View className='xz-card'>
        <Text className='xz-label'>到的时候拍的照片（可以不拍）</Text>
        <View className='visits-photos-start'>
          <PhotoPicker photos={startPhotos} label='拍照或选照片' />
        </View>
        <Text className='xz-label'>走的时候拍的照片（可以不拍）</Text>
        <View className='visits-photos-end'>
          <PhotoPicker photos={endPhotos} label='拍照或选照片' />
        </View>
        <Text className='xz-muted'>没有网络也能拍，照片先存在手机上，和走访一起发出去。</Text>
      </View>
      <NeedsEditor needs={needs} owners={owners.status === 'ready' ? owners.data : []} onChange={setNeeds} />
      {problem ? <Text className='xz-text xz-error visits-problem'>{problem}</Text> : null}
      <View className='visits-bar'>
        <View
          className={`xz-button visits-submit${saving ? ' xz-button--disabled' : ''}`}
          onClick={() => void submit()}
        >
          {saving ? '正在存…' : '登记走访'}
        </View>
      </View>
    </View>
  );
}

export default function CheckIn() {
  const householdId = useRouter().params.householdId ?? '';
  return (
    <PageFrame>
      <Gate roles={['partyMember', 'gridLeader']} why='走访登记是联系这一户的党员用的。'>
        {(me) => (householdId ? <Form me={me} householdId={householdId} /> : <ErrorView message='没有说是哪一户' />)}
      </Gate>
    </PageFrame>
  );
}
