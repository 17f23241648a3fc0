import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { formatTime } from '../../utils/format';
import { formatDate } from '../../utils/matter';
import PhotoList from '../PhotoList';

export type Meeting = OutputOf<ActionByName<'matters.meetings'>>[number];

/** 议事协商会: each meeting's date, place, how many came, the minutes and what was agreed. */
export default function MeetingList({ meetings }: { readonly meetings: readonly Meeting[] }) {
  if (meetings.length === 0) return null;
  return (
    <View className='xz-card meeting-list'>
      <Text className='xz-label'>议事协商会</Text>
      {meetings.map((m) => (
        <View key={m.id} className='meeting-list__item'>
          <Text className='xz-text meeting-list__head'>
            {formatDate(m.heldAt)} · {m.place} · {m.attendees} 人到会
          </Text>
          <Text className='xz-text'>会议记录：{m.minutes}</Text>
          <Text className='xz-text meeting-list__outcome'>商量的结果：{m.outcome}</Text>
          <PhotoList ids={m.photos} />
          <Text className='xz-muted'>
            {m.recordedByName} 记录 · {formatTime(m.recordedAt)}
          </Text>
        </View>
      ))}
    </View>
  );
}
