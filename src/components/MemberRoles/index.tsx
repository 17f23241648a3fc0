import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { ROLE_LABELS, type VillageRole } from '../../../core/roles';
import { rolesText } from '../../utils/format';
import ReasonBox from '../ReasonBox';

export type Member = OutputOf<ActionByName<'members.list'>>['items'][number];

/** Roles given and taken by hand; 村民 comes with joining the village. */
export const EDITABLE_ROLES: readonly VillageRole[] = [
  'householdRep',
  'villagerDelegate',
  'partyMember',
  'gridLeader',
  'committee',
];

/** One member, their roles in words, and (opened) a 加上 / 去掉 button per role. */
export default function MemberRoles({
  member,
  busy,
  error,
  onGrant,
  onRevoke,
}: {
  readonly member: Member;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onGrant: (role: VillageRole) => void;
  readonly onRevoke: (role: VillageRole, reason: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [revoking, setRevoking] = useState<VillageRole | null>(null);
  return (
    <View className='xz-card member'>
      <Text className='xz-text member__name'>
        {member.name}
        {member.householdCode ? ` · 户号 ${member.householdCode}` : ''}
      </Text>
      <Text className='xz-muted'>身份：{rolesText(member.roles)}</Text>
      {error ? <Text className='xz-text xz-error member__error'>没有改成：{error}</Text> : null}
      {!open ? (
        <View className='xz-button xz-button--plain member__edit' onClick={() => setOpen(true)}>
          调整角色
        </View>
      ) : (
        <View>
          {EDITABLE_ROLES.map((role) => {
            const has = member.roles.includes(role);
            return (
              <View key={role}>
                <View className='xz-row member__role'>
                  <Text className='xz-text'>
                    {ROLE_LABELS[role]}：{has ? '有' : '没有'}
                  </Text>
                  <View
                    className={`xz-button ${has ? 'xz-button--quiet' : 'xz-button--plain'}${busy ? ' xz-button--disabled' : ''}`}
                    onClick={() => {
                      if (busy) return;
                      if (has) setRevoking(role);
                      else onGrant(role);
                    }}
                  >
                    {has ? `去掉${ROLE_LABELS[role]}` : `加上${ROLE_LABELS[role]}`}
                  </View>
                </View>
                {revoking === role && has ? (
                  <ReasonBox
                    label={`为什么去掉“${ROLE_LABELS[role]}”？`}
                    confirmText='确定去掉'
                    busy={busy}
                    error={null}
                    onConfirm={(reason) => {
                      setRevoking(null);
                      onRevoke(role, reason);
                    }}
                    onCancel={() => setRevoking(null)}
                  />
                ) : null}
              </View>
            );
          })}
          <View className='xz-button xz-button--quiet' onClick={() => setOpen(false)}>
            收起
          </View>
        </View>
      )}
    </View>
  );
}
