import { Text, View } from '@tarojs/components';

/** Not in a village yet: one big button to ask to join. */
export default function JoinCard({ onOpen }: { readonly onOpen: () => void }) {
  return (
    <View className='xz-card join-card'>
      <Text className='xz-text'>您还没有加入村子。加入后就能议事、投票。</Text>
      <View className='xz-button join-open' onClick={onOpen}>
        申请加入村子
      </View>
    </View>
  );
}
