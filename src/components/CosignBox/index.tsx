import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import type { Action } from '../../hooks/useAction';
import ActionNote from '../ActionNote';

export type CosignView = OutputOf<ActionByName<'matters.get'>>['cosign'];

/**
 * 附议: how many have co-signed, and how many more would make it the villagers' assembly's business
 * (one tenth of the electorate, LAW.md). One big button while the caller may still co-sign.
 */
export default function CosignBox({
  cosign,
  open,
  canCosign,
  action,
  onCosign,
}: {
  readonly cosign: CosignView;
  /** Co-signing is still possible for someone (raised or being talked over). */
  readonly open: boolean;
  readonly canCosign: boolean;
  readonly action: Action;
  readonly onCosign: () => void;
}) {
  let line: string;
  if (cosign.assemblyRequested) {
    line = `已有 ${cosign.count} 人附议，满了全村选民的十分之一，村两委必须把这件事交村民会议。`;
  } else if (open && !cosign.reached) {
    line = `已有 ${cosign.count} 人附议，还差 ${cosign.missing} 人就必须交村民会议。`;
  } else {
    line = `一共有 ${cosign.count} 人附议。`;
  }
  return (
    <View className='xz-card cosign-box'>
      <Text className='xz-label'>附议</Text>
      <Text className='xz-text cosign-box__line'>{line}</Text>
      {open ? (
        <Text className='xz-muted'>
          全村有选民 {cosign.electorate} 人，十分之一是 {cosign.threshold} 人。
        </Text>
      ) : null}
      {cosign.cosignedByMe ? <Text className='xz-text cosign-box__mine'>✓ 您已经附议了</Text> : null}
      {canCosign ? (
        <View className={`xz-button cosign-box__button${action.busy ? ' xz-button--disabled' : ''}`} onClick={onCosign}>
          {action.busy ? '正在附议…' : '我也附议'}
        </View>
      ) : null}
      <ActionNote action={action} />
    </View>
  );
}
