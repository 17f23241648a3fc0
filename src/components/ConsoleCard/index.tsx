import { Text, View } from '@tarojs/components';
import ChoiceList, { type Choice } from '../ChoiceList';

export type ConsolePage = 'approvals' | 'roster' | 'roles' | 'teams' | 'audit' | 'votes' | 'screening';

const PAGES: ReadonlyArray<{ readonly page: ConsolePage; readonly label: string; readonly committeeOnly: boolean }> = [
  { page: 'approvals', label: '审核加入申请', committeeOnly: true },
  { page: 'screening', label: '议事审核', committeeOnly: true },
  { page: 'votes', label: '表决', committeeOnly: true },
  { page: 'roster', label: '花名册', committeeOnly: false },
  { page: 'roles', label: '村里人的角色', committeeOnly: false },
  { page: 'teams', label: '互助工作队', committeeOnly: false },
  { page: 'audit', label: '操作记录', committeeOnly: false },
];

/**
 * 村务管理 on the home page: big buttons to the console. Township staff first choose one of their
 * villages (`villages` set); the committee works on its own.
 */
export default function ConsoleCard({
  villages,
  selected,
  onPickVillage,
  onOpen,
}: {
  readonly villages: readonly Choice[] | null;
  readonly selected: string | undefined;
  readonly onPickVillage: (id: string) => void;
  readonly onOpen: (page: ConsolePage) => void;
}) {
  const staff = villages !== null;
  return (
    <View className='xz-card console-card'>
      <Text className='xz-title'>村务管理</Text>
      {staff ? (
        <View>
          <Text className='xz-text'>先选一个村：</Text>
          <ChoiceList choices={villages} selected={selected} onPick={onPickVillage} />
        </View>
      ) : null}
      {!staff || selected
        ? PAGES.filter((p) => !(staff && p.committeeOnly)).map((p) => (
            <View key={p.page} className='xz-button console-card__open' onClick={() => onOpen(p.page)}>
              {p.label}
            </View>
          ))
        : null}
    </View>
  );
}
