import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useWhoAmI, type WhoAmI } from './useWhoAmI';

/**
 * Who may open a page of the committee console (村务管理), and for which village. The server checks
 * every call again; this only keeps a villager from seeing an empty console, and tells them why.
 * - 'committee': the committee of the village only (approvals, import);
 * - 'console': the committee, or township staff for one of their villages.
 */
export type ConsoleNeed = 'committee' | 'console';

export interface VillageChoice {
  readonly id: string;
  readonly name: string;
}

export type ConsoleAccess =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string; readonly retry: () => void }
  | { readonly status: 'denied'; readonly message: string; readonly hint: string }
  | { readonly status: 'pickVillage'; readonly villages: readonly VillageChoice[]; readonly pick: (id: string) => void }
  | {
      readonly status: 'ready';
      readonly me: WhoAmI;
      /** Set for township staff (actions take it); undefined means the committee's own village. */
      readonly villageId: string | undefined;
      readonly villageName: string;
      readonly committee: boolean;
    };

const NO_RIGHT = {
  message: '没有权限：这一页是村两委和乡镇干部管村务用的。',
  hint: '如果您是村两委成员，请找乡镇给您加上“村两委”的身份。',
};
const COMMITTEE_ONLY = {
  message: '没有权限：这件事由村两委来办。',
  hint: '乡镇干部可以看花名册、角色和操作记录。',
};

export function useConsole(need: ConsoleNeed): ConsoleAccess {
  const who = useWhoAmI();
  const params = useRouter().params;
  const [picked, setPicked] = useState<string | undefined>(params.villageId);

  if (who.status === 'loading') return { status: 'loading' };
  if (who.status === 'error') return { status: 'error', message: who.error.message, retry: who.reload };
  const me = who.me;
  const committee = me.roles.includes('committee') && me.village !== null;
  if (committee && me.village)
    return { status: 'ready', me, villageId: undefined, villageName: me.village.name, committee };
  const township = me.roles.includes('townshipStaff') ? me.township : null;
  if (!township) return { status: 'denied', ...NO_RIGHT };
  if (need === 'committee') return { status: 'denied', ...COMMITTEE_ONLY };
  const village = township.villages.find((v) => v.id === picked);
  if (!village) return { status: 'pickVillage', villages: township.villages, pick: setPicked };
  return { status: 'ready', me, villageId: village.id, villageName: village.name, committee: false };
}
