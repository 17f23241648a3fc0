import { View } from '@tarojs/components';
import { useRef, type ChangeEvent } from 'react';
import { errorOf } from '../../services/api';
import { chooseCsvWeapp, pickedFromInput, type PickedFile } from '../../services/files';

/**
 * One big button that picks a CSV file. In H5 it opens a hidden file input; in the mini-program
 * WeChat's chat-file picker (a committee member sends the file to themselves from the computer).
 */
export default function CsvPicker({
  label,
  busy,
  onPicked,
  onError,
}: {
  readonly label: string;
  readonly busy: boolean;
  readonly onPicked: (file: PickedFile) => void;
  readonly onError: (message: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);

  const open = () => {
    if (busy) return;
    if (process.env.TARO_ENV === 'h5') {
      input.current?.click();
      return;
    }
    chooseCsvWeapp()
      .then((f) => (f ? onPicked(f) : undefined))
      .catch((e: unknown) => onError(errorOf(e).message));
  };

  const changed = (e: ChangeEvent<HTMLInputElement>) => {
    const f = pickedFromInput(e.target.files);
    // Cleared, so picking the same (now fixed) file again still counts as a change.
    e.target.value = '';
    if (f) onPicked(f);
  };

  return (
    <View>
      <View className={`xz-button csv-picker${busy ? ' xz-button--disabled' : ''}`} onClick={open}>
        {label}
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          ref={input}
          className='csv-picker__input'
          type='file'
          accept='.csv,text/csv'
          style={{ display: 'none' }}
          onChange={changed}
        />
      ) : null}
    </View>
  );
}
