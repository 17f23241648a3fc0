import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import './index.scss';

export interface ElderSwitchProps {
  readonly on?: boolean;
  readonly disabled?: boolean;
  readonly onChange?: (on: boolean) => void;
}

/** The 长辈版 switch: one big target that says its state in words, not only in colour. */
export default function ElderSwitch({ on = false, disabled = false, onChange }: ElderSwitchProps) {
  const [value, setValue] = useState(on);
  useEffect(() => setValue(on), [on]);
  const toggle = () => {
    if (disabled) return;
    const next = !value;
    setValue(next);
    onChange?.(next);
  };
  return (
    <View className={`elder-switch${value ? ' elder-switch--on' : ''}`} onClick={toggle}>
      <Text className='elder-switch__label'>长辈版</Text>
      <Text className='elder-switch__hint'>字更大，按钮更大</Text>
      <Text className='elder-switch__state'>{value ? '已打开' : '已关闭'}</Text>
    </View>
  );
}
