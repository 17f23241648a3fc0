import { View } from '@tarojs/components';

export interface Choice {
  readonly id: string;
  readonly label: string;
}

/** A few choices as big buttons; the chosen one says so with a tick and a bolder border, not colour alone. */
export default function ChoiceList({
  choices,
  selected,
  onPick,
}: {
  readonly choices: readonly Choice[];
  readonly selected: string | undefined;
  readonly onPick: (id: string) => void;
}) {
  return (
    <View className='xz-choices'>
      {choices.map((c) => {
        const on = c.id === selected;
        return (
          <View key={c.id} className={`xz-chip${on ? ' xz-chip--on' : ''}`} onClick={() => onPick(c.id)}>
            {on ? `✓ ${c.label}` : c.label}
          </View>
        );
      })}
    </View>
  );
}
