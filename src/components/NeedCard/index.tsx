import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import type { Role } from '../../../core/roles';
import { mayCloseOut, mayEscalate } from '../../../core/visits/needs';
import { useAction } from '../../hooks/useAction';
import { call } from '../../services/api';
import TextField from '../TextField';
import './index.scss';

export type NeedView = OutputOf<ActionByName<'visits.closeOutNeed'>>;

const KIND_WORDS: Readonly<Record<NeedView['history'][number]['kind'], string>> = {
  raised: '记下',
  updated: '改了',
  escalated: '上报',
  climbed: '到期没办完，自动往上报',
  closedOut: '销号',
  toMatter: '转为议事',
};

function day(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

function stateText(n: NeedView): string {
  if (n.state === 'closed') return '✓ 已销号';
  if (n.state === 'overdue') return `! ${n.levelLabel}，已过期限`;
  return `${n.levelLabel}，还有${n.daysLeft}天`;
}

type Panel = 'none' | 'escalate' | 'closeOut';

/**
 * One need (诉求): what, whose household, at which step of the chain and its deadline, in words; and
 * the steps the viewer may take on it: 上报 (with a reason), 销号 (with what was done), 转为议事 (one
 * tap; the matter and the need keep each other's link). The server checks every step again.
 */
export default function NeedCard({
  need,
  roles,
  myName,
  onChanged,
}: {
  readonly need: NeedView;
  readonly roles: readonly Role[];
  readonly myName: string;
  readonly onChanged: (n: NeedView) => void;
}) {
  const [panel, setPanel] = useState<Panel>('none');
  const [text, setText] = useState('');
  const act = useAction();
  const open = need.state !== 'closed';
  const isOwner = need.ownerName !== null && need.ownerName === myName;
  const canEscalate = open && mayEscalate(roles, need.level);
  const canClose = open && mayCloseOut(roles, need.level, isOwner);
  const canMatter = open && need.matterId === null && (roles.includes('partyMember') || roles.includes('committee'));

  const submit = () => {
    const t = text.trim();
    if (t.length < 2) return;
    if (panel === 'escalate')
      act.run(
        () => call('visits.escalateNeed', { needId: need.id, reason: t }),
        (n) => `已上报：现在是${n.levelLabel}`,
        (n) => {
          setPanel('none');
          setText('');
          onChanged(n);
        },
      );
    if (panel === 'closeOut')
      act.run(
        () => call('visits.closeOutNeed', { needId: need.id, text: t }),
        '已销号',
        (n) => {
          setPanel('none');
          setText('');
          onChanged(n);
        },
      );
  };

  const toMatter = () =>
    act.run(
      () => call('visits.needToMatter', { needId: need.id }),
      '已转为议事，村里人都能看到这件事',
      (r) => onChanged(r.need),
    );

  const label = panel === 'escalate' ? '为什么要上报' : '办了什么（销号后村民能看到）';
  return (
    <View className={`xz-card need-card need-card--${need.state}`}>
      <Text className='xz-text need-card__what'>{need.text}</Text>
      <Text className='xz-muted'>
        {need.categoryLabel}
        {need.urgency === 'urgent' ? ' · 紧急' : ''} · 户号 {need.householdCode}
      </Text>
      <Text className='xz-text need-card__state'>{stateText(need)}</Text>
      <Text className='xz-muted'>
        负责人：{need.ownerName ?? '还没定'} · {need.raisedByName} {day(need.createdAt)} 记下
      </Text>
      {need.closeOut ? (
        <Text className='xz-text need-card__done'>
          办了什么：{need.closeOut.text}（{need.closeOut.byName} {day(need.closeOut.at)} 销号）
        </Text>
      ) : null}
      {need.history.length > 1 ? (
        <View className='need-card__history'>
          {need.history.map((h, i) => (
            <Text key={i} className='xz-muted'>
              {day(h.at)} {KIND_WORDS[h.kind]}
              {h.byName ? `（${h.byName}）` : ''}
              {h.text ? `：${h.text}` : ''}
            </Text>
          ))}
        </View>
      ) : null}
      {need.matterId ? (
        <View
          className='xz-button xz-button--plain need-card__matter'
          onClick={() =>
            void Taro.navigateTo({ url: `/pages/matter/index?id=${encodeURIComponent(need.matterId ?? '')}` })
          }
        >
          去看转成的议事
        </View>
      ) : null}
      {panel === 'none' && (canEscalate || canClose || canMatter) ? (
        <View className='xz-actions need-card__actions'>
          {canEscalate ? (
            <View className='xz-button xz-button--plain need-card__escalate' onClick={() => setPanel('escalate')}>
              上报
            </View>
          ) : null}
          {canClose ? (
            <View className='xz-button need-card__close' onClick={() => setPanel('closeOut')}>
              销号
            </View>
          ) : null}
          {canMatter ? (
            <View
              className={`xz-button xz-button--plain need-card__to-matter${act.busy ? ' xz-button--disabled' : ''}`}
              onClick={toMatter}
            >
              转为议事
            </View>
          ) : null}
        </View>
      ) : null}
      {panel !== 'none' ? (
        <View className='need-card__panel'>
          <TextField
            label={label}
            multiline
            className='need-card__input'
            value={text}
            maxlength={panel === 'escalate' ? 200 : 500}
            onChange={setText}
          />
          {text.trim().length > 0 && text.trim().length < 2 ? (
            <Text className='xz-text xz-error'>请写清楚一点，至少两个字</Text>
          ) : null}
          <View className='xz-actions'>
            <View
              className={`xz-button need-card__confirm${act.busy || text.trim().length < 2 ? ' xz-button--disabled' : ''}`}
              onClick={submit}
            >
              {act.busy ? '正在提交…' : panel === 'escalate' ? '确定上报' : '确定销号'}
            </View>
            <View className='xz-button xz-button--quiet' onClick={() => setPanel('none')}>
              先不了
            </View>
          </View>
        </View>
      ) : null}
      {act.done ? <Text className='xz-banner xz-banner--ok need-card__note'>{act.done}</Text> : null}
      {act.error ? <Text className='xz-text xz-error need-card__error'>{act.error}</Text> : null}
    </View>
  );
}
