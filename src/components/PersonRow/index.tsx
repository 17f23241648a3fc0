import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';

export type RosterPerson = OutputOf<ActionByName<'roster.search'>>['items'][number];

/** One person on the roster: who, which household and group, born when, and whether they use the app. */
export default function PersonRow({ person }: { readonly person: RosterPerson }) {
  return (
    <View className='xz-card roster-row'>
      <Text className='xz-text roster-row__name'>
        {person.name}（{person.gender === 'm' ? '男' : '女'}，{person.birthYear} 年生）
        {person.isHouseholdRep ? <Text className='xz-badge'>户代表</Text> : null}
      </Text>
      <Text className='xz-muted'>
        户号 {person.householdCode} · {person.groupName}
      </Text>
      <Text className='xz-muted'>{person.accountId ? '已绑定微信' : '还没绑定微信'}</Text>
    </View>
  );
}
