import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Stage, StripStatus } from '../../../core/matter/states';
import './index.scss';

/** One step of the strip, as the matter view sends it (core/matter/states.ts stageStrip). */
export interface StageStep {
  readonly stage: Stage;
  readonly label: string;
  readonly short: string;
  readonly status: StripStatus;
}

export interface StageStripProps {
  readonly steps?: readonly StageStep[];
  /** Where the matter stands, in words (the view's stateLabel), said under the strip. */
  readonly stateLabel?: string;
  /** In a list card: smaller, and not tappable (the card itself opens the matter). */
  readonly compact?: boolean;
}

/** Each status in words and a mark, so colour is never the only signal. */
const STATUS: Readonly<Record<StripStatus, { readonly mark: string; readonly word: string }>> = {
  done: { mark: '✓', word: '已完成' },
  current: { mark: '●', word: '进行中' },
  upcoming: { mark: '○', word: '还没到' },
  stopped: { mark: '✗', word: '已停止' },
  never: { mark: '－', word: '不进行' },
};

const ABOUT: Readonly<Record<Stage, string>> = {
  raise: '村民提出一件事，别人可以附议，村两委来受理。',
  deliberate: '大家留言说赞成还是反对，村里开议事协商会商量。',
  decide: '按法律交村民会议、户代表会议或村民代表会议投票表决。',
  carryOut: '定下负责人去办，负责人报进度、拍照片。',
  evaluate: '办完以后大家打分（1到5颗星），分数公开。',
};

function summary(steps: readonly StageStep[], stateLabel: string | undefined): string {
  const tail = stateLabel ? `：${stateLabel}` : '';
  const stopped = steps.find((s) => s.status === 'stopped');
  if (stopped) return `停在了“${stopped.label}”这一步${tail}`;
  const current = steps.find((s) => s.status === 'current');
  if (current) return `现在在“${current.label}”这一步${tail}`;
  if (steps.length > 0 && steps.every((s) => s.status === 'done')) return `五步都走完了${tail}`;
  return stateLabel ?? '';
}

/**
 * The five-citizen method (民提 → 民议 → 民决 → 民办 → 民评) as a strip: where a matter is, what is
 * behind it, and where it stopped. Small and dumb: everything comes in as props. Tapping a step
 * says what happens in it.
 */
export default function StageStrip({ steps = [], stateLabel, compact = false }: StageStripProps) {
  const [open, setOpen] = useState<Stage | null>(null);
  const opened = open ? steps.find((s) => s.stage === open) : undefined;
  return (
    <View className={`stage-strip${compact ? ' stage-strip--compact' : ''}`}>
      <View className='stage-strip__row'>
        {steps.map((s) => (
          <View
            key={s.stage}
            className={`stage-strip__step stage-strip__step--${s.status}${open === s.stage ? ' stage-strip__step--open' : ''}`}
            onClick={compact ? undefined : () => setOpen(open === s.stage ? null : s.stage)}
          >
            <Text className='stage-strip__short'>
              {STATUS[s.status].mark}
              {s.short}
            </Text>
            <Text className='stage-strip__word'>{STATUS[s.status].word}</Text>
          </View>
        ))}
      </View>
      <Text className='stage-strip__summary'>{summary(steps, stateLabel)}</Text>
      {opened ? (
        <Text className='stage-strip__about'>
          {opened.label}（{STATUS[opened.status].word}）：{ABOUT[opened.stage]}
        </Text>
      ) : null}
    </View>
  );
}
