import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatTime } from '../../utils/format';
import { TIMELINE_LABELS } from '../../utils/matter';

export type TimelineEntry = OutputOf<ActionByName<'matters.timeline'>>['items'][number];

/** Every step of a matter, oldest first: when, what, who (or 系统自动 for a count or a timer), and why. */
export default function MatterTimeline({
  entries,
  more,
  busy,
  onMore,
}: {
  readonly entries: readonly TimelineEntry[];
  readonly more: boolean;
  readonly busy: boolean;
  readonly onMore: () => void;
}) {
  return (
    <View className='xz-card matter-timeline'>
      <Text className='xz-label'>这件事的每一步（公开）</Text>
      {entries.map((e, i) => (
        <View key={e.id} className='matter-timeline__entry'>
          <Text className='xz-text matter-timeline__what'>
            {i + 1}. {TIMELINE_LABELS[e.kind]}
          </Text>
          <Text className='xz-muted matter-timeline__who'>
            {e.byName ?? '系统自动'} · {formatTime(e.at)}
          </Text>
          {e.text ? <Text className='xz-text matter-timeline__text'>{e.text}</Text> : null}
        </View>
      ))}
      {more ? (
        <View className={`xz-button xz-button--quiet${busy ? ' xz-button--disabled' : ''}`} onClick={onMore}>
          {busy ? '正在加载…' : '再往后看'}
        </View>
      ) : null}
    </View>
  );
}
