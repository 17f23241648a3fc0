import { useEffect, useState } from 'react';
import { call } from '../services/api';
import type { WhoAmI } from './useWhoAmI';

export interface GroupChoice {
  readonly id: string;
  readonly label: string;
}

const cache = new Map<string, readonly GroupChoice[]>();

/**
 * The village's groups (村民小组), for the group filter and the raise form: matters.groups, which
 * every member may read (township staff name the village). Null until known, and when the village
 * has none or they cannot be read: the pages then leave the group choice out.
 */
export function useVillageGroups(me: WhoAmI | null, villageId?: string): readonly GroupChoice[] | null {
  const known = me !== null;
  const key = villageId ?? me?.village?.id ?? '';
  const [groups, setGroups] = useState<readonly GroupChoice[] | null>(() => cache.get(key) ?? null);

  useEffect(() => {
    if (!known || key === '') {
      setGroups(null);
      return;
    }
    const cached = cache.get(key);
    if (cached) {
      setGroups(cached);
      return;
    }
    let live = true;
    call('matters.groups', villageId ? { villageId } : {})
      .then((r) => {
        const choices = r.map((g) => ({ id: g.id, label: g.name }));
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
  }, [known, key, villageId]);

  return groups;
}
