import { Text, View } from '@tarojs/components';
import type { Action } from '../../hooks/useAction';

/** Under a button: what was just done (✓ and words), or why it was not (✗ and the server's words). */
export default function ActionNote({ action }: { readonly action: Pick<Action, 'done' | 'error'> }) {
  if (!action.done && !action.error) return null;
  return (
    <View className='action-note'>
      {action.done ? <Text className='xz-banner xz-banner--ok action-note__done'>✓ {action.done}</Text> : null}
      {action.error ? (
        <Text className='xz-banner xz-banner--bad action-note__error'>✗ 没有办成：{action.error}</Text>
      ) : null}
    </View>
  );
}
