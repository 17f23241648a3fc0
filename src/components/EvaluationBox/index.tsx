import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import type { Action } from '../../hooks/useAction';
import { formatTime } from '../../utils/format';
import { STAR_WORDS } from '../../utils/matter';
import ActionNote from '../ActionNote';
import TextField from '../TextField';
import './index.scss';

type Evaluation = NonNullable<OutputOf<ActionByName<'matters.get'>>['evaluation']>;
const STARS = [5, 4, 3, 2, 1] as const;

/**
 * 民评: the published score (average, and how many gave each number of stars, in numbers and words),
 * and, while the caller may rate, five big buttons and an optional few words.
 */
export default function EvaluationBox({
  evaluation,
  canRate,
  action,
  onRate,
}: {
  readonly evaluation: Evaluation;
  readonly canRate: boolean;
  readonly action: Action;
  readonly onRate: (stars: 1 | 2 | 3 | 4 | 5, comment: string) => void;
}) {
  const [stars, setStars] = useState<1 | 2 | 3 | 4 | 5 | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const s = evaluation.summary;

  const submit = () => {
    if (action.busy) return;
    if (stars === null) return setProblem('请先点一个，打几颗星');
    setProblem(null);
    onRate(stars, comment.trim());
  };

  return (
    <View className='xz-card evaluation'>
      <Text className='xz-label'>大家的评价</Text>
      <Text className='xz-text evaluation__average'>
        {s.average === null ? '还没有人打分' : `平均 ${s.average} 分（满分5分），${s.count} 人打了分`}
      </Text>
      {STARS.map((n) => (
        <View key={n} className='evaluation__row'>
          <Text className='xz-text evaluation__row-label'>
            {n}星 {STAR_WORDS[n]}
          </Text>
          <View className='evaluation__bar'>
            <View
              className='evaluation__fill'
              style={{ width: s.count > 0 ? `${Math.round((100 * s.distribution[n]) / s.count)}%` : '0%' }}
            />
          </View>
          <Text className='xz-text evaluation__row-count'>{s.distribution[n]} 人</Text>
        </View>
      ))}
      <Text className='xz-muted evaluation__window'>
        {evaluation.open ? `打分到 ${formatTime(evaluation.endsAt)} 为止` : '打分已经结束，分数不再变'}
      </Text>
      {evaluation.myStars !== null ? (
        <Text className='xz-text evaluation__mine'>
          ✓ 您打了 {evaluation.myStars} 星（{STAR_WORDS[evaluation.myStars as 1 | 2 | 3 | 4 | 5]}）
        </Text>
      ) : null}
      {canRate ? (
        <View className='evaluation__form'>
          <Text className='xz-label'>您觉得办得怎么样？点一个：</Text>
          {STARS.map((n) => (
            <View
              key={n}
              className={`xz-button xz-button--plain evaluation__star${stars === n ? ' evaluation__star--on' : ''}`}
              onClick={() => setStars(n)}
            >
              {stars === n ? '✓ ' : ''}
              {'★'.repeat(n)} {n}星 {STAR_WORDS[n]}
            </View>
          ))}
          <TextField
            label='想说几句（可以不写）'
            multiline
            className='evaluation__comment'
            value={comment}
            maxlength={200}
            placeholder='比如：修得快，灯也亮'
            onChange={setComment}
          />
          {problem ? <Text className='xz-text xz-error'>{problem}</Text> : null}
          <View className={`xz-button evaluation__submit${action.busy ? ' xz-button--disabled' : ''}`} onClick={submit}>
            {action.busy ? '正在提交…' : '交上我的评价'}
          </View>
        </View>
      ) : null}
      <ActionNote action={action} />
    </View>
  );
}
