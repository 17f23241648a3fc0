import { assertDays } from '../matter/time';
import type { DaysPerLevel } from './needs';
import type { PeriodKind } from './periods';

/**
 * What a village may set for its contact work. Counties differ (5–10 households a member in 麻城,
 * 10–20 elsewhere), so the range is the village's; being outside it is a warning, never a block.
 */
export interface VisitSettings {
  readonly minPerMember: number;
  readonly maxPerMember: number;
  /** How often every household is visited. */
  readonly defaultCadence: PeriodKind;
  /** Tags that make a household's visits more frequent; the most frequent of its tags wins. */
  readonly tagCadence: Readonly<Record<string, PeriodKind>>;
  /** Calendar days before a period's end that the member is reminded. */
  readonly remindDays: Readonly<Record<PeriodKind, number>>;
  /** Calendar days each step of the need chain has, for normal and urgent needs. */
  readonly needDays: { readonly normal: DaysPerLevel; readonly urgent: DaysPerLevel };
}

export const DEFAULT_VISIT_SETTINGS: VisitSettings = {
  minPerMember: 5,
  maxPerMember: 10,
  defaultCadence: 'month',
  tagCadence: { 独居: 'week', 留守老人: 'week' },
  remindDays: { week: 1, month: 3 },
  needDays: {
    normal: { village: 7, township: 15, county: 30 },
    urgent: { village: 2, township: 5, county: 10 },
  },
};

export const VISIT_SETTING_BOUNDS = {
  perMember: { min: 1, max: 100 },
  remindDays: { week: { min: 0, max: 6 }, month: { min: 0, max: 27 } },
  needDays: { min: 1, max: 180 },
} as const;

export type VisitSettingsPatch = Partial<Omit<VisitSettings, 'remindDays' | 'needDays'>> & {
  readonly remindDays?: Partial<Record<PeriodKind, number>>;
  readonly needDays?: { readonly normal?: Partial<DaysPerLevel>; readonly urgent?: Partial<DaysPerLevel> };
};

/** A village's settings with the defaults filled in; RangeError on anything out of bounds. */
export function visitSettings(partial: VisitSettingsPatch = {}): VisitSettings {
  const d = DEFAULT_VISIT_SETTINGS;
  const level = (u: 'normal' | 'urgent'): DaysPerLevel => ({
    village: partial.needDays?.[u]?.village ?? d.needDays[u].village,
    township: partial.needDays?.[u]?.township ?? d.needDays[u].township,
    county: partial.needDays?.[u]?.county ?? d.needDays[u].county,
  });
  const s: VisitSettings = {
    minPerMember: partial.minPerMember ?? d.minPerMember,
    maxPerMember: partial.maxPerMember ?? d.maxPerMember,
    defaultCadence: partial.defaultCadence ?? d.defaultCadence,
    tagCadence: partial.tagCadence ?? d.tagCadence,
    remindDays: {
      week: partial.remindDays?.week ?? d.remindDays.week,
      month: partial.remindDays?.month ?? d.remindDays.month,
    },
    needDays: { normal: level('normal'), urgent: level('urgent') },
  };
  const b = VISIT_SETTING_BOUNDS;
  assertDays(s.minPerMember, b.perMember.min, b.perMember.max, 'minPerMember');
  assertDays(s.maxPerMember, s.minPerMember, b.perMember.max, 'maxPerMember');
  assertDays(s.remindDays.week, b.remindDays.week.min, b.remindDays.week.max, 'remindDays.week');
  assertDays(s.remindDays.month, b.remindDays.month.min, b.remindDays.month.max, 'remindDays.month');
  for (const u of ['normal', 'urgent'] as const)
    for (const l of ['village', 'township', 'county'] as const)
      assertDays(s.needDays[u][l], b.needDays.min, b.needDays.max, `needDays.${u}.${l}`);
  return s;
}

const FREQUENCY: Readonly<Record<PeriodKind, number>> = { week: 0, month: 1 };

/** How often a household with these tags is visited: the most frequent cadence that applies. */
export function cadenceOf(
  tags: readonly string[],
  s: Pick<VisitSettings, 'defaultCadence' | 'tagCadence'>,
): PeriodKind {
  let best = s.defaultCadence;
  for (const tag of tags) {
    const c = Object.prototype.hasOwnProperty.call(s.tagCadence, tag) ? s.tagCadence[tag] : undefined;
    if (c && FREQUENCY[c] < FREQUENCY[best]) best = c;
  }
  return best;
}

export type RangeVerdict = 'below' | 'within' | 'above';

export function rangeVerdict(count: number, s: Pick<VisitSettings, 'minPerMember' | 'maxPerMember'>): RangeVerdict {
  if (count < s.minPerMember) return 'below';
  return count > s.maxPerMember ? 'above' : 'within';
}

/** The warning shown beside a member outside the range; null inside it. */
export function rangeWarning(count: number, s: Pick<VisitSettings, 'minPerMember' | 'maxPerMember'>): string | null {
  const v = rangeVerdict(count, s);
  if (v === 'within') return null;
  const range = `${s.minPerMember}—${s.maxPerMember}户`;
  return v === 'below' ? `联系${count}户，少于村里定的${range}` : `联系${count}户，多于村里定的${range}`;
}
