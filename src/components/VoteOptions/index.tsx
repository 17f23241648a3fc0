import { Text, View } from '@tarojs/components';
import type { MotionOption } from '../../utils/votes';
import './index.scss';

/**
 * The options of a ballot as big rows, each at least 60 px tall even outside elder mode, since
 * this is the one thing the page is for. One-pick kinds: a big button per option. Several: a
 * check box per row. A chosen row says so in words (已选) and with a tick, not by colour alone.
 */
export default function VoteOptions({
  options,
  pickMany,
  selected,
  onPick,
}: {
  readonly options: readonly MotionOption[];
  readonly pickMany: boolean;
  readonly selected: readonly string[];
  readonly onPick: (id: string) => void;
}) {
  return (
    <View className='vote-options'>
      {options.map((o) => {
        const on = selected.includes(o.id);
        const cls = `vote-option${pickMany ? ' vote-option--check' : ''}${on ? ' vote-option--on' : ''}${o.abstain ? ' vote-option--abstain' : ''}`;
        return (
          <View key={o.id} className={cls} data-option={o.id} onClick={() => onPick(o.id)}>
            {pickMany ? <Text className='vote-option__box'>{on ? '✓' : ''}</Text> : null}
            <Text className='vote-option__label'>
              {!pickMany && on ? '✓ ' : ''}
              {o.label}
            </Text>
            {on ? <Text className='vote-option__state'>已选</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
