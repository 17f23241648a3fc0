import { assertDays } from './time';

/**
 * The day counts a village may set in its own charter. The defaults are the product's; the bounds
 * keep a typo (70 for 7) from silently parking matters for months.
 */
export interface MatterSettings {
  /** Calendar days the committee has to screen a raised matter (accept, decline or merge it). */
  readonly screeningDays: number;
  /** Calendar days villagers have to rate a finished matter. */
  readonly evaluationDays: number;
}

export const DEFAULT_SCREENING_DAYS = 7;
export const DEFAULT_EVALUATION_DAYS = 14;

export const SETTING_BOUNDS = {
  screeningDays: { min: 1, max: 30 },
  evaluationDays: { min: 1, max: 60 },
} as const;

export const DEFAULT_MATTER_SETTINGS: MatterSettings = {
  screeningDays: DEFAULT_SCREENING_DAYS,
  evaluationDays: DEFAULT_EVALUATION_DAYS,
};

/** A village's settings with the defaults filled in; throws RangeError on an out-of-bounds value. */
export function matterSettings(partial: Partial<MatterSettings> = {}): MatterSettings {
  // `??` rather than a spread: an explicit undefined means "not set", not "no days".
  const s: MatterSettings = {
    screeningDays: partial.screeningDays ?? DEFAULT_SCREENING_DAYS,
    evaluationDays: partial.evaluationDays ?? DEFAULT_EVALUATION_DAYS,
  };
  for (const key of ['screeningDays', 'evaluationDays'] as const) {
    assertDays(s[key], SETTING_BOUNDS[key].min, SETTING_BOUNDS[key].max, key);
  }
  return s;
}
