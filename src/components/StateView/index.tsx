import { Text, View } from '@tarojs/components';

/** Loading and error states in words, with a big retry button; never a blank page. */
export function Loading({ text = '正在加载…' }: { readonly text?: string }) {
  return (
    <View className='xz-card'>
      <Text className='xz-text'>{text}</Text>
    </View>
  );
}

export function ErrorView({ message, onRetry }: { readonly message: string; readonly onRetry?: () => void }) {
  return (
    <View className='xz-card'>
      <Text className='xz-text xz-error'>出错了：{message}</Text>
      {onRetry ? (
        <View className='xz-button' onClick={onRetry}>
          再试一次
        </View>
      ) : null}
    </View>
  );
}

export function Empty({ title, text }: { readonly title: string; readonly text?: string }) {
  return (
    <View className='xz-card'>
      <Text className='xz-text'>{title}</Text>
      {text ? <Text className='xz-muted'>{text}</Text> : null}
    </View>
  );
}
