import { useEffect, useState } from 'react';
import { call } from '../services/api';
import type { WhoAmI } from './useWhoAmI';

export interface GroupChoice {
  readonly id: string;
  readonly label: string;
}

const cache = new Map<string, readonly GroupChoice[]>();

/**
 * The village's groups (村民小组), for the group filter and the raise form. Only the roster tells
 * them, and only the committee and township staff may read the roster; for everyone else this is
 * null and the pages leave the group choice out (whoami does not carry the groups yet).
 */
export function useVillageGroups(me: WhoAmI | null, villageId?: string): readonly GroupChoice[] | null {
  const canRead = me !== null && (me.roles.includes('committee') || me.roles.includes('townshipStaff'));
  const key = villageId ?? me?.village?.id ?? '';
  const [groups, setGroups] = useState<readonly GroupChoice[] | null>(() => cache.get(key) ?? null);

  useEffect(() => {
    if (!canRead || key === '') {
      setGroups(null);
      return;
    }
    const known = cache.get(key);
    if (known) {
      setGroups(known);
      return;
    }
    let live = true;
    call('roster.search', { ...(villageId ? { villageId } : {}), q: '', page: 0 })
      .then((r) => {
        const choices = r.groups.map((g) => ({ id: g.id, label: g.name }));
        cache.set(key, choices);
        if (live) setGroups(choices);
      })
      .catch(() => {
        // Without the groups the pages simply leave the group choice out.
        if (live) setGroups(null);
      });
    return () => {
      live = false;
    };
  }, [canRead, key, villageId]);

  return groups;
}
