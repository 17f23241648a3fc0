import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { auditActionLabel, describeChange } from '../../utils/audit';
import { formatTime } from '../../utils/format';

export type AuditEntryView = OutputOf<ActionByName<'members.auditLog'>>['items'][number];

/** One line of the log: when, who, what, before → after, and why. */
export default function AuditEntry({ entry }: { readonly entry: AuditEntryView }) {
  return (
    <View className='xz-card audit-entry'>
      <Text className='xz-text audit-entry__what'>
        {auditActionLabel(entry.action)} · {entry.actorName}
      </Text>
      <Text className='xz-muted'>
        {formatTime(entry.at)} · 第 {entry.seq} 条
      </Text>
      {describeChange(entry.before, entry.after).map((line) => (
        <Text key={line} className='xz-text'>
          {line}
        </Text>
      ))}
      {entry.reason ? <Text className='xz-text'>理由：{entry.reason}</Text> : null}
    </View>
  );
}
