import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import TextField from '../TextField';

/**
 * Asks for a reason right on the page (no pop-up, no time limit): a text box, then a button to go
 * ahead and one to leave it.
 */
export default function ReasonBox({
  label,
  confirmText,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  readonly label: string;
  readonly confirmText: string;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: (reason: string) => void;
  readonly onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const go = () => {
    if (busy) return;
    const text = reason.trim();
    setTooShort(text.length < 2);
    if (text.length >= 2) onConfirm(text);
  };
  return (
    <View className='reason-box'>
      <TextField
        label={label}
        multiline
        className='reason-box__input'
        value={reason}
        maxlength={200}
        placeholder='写清楚为什么，对方能看到'
        onChange={setReason}
      />
      {tooShort ? <Text className='xz-text xz-error'>请写明理由，至少两个字</Text> : null}
      {error && !tooShort ? <Text className='xz-text xz-error'>{error}</Text> : null}
      <View className='xz-actions'>
        <View className={`xz-button reason-box__confirm${busy ? ' xz-button--disabled' : ''}`} onClick={go}>
          {busy ? '正在提交…' : confirmText}
        </View>
        <View className='xz-button xz-button--quiet' onClick={onCancel}>
          先不了
        </View>
      </View>
    </View>
  );
}
