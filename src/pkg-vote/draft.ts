/**
 * The choices picked on the ballot page, waiting for 确认投票. Kept in memory only, never in the
 * address or on the phone's storage: on a shared phone, nobody should find what was picked on a
 * secret ballot. A reload forgets it, and the confirm page sends the voter back to choose.
 */
interface Draft {
  readonly motionId: string;
  readonly choices: readonly string[];
}

let draft: Draft | null = null;

export function keepDraft(motionId: string, choices: readonly string[]): void {
  draft = { motionId, choices: [...choices] };
}

export function draftFor(motionId: string): readonly string[] | null {
  return draft && draft.motionId === motionId ? draft.choices : null;
}

export function dropDraft(): void {
  draft = null;
}
