import { Text, View } from '@tarojs/components';

type Props =
  /** A list whose size is known: 第 N 页，共 M 页. */
  | {
      readonly page: number;
      readonly total: number;
      readonly pageSize: number;
      readonly onPage: (page: number) => void;
    }
  /** A list read by cursor: the server only says whether there is more. */
  | { readonly page: number; readonly hasMore: boolean; readonly onPage: (page: number) => void };

/** 上一页 / 第 N 页 / 下一页; hidden when everything fits on one page. */
export default function Pager(props: Props) {
  const { page, onPage } = props;
  const pages = 'total' in props ? Math.max(1, Math.ceil(props.total / props.pageSize)) : null;
  const first = page <= 0;
  const last = pages === null ? !('hasMore' in props && props.hasMore) : page >= pages - 1;
  if (first && last) return null;
  return (
    <View className='xz-pager'>
      <View
        className={`xz-button xz-button--quiet${first ? ' xz-button--disabled' : ''}`}
        onClick={() => (first ? undefined : onPage(page - 1))}
      >
        上一页
      </View>
      <Text className='xz-text'>{pages === null ? `第 ${page + 1} 页` : `第 ${page + 1} 页，共 ${pages} 页`}</Text>
      <View
        className={`xz-button xz-button--quiet${last ? ' xz-button--disabled' : ''}`}
        onClick={() => (last ? undefined : onPage(page + 1))}
      >
        下一页
      </View>
    </View>
  );
}
