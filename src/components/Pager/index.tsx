import { Text, View } from '@tarojs/components';

/** 上一页 / 第 N 页，共 M 页 / 下一页; hidden when everything fits on one page. */
export default function Pager({
  page,
  total,
  pageSize,
  onPage,
}: {
  readonly page: number;
  readonly total: number;
  readonly pageSize: number;
  readonly onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const first = page <= 0;
  const last = page >= pages - 1;
  return (
    <View className='xz-pager'>
      <View
        className={`xz-button xz-button--quiet${first ? ' xz-button--disabled' : ''}`}
        onClick={() => (first ? undefined : onPage(page - 1))}
      >
        上一页
      </View>
      <Text className='xz-text'>
        第 {page + 1} 页，共 {pages} 页
      </Text>
      <View
        className={`xz-button xz-button--quiet${last ? ' xz-button--disabled' : ''}`}
        onClick={() => (last ? undefined : onPage(page + 1))}
      >
        下一页
      </View>
    </View>
  );
}
