import { Picker, Text, View } from '@tarojs/components';
import { beijingClock, beijingDate, fromBeijing } from '../../utils/votes';
import './index.scss';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function dateWords(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（星期${WEEKDAYS[d.getUTCDay()]}）`;
}

/**
 * A moment picked as a date and a time of day, in Beijing time whatever the phone's zone: two big
 * boxes that say the value in words and open WeChat's own date and time pickers.
 */
export default function DateTimeField({
  label,
  value,
  start,
  className,
  onChange,
}: {
  readonly label: string;
  readonly value: number;
  /** The earliest date offered ("YYYY-MM-DD"), if any. */
  readonly start?: string;
  readonly className?: string;
  readonly onChange: (ms: number) => void;
}) {
  const date = beijingDate(value);
  const clock = beijingClock(value);
  const set = (d: string, t: string) => {
    const ms = fromBeijing(d, t);
    if (ms !== null) onChange(ms);
  };
  return (
    <View className={`dt-field${className ? ` ${className}` : ''}`}>
      <Text className='xz-label'>{label}</Text>
      <View className='dt-field__pickers'>
        <Picker mode='date' value={date} start={start} onChange={(e) => set(String(e.detail.value), clock)}>
          <View className='dt-field__box dt-field__date'>
            <Text className='dt-field__value'>{dateWords(value)}</Text>
            <Text className='dt-field__hint'>点这里改日期 ›</Text>
          </View>
        </Picker>
        <Picker mode='time' value={clock} onChange={(e) => set(date, String(e.detail.value))}>
          <View className='dt-field__box dt-field__time'>
            <Text className='dt-field__value'>{clock}</Text>
            <Text className='dt-field__hint'>点这里改时间 ›</Text>
          </View>
        </Picker>
      </View>
    </View>
  );
}
