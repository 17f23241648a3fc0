import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useLoad } from '../../hooks/useLoad';
import { call, errorOf } from '../../services/api';
import { choiceProblem, choiceRuleText, toggleChoice, type MotionView } from '../../utils/votes';
import type { RosterPerson } from '../PersonRow';
import { ErrorView, Loading } from '../StateView';
import VoteOptions from '../VoteOptions';
import TextField from '../TextField';

type Done = { readonly name: string; readonly receipt: string };

/** Who the ballot is for: a person (adults, delegates) or, for a household vote, their household. */
function electorIdOf(view: MotionView, person: RosterPerson): string {
  return view.motion.body === 'households' ? person.householdId : person.id;
}

function refusal(code: string, message: string, person: RosterPerson, households: boolean): string {
  const who = households ? `户号 ${person.householdCode} 这一户` : person.name;
  if (code === 'NOT_ELIGIBLE') return `${who}不在这次表决的名单里`;
  if (code === 'ALREADY_VOTED') return `${who}已经投过了，每${households ? '户' : '人'}只能投一次`;
  return message;
}

function Search({ onPick }: { readonly onPick: (p: RosterPerson) => void }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<string | null>(null);
  const found = useLoad(q !== null ? () => call('roster.search', { q }) : null, `assist-search|${q ?? ''}`);
  const search = () => setQ(typed.trim());
  return (
    <View className='assist-search'>
      <TextField
        label='先找到这个人：写户号或姓名'
        className='assist-search__q'
        value={typed}
        maxlength={20}
        confirmType='search'
        placeholder='比如 TY-1-001 或 王秀英'
        onConfirm={search}
        onChange={setTyped}
      />
      <View className='xz-button xz-button--plain assist-search__go' onClick={search}>
        查找
      </View>
      {q !== null && found.status === 'loading' ? <Loading text='正在找…' /> : null}
      {q !== null && found.status === 'error' ? <ErrorView message={found.message} onRetry={found.reload} /> : null}
      {q !== null && found.status === 'ready' && found.data.items.length === 0 ? (
        <Text className='xz-text'>没有找到，换个字再找找。</Text>
      ) : null}
      {q !== null && found.status === 'ready'
        ? found.data.items.map((p) => (
            <View key={p.id} className='xz-row assist-person'>
              <Text className='xz-text'>
                {p.name}（{p.birthYear} 年生）· 户号 {p.householdCode}
              </Text>
              <View className='xz-button assist-person__pick' onClick={() => onPick(p)}>
                选这个人
              </View>
            </View>
          ))
        : null}
    </View>
  );
}

function Ballot({
  view,
  person,
  onDone,
  onAnother,
}: {
  readonly view: MotionView;
  readonly person: RosterPerson;
  readonly onDone: (d: Done) => void;
  readonly onAnother: () => void;
}) {
  const { motion } = view;
  const households = motion.body === 'households';
  const [choices, setChoices] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cast = () => {
    if (busy) return;
    const problem = choiceProblem(motion, choices);
    setError(problem);
    if (problem) return;
    setBusy(true);
    call('votes.castAssisted', { motionId: motion.id, electorId: electorIdOf(view, person), choices })
      .then((r) => onDone({ name: person.name, receipt: r.receipt }))
      .catch((e: unknown) => {
        const err = errorOf(e);
        setError(refusal(err.code, err.message, person, households));
      })
      .finally(() => setBusy(false));
  };
  return (
    <View className='assist-ballot'>
      <Text className='xz-text assist-ballot__who'>
        替 {person.name}（户号 {person.householdCode}）投票
      </Text>
      {households ? (
        <Text className='xz-muted'>这次按户表决：这一票算户号 {person.householdCode} 这一户的。</Text>
      ) : null}
      <Text className='xz-muted'>{motion.question}</Text>
      {choiceRuleText(motion) ? <Text className='xz-muted'>{choiceRuleText(motion)}</Text> : null}
      <VoteOptions
        options={motion.options}
        pickMany={motion.kind === 'multiple'}
        selected={choices}
        onPick={(id) => setChoices(toggleChoice(motion, choices, id))}
      />
      {error ? <Text className='xz-text xz-error assist-error'>没有投成：{error}</Text> : null}
      <View className='xz-actions'>
        <View className={`xz-button assist-cast${busy ? ' xz-button--disabled' : ''}`} onClick={cast}>
          {busy ? '正在投…' : '确认代投'}
        </View>
        <View className='xz-button xz-button--quiet' onClick={onAnother}>
          换一个人
        </View>
      </View>
    </View>
  );
}

/**
 * 代为投票: a villager is here in person but cannot use a phone; a committee member finds them on
 * the roster and taps what they say. Who recorded it goes on the record, the choice does not.
 */
export default function AssistedVote({
  motionId,
  onVoted,
}: {
  readonly motionId: string;
  readonly onVoted: () => void;
}) {
  const loaded = useLoad(() => call('votes.get', { motionId }), `assist|${motionId}`);
  const [person, setPerson] = useState<RosterPerson | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  return (
    <View className='assist'>
      <Text className='xz-text'>本人到场才能代投：请本人当面说出选择，您替他点。谁代投的会记进操作记录。</Text>
      {loaded.status === 'ready' && loaded.data.motion.mode === 'secret' ? (
        <Text className='xz-muted'>这是不记名投票：本人选了什么，请不要告诉别人。</Text>
      ) : null}
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'error' ? <ErrorView message={loaded.message} onRetry={loaded.reload} /> : null}
      {done ? (
        <View className='assist-done'>
          <Text className='xz-banner xz-banner--ok assist-done__text'>
            ✓ 已替 {done.name} 投好。回执码 {done.receipt}，请抄给本人留着。
          </Text>
          <View
            className='xz-button xz-button--plain'
            onClick={() => {
              setDone(null);
              setPerson(null);
            }}
          >
            再替一位代投
          </View>
        </View>
      ) : null}
      {!done && loaded.status === 'ready' && person ? (
        <Ballot
          view={loaded.data}
          person={person}
          onAnother={() => setPerson(null)}
          onDone={(d) => {
            setDone(d);
            onVoted();
          }}
        />
      ) : null}
      {!done && !person ? <Search onPick={setPerson} /> : null}
    </View>
  );
}
