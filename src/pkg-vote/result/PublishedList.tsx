import { Text, View } from '@tarojs/components';
import { useState } from 'react';

const SHOWN = 24;

/** A published list that folds when long: the first few, then 展开全部 (and 收起). */
export default function PublishedList({
  items,
  rows,
  itemClass,
  mine,
}: {
  readonly items: readonly string[];
  /** One item per line (ballots), or several to a line (receipts). */
  readonly rows: boolean;
  readonly itemClass: string;
  /** An item to mark as the user's own (their receipt), if any. */
  readonly mine?: string | null;
}) {
  const [open, setOpen] = useState(false);
  const long = items.length > SHOWN;
  const shown = long && !open ? items.slice(0, SHOWN) : items;
  return (
    <View>
      <View className={`vote-list${rows ? ' vote-list--rows' : ''}`}>
        {shown.map((item, i) => (
          <Text
            key={`${i}-${item}`}
            className={`vote-list__item ${itemClass}${mine && item === mine ? ' vote-list__item--mine' : ''}`}
          >
            {item}
            {mine && item === mine ? '（您的）' : ''}
          </Text>
        ))}
      </View>
      {long ? (
        <View className='xz-button xz-button--quiet' onClick={() => setOpen(!open)}>
          {open ? '收起' : `展开全部 ${items.length} 个`}
        </View>
      ) : null}
    </View>
  );
}
