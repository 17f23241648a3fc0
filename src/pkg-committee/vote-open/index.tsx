import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CATEGORIES, isMatterCategory, MATTER_CATEGORIES, type MatterCategory } from '../../../core/categories';
import { BODIES, BODY_DEFS, type Body } from '../../../core/votes/bodies';
import { bodyAllowedFor } from '../../../core/votes/eligibility';
import { isMotionKind, KINDS, MAX_WRITTEN_OPTIONS, MOTION_KINDS, type MotionKind } from '../../../core/votes/kinds';
import { NOTICE_DAYS, NOTICE_MS } from '../../../core/votes/window';
import ChoiceList from '../../components/ChoiceList';
import ConsoleGate from '../../components/ConsoleGate';
import DateTimeField from '../../components/DateTimeField';
import PageFrame from '../../components/PageFrame';
import TextField from '../../components/TextField';
import { useConsole } from '../../hooks/useConsole';
import { call, errorOf } from '../../services/api';
import { formatTime } from '../../utils/format';
import { addDays, beijingDate, fromBeijing, MODE_WORDS, voteUrl, type Motion } from '../../utils/votes';
import './index.scss';

type Mode = 'secret' | 'open';

/** Ten days and a morning from now, at 9 o'clock: a start that always meets the notice rule. */
function defaultOpening(now: number): number {
  return fromBeijing(beijingDate(addDays(now, NOTICE_DAYS + 1)), '09:00') ?? addDays(now, NOTICE_DAYS + 1);
}

function defaultClosing(opensAt: number): number {
  return fromBeijing(beijingDate(addDays(opensAt, 3)), '18:00') ?? addDays(opensAt, 3);
}

interface Draft {
  readonly question: string;
  readonly kind: MotionKind;
  readonly options: readonly string[];
  readonly minChoices: number;
  readonly maxChoices: number;
  readonly body: Body;
  readonly category: MatterCategory;
  readonly mode: Mode;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly urgent: boolean;
  readonly reason: string;
}

/** What must be fixed before asking the server, in words; the server checks everything again. */
function problemOf(d: Draft, now: number): string | null {
  if (d.question.trim().length < 2) return '请写上要大家表决的问题，至少两个字';
  if (d.kind !== 'yesNo') {
    const labels = d.options.map((o) => o.trim());
    if (labels.length < 2) return '至少要写两个选项';
    if (labels.some((l) => l === '')) return '有一个选项是空的，请写上或者删掉';
    if (new Set(labels).size !== labels.length) return '有两个选项写得一模一样';
    if (d.kind === 'multiple' && !(d.minChoices <= d.maxChoices && d.maxChoices <= labels.length))
      return '“最少选几项”不能比“最多选几项”多，也不能比选项还多';
  }
  if (d.opensAt <= now) return '开始投票的时间已经过去了，请往后改';
  if (d.closesAt <= d.opensAt) return '结束时间要在开始时间之后';
  if (d.urgent && d.reason.trim() === '') return '紧急表决要写明为什么紧急';
  return null;
}

function inputOf(d: Draft) {
  return {
    question: d.question.trim(),
    kind: d.kind,
    body: d.body,
    category: d.category,
    mode: d.mode,
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    ...(d.kind !== 'yesNo' ? { options: d.options.map((o) => o.trim()) } : {}),
    ...(d.kind === 'multiple' ? { minChoices: d.minChoices, maxChoices: d.maxChoices } : {}),
    ...(d.urgent ? { urgent: true, urgentReason: d.reason.trim() } : {}),
  };
}

function Options({ draft, set }: { readonly draft: Draft; readonly set: (patch: Partial<Draft>) => void }) {
  const { options } = draft;
  const numbers = options.map((_, i) => ({ id: String(i + 1), label: `${i + 1} 项` }));
  return (
    <View className='open-options'>
      <Text className='xz-label'>写上选项</Text>
      <Text className='xz-muted'>“弃权”会自动加上，不用写。</Text>
      {options.map((o, i) => (
        <View key={i} className='open-option'>
          <Input
            className='xz-input open-option__input'
            value={o}
            maxlength={60}
            placeholder={`第 ${i + 1} 个选项`}
            onInput={(e) => set({ options: options.map((x, j) => (j === i ? e.detail.value : x)) })}
          />
          {options.length > 2 ? (
            <View
              className='xz-button xz-button--quiet'
              onClick={() => set({ options: options.filter((_, j) => j !== i) })}
            >
              删掉
            </View>
          ) : null}
        </View>
      ))}
      {options.length < MAX_WRITTEN_OPTIONS ? (
        <View
          className='xz-button xz-button--plain open-option__add'
          onClick={() => set({ options: [...options, ''] })}
        >
          加一个选项
        </View>
      ) : null}
      {draft.kind === 'multiple' ? (
        <View>
          <Text className='xz-label'>每人最少选几项</Text>
          <ChoiceList
            choices={numbers}
            selected={String(draft.minChoices)}
            onPick={(id) => set({ minChoices: Number(id) })}
          />
          <Text className='xz-label'>每人最多选几项</Text>
          <ChoiceList
            choices={numbers}
            selected={String(draft.maxChoices)}
            onPick={(id) => set({ maxChoices: Number(id) })}
          />
        </View>
      ) : null}
    </View>
  );
}

/** Which assembly decides, each with the law's rule in words, and a word where the law forbids it. */
function Bodies({ draft, set }: { readonly draft: Draft; readonly set: (patch: Partial<Draft>) => void }) {
  return (
    <View className='open-bodies'>
      <Text className='xz-label'>由哪个会表决</Text>
      {BODIES.map((b) => {
        const on = draft.body === b;
        return (
          <View key={b} className={`open-pick open-body${on ? ' open-pick--on' : ''}`} onClick={() => set({ body: b })}>
            <Text className='open-pick__name'>
              {on ? '✓ ' : ''}
              {BODY_DEFS[b].name}
              {on ? '（已选）' : ''}
            </Text>
            <Text className='open-pick__rule'>{BODY_DEFS[b].description}</Text>
            {!bodyAllowedFor(draft.category, b) ? (
              <Text className='open-pick__no'>按法律，“{CATEGORIES[draft.category].label}”不能由它表决</Text>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}

function Schedule({
  draft,
  now,
  set,
}: {
  readonly draft: Draft;
  readonly now: number;
  readonly set: (patch: Partial<Draft>) => void;
}) {
  const earliest = now + NOTICE_MS;
  return (
    <View className='open-schedule'>
      <Text className='xz-text open-notice'>
        按法律，表决要提前 {NOTICE_DAYS} 天公告。今天发起，最早 {formatTime(earliest)} 才能开始投票。
      </Text>
      <DateTimeField
        label='什么时候开始投票'
        className='open-opens'
        value={draft.opensAt}
        start={beijingDate(now)}
        onChange={(opensAt) => set({ opensAt })}
      />
      <DateTimeField
        label='什么时候结束投票'
        className='open-closes'
        value={draft.closesAt}
        start={beijingDate(now)}
        onChange={(closesAt) => set({ closesAt })}
      />
      {!draft.urgent && draft.opensAt < earliest ? (
        <Text className='xz-text xz-error open-notice__short'>
          开始时间离现在不满 {NOTICE_DAYS} 天。不是紧急的事，请把开始时间往后推。
        </Text>
      ) : null}
      <View
        className={`open-switch open-urgent${draft.urgent ? ' open-switch--on' : ''}`}
        onClick={() => set({ urgent: !draft.urgent })}
      >
        <Text className='xz-text'>紧急表决（不等 {NOTICE_DAYS} 天）</Text>
        <Text className='open-switch__state'>{draft.urgent ? '✓ 是' : '否'}</Text>
      </View>
      {draft.urgent ? (
        <View className='open-reason'>
          <TextField
            label='为什么紧急（必须写，会和表决一起公开）'
            multiline
            className='open-reason__input'
            value={draft.reason}
            maxlength={200}
            placeholder='比如：汛期前必须修好河堤，等不了十天'
            onChange={(v) => set({ reason: v })}
          />
        </View>
      ) : (
        <Text className='xz-muted'>
          紧急的事可以不等 {NOTICE_DAYS} 天，但必须写明理由，理由会公开，也记进操作记录。
        </Text>
      )}
    </View>
  );
}

function Opened({ motion }: { readonly motion: Motion }) {
  return (
    <View className='xz-card open-done'>
      <Text className='xz-banner xz-banner--ok open-done__banner'>✓ 表决已经发起，名册已经定下</Text>
      <Text className='xz-text'>{motion.question}</Text>
      <Text className='xz-text'>
        投票时间：{formatTime(motion.opensAt)} 到 {formatTime(motion.closesAt)}
      </Text>
      <Text className='xz-text'>
        {BODY_DEFS[motion.body].name}，名册上共 {motion.electorateSize} {motion.body === 'households' ? '户' : '人'}
      </Text>
      <Text className='xz-muted'>{motion.ruleText}</Text>
      <View
        className='xz-button open-done__view'
        onClick={() => void Taro.redirectTo({ url: voteUrl('detail', motion.id) })}
      >
        看这项表决
      </View>
      <View className='xz-button xz-button--quiet' onClick={() => void Taro.navigateBack()}>
        回到表决列表
      </View>
    </View>
  );
}

/** 发起表决: the question, its options, which assembly and its rule, the window and the notice. */
export default function VoteOpen() {
  const access = useConsole('committee');
  const [now] = useState(() => Date.now());
  const [draft, setDraft] = useState<Draft>(() => {
    const opensAt = defaultOpening(now);
    return {
      question: '',
      kind: 'yesNo',
      options: ['', ''],
      minChoices: 1,
      maxChoices: 2,
      body: 'adults',
      category: 'general',
      mode: 'secret',
      opensAt,
      closesAt: defaultClosing(opensAt),
      urgent: false,
      reason: '',
    };
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Motion | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = () => {
    if (busy) return;
    const problem = problemOf(draft, Date.now());
    setError(problem);
    if (problem) return;
    setBusy(true);
    call('votes.open', inputOf(draft))
      .then(setOpened)
      .catch((e: unknown) => setError(errorOf(e).message))
      .finally(() => setBusy(false));
  };

  return (
    <PageFrame>
      <ConsoleGate title='发起表决' access={access}>
        {opened ? <Opened motion={opened} /> : null}
        {!opened ? (
          <View className='xz-card open-form'>
            <TextField
              label='要大家表决的问题'
              multiline
              className='open-question'
              value={draft.question}
              maxlength={200}
              placeholder='比如：村东头的路要不要用集体的钱修？'
              onChange={(v) => set({ question: v })}
            />
            <Text className='xz-label'>怎么选</Text>
            <ChoiceList
              choices={MOTION_KINDS.map((k) => ({ id: k, label: KINDS[k].label }))}
              selected={draft.kind}
              onPick={(id) => (isMotionKind(id) ? set({ kind: id }) : undefined)}
            />
            {draft.kind === 'yesNo' ? (
              <Text className='xz-muted'>选项是：同意、反对、弃权。</Text>
            ) : (
              <Options draft={draft} set={set} />
            )}
            <Text className='xz-label'>这件事属于哪一类</Text>
            <ChoiceList
              choices={MATTER_CATEGORIES.map((c) => ({ id: c, label: CATEGORIES[c].label }))}
              selected={draft.category}
              onPick={(id) => (isMatterCategory(id) ? set({ category: id }) : undefined)}
            />
            <Bodies draft={draft} set={set} />
            <Text className='xz-label'>记名还是不记名</Text>
            <ChoiceList
              choices={(['secret', 'open'] as const).map((m) => ({
                id: m,
                label: `${MODE_WORDS[m].name}：${MODE_WORDS[m].hint}`,
              }))}
              selected={draft.mode}
              onPick={(id) => set({ mode: id === 'open' ? 'open' : 'secret' })}
            />
            <Schedule draft={draft} now={now} set={set} />
            {error ? <Text className='xz-text xz-error open-error'>没有发起：{error}</Text> : null}
            <View className={`xz-button open-submit${busy ? ' xz-button--disabled' : ''}`} onClick={submit}>
              {busy ? '正在发起…' : '发起表决'}
            </View>
            <Text className='xz-muted'>发起后，按花名册定下这次能投票的名单，以后花名册再变也不影响这次。</Text>
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
