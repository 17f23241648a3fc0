import { Text, View } from '@tarojs/components';
import type { OutboxEntry, SentNote } from '../../services/outbox';
import './index.scss';

function when(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/**
 * 还没发出去的走访: what this phone still holds, with a count in words, each one's household, when it
 * was saved and why it has not gone yet. A refused one can be sent again or deleted; nothing else is
 * ever dropped. The last few that got through are listed too, so the member sees where one went.
 */
export default function VisitOutbox({
  entries,
  sent,
  online,
  busy,
  onSend,
  onRetry,
  onDiscard,
}: {
  readonly entries: readonly OutboxEntry[];
  readonly sent: readonly SentNote[];
  readonly online: boolean;
  readonly busy: boolean;
  readonly onSend: () => void;
  readonly onRetry: (clientId: string) => void;
  readonly onDiscard: (clientId: string) => void;
}) {
  return (
    <View className='xz-card visit-outbox'>
      <Text className='xz-text visit-outbox__title'>
        还没发出去的走访：<Text className='visit-outbox__count'>{entries.length}</Text> 条
      </Text>
      {!online ? (
        <Text className='xz-banner xz-banner--wait visit-outbox__offline'>
          现在没有网络。走访先存在手机上，有网了会自动发出去。
        </Text>
      ) : null}
      {entries.length === 0 ? <Text className='xz-muted'>手机上没有等着发的走访。</Text> : null}
      {entries.map((e) => (
        <View key={e.clientId} className='visit-outbox__item'>
          <Text className='xz-text'>
            户号 {e.householdCode} · {when(e.draft.start.at)} 走访
          </Text>
          <Text className='xz-muted'>
            {when(e.savedAt)} 存在手机上
            {e.draft.needs.length > 0 ? ` · ${e.draft.needs.length}条诉求` : ''}
            {e.photos.start.length + e.photos.end.length > 0
              ? ` · ${e.photos.start.length + e.photos.end.length}张照片`
              : ''}
          </Text>
          {e.lastError ? (
            <Text className={`xz-text ${e.refused ? 'xz-error' : 'visit-outbox__why'}`}>
              {e.refused ? '没有被收下：' : '还没发出去：'}
              {e.lastError}
            </Text>
          ) : null}
          {e.refused ? (
            <View className='xz-actions'>
              <View className='xz-button xz-button--plain' onClick={() => onRetry(e.clientId)}>
                再发一次
              </View>
              <View className='xz-button xz-button--quiet' onClick={() => onDiscard(e.clientId)}>
                删掉这条
              </View>
            </View>
          ) : null}
        </View>
      ))}
      {entries.some((e) => !e.refused) ? (
        <View className={`xz-button visit-outbox__send${busy ? ' xz-button--disabled' : ''}`} onClick={onSend}>
          {busy ? '正在发…' : '现在发出去'}
        </View>
      ) : null}
      {sent.length > 0 ? (
        <View className='visit-outbox__sent'>
          <Text className='xz-label'>刚发出去的</Text>
          {sent.slice(0, 3).map((s) => (
            <Text key={s.clientId} className='xz-muted visit-outbox__sent-item'>
              户号 {s.householdCode} · {when(s.at)} 已送到
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
