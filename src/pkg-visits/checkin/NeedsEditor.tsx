import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { NEED_CATEGORIES, NEED_CATEGORY_LABELS, URGENCY_LABELS, type Urgency } from '../../../core/visits/needs';
import ChoiceList from '../../components/ChoiceList';
import type { NeedDraft } from '../../services/outbox';
import TextField from '../../components/TextField';

export interface OwnerChoice {
  readonly id: string;
  readonly label: string;
}

const ME = 'me';

/**
 * 诉求 found on the visit: each with a category, how urgent, what is asked, and who follows it up
 * (the member by default). Added one at a time on the page; no pop-ups.
 */
export default function NeedsEditor({
  needs,
  owners,
  onChange,
}: {
  readonly needs: readonly NeedDraft[];
  readonly owners: readonly OwnerChoice[];
  readonly onChange: (needs: NeedDraft[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState(ME);
  const [problem, setProblem] = useState<string | null>(null);
  const ownerName = (id: string | undefined) => owners.find((o) => o.id === id)?.label ?? '我';

  const add = () => {
    if (!category) return setProblem('请选一个类别');
    if (text.trim().length < 2) return setProblem('请写清楚要办什么事，至少两个字');
    onChange([
      ...needs,
      {
        category,
        urgency,
        text: text.trim(),
        ...(owner !== ME ? { ownerId: owner } : {}),
      },
    ]);
    setOpen(false);
    setCategory(undefined);
    setUrgency('normal');
    setText('');
    setOwner(ME);
    setProblem(null);
  };

  return (
    <View className='xz-card visits-needs'>
      <Text className='xz-label'>发现的诉求（{needs.length}条）</Text>
      {needs.map((n, i) => (
        <View key={i} className='visits-need'>
          <Text className='xz-text'>
            {i + 1}. {n.text}
          </Text>
          <Text className='xz-muted'>
            {NEED_CATEGORY_LABELS[n.category as keyof typeof NEED_CATEGORY_LABELS] ?? n.category} ·{' '}
            {URGENCY_LABELS[n.urgency]} · 负责人：{ownerName(n.ownerId)}
          </Text>
          <View className='xz-button xz-button--quiet' onClick={() => onChange(needs.filter((_, j) => j !== i))}>
            删掉第{i + 1}条
          </View>
        </View>
      ))}
      {!open && needs.length < 10 ? (
        <View className='xz-button xz-button--plain visits-needs__add' onClick={() => setOpen(true)}>
          记一条诉求
        </View>
      ) : null}
      {open ? (
        <View className='visits-needs__form'>
          <Text className='xz-label'>什么事</Text>
          <ChoiceList
            choices={NEED_CATEGORIES.map((c) => ({ id: c, label: NEED_CATEGORY_LABELS[c] }))}
            selected={category}
            onPick={setCategory}
          />
          <Text className='xz-label'>急不急</Text>
          <ChoiceList
            choices={(['normal', 'urgent'] as const).map((u) => ({ id: u, label: URGENCY_LABELS[u] }))}
            selected={urgency}
            onPick={(u) => setUrgency(u === 'urgent' ? 'urgent' : 'normal')}
          />
          <TextField
            label='要办什么'
            multiline
            className='visits-needs__text'
            value={text}
            maxlength={500}
            placeholder='比如：屋顶漏雨，想请村里帮忙修'
            onChange={setText}
          />
          <Text className='xz-label'>谁来跟进</Text>
          <ChoiceList choices={[{ id: ME, label: '我来跟进' }, ...owners]} selected={owner} onPick={setOwner} />
          <Text className='xz-muted'>以后村两委可以换负责人。</Text>
          {problem ? <Text className='xz-text xz-error'>{problem}</Text> : null}
          <View className='xz-actions'>
            <View className='xz-button visits-needs__save' onClick={add}>
              加上这条
            </View>
            <View className='xz-button xz-button--quiet' onClick={() => setOpen(false)}>
              先不记
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
