import { Text, View } from '@tarojs/components';
import type { MotionOption } from '../../utils/votes';
import './index.scss';

/**
 * One bar per option with its number written beside it: the bars help the eye, the numbers and
 * the words (通过的一项) carry the meaning, so nothing rests on colour or length alone.
 */
export default function VoteBars({
  options,
  counts,
  turnout,
  passedOptionIds,
}: {
  readonly options: readonly MotionOption[];
  readonly counts: Readonly<Record<string, number>>;
  /** Those who took part: each bar's share is of them. */
  readonly turnout: number;
  readonly passedOptionIds: readonly string[];
}) {
  return (
    <View className='vote-bars'>
      {options.map((o) => {
        const n = counts[o.id] ?? 0;
        const share = turnout > 0 ? Math.round((100 * n) / turnout) : 0;
        const passed = passedOptionIds.includes(o.id);
        return (
          <View key={o.id} className='vote-bar' data-option={o.id}>
            <View className='vote-bar__head'>
              <Text className='vote-bar__label'>
                {o.label}
                {passed ? '（✓ 通过）' : ''}
              </Text>
              <Text className='vote-bar__count'>{n} 票</Text>
            </View>
            <View className='vote-bar__track'>
              <View className='vote-bar__fill' style={{ width: `${share}%` }} />
            </View>
            <Text className='vote-bar__share'>占参加的 {share}%</Text>
          </View>
        );
      })}
    </View>
  );
}
