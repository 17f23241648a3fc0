/**
 * The states of a matter and the five stages of the five-citizen method (五民工作法), as data.
 * Pages draw the progress strip from this table; nothing else decides which stage a state is in.
 * This file imports nothing so every other matter module can lean on it without cycles.
 */

export const STAGES = [
  { id: 'raise', label: '民事民提', short: '民提' },
  { id: 'deliberate', label: '民事民议', short: '民议' },
  { id: 'decide', label: '民事民决', short: '民决' },
  { id: 'carryOut', label: '民事民办', short: '民办' },
  { id: 'evaluate', label: '民事民评', short: '民评' },
] as const;

export type Stage = (typeof STAGES)[number]['id'];
export const STAGE_IDS = STAGES.map((s) => s.id) as [Stage, ...Stage[]];

/**
 * `stage: null` marks the side exits (declined, merged, withdrawn): they can happen in more than one
 * stage, so the record keeps the stage a matter stopped in (`stoppedAt`) instead.
 * `terminal` is checked against the transition table by a test: terminal means no way out.
 */
export const MATTER_STATES = [
  { id: 'raised', label: '等村两委受理', stage: 'raise', terminal: false },
  { id: 'deliberating', label: '大家商量中', stage: 'deliberate', terminal: false },
  { id: 'voting', label: '正在表决', stage: 'decide', terminal: false },
  { id: 'passed', label: '表决通过，等待开工', stage: 'decide', terminal: false },
  { id: 'rejected', label: '表决没有通过', stage: 'decide', terminal: true },
  { id: 'noQuorum', label: '参加表决的人不够，表决无效', stage: 'decide', terminal: false },
  { id: 'implementing', label: '正在办', stage: 'carryOut', terminal: false },
  { id: 'evaluating', label: '已办完，请大家评价', stage: 'evaluate', terminal: false },
  { id: 'closed', label: '已办结', stage: 'evaluate', terminal: true },
  { id: 'declined', label: '没有受理', stage: null, terminal: true },
  { id: 'merged', label: '已并到另一件事里', stage: null, terminal: true },
  { id: 'withdrawn', label: '提出人已撤回', stage: null, terminal: true },
] as const satisfies ReadonlyArray<{ id: string; label: string; stage: Stage | null; terminal: boolean }>;

export type MatterState = (typeof MATTER_STATES)[number]['id'];
export const MATTER_STATE_IDS = MATTER_STATES.map((s) => s.id) as [MatterState, ...MatterState[]];

export type StateInfo = (typeof MATTER_STATES)[number];

export function stateInfo(state: MatterState): StateInfo {
  const found = MATTER_STATES.find((s) => s.id === state);
  // The union type makes a miss impossible for typed callers; a stored record with a stale value is a bug.
  if (!found) throw new RangeError(`unknown matter state: ${String(state)}`);
  return found;
}

export function stageOf(state: MatterState): Stage | null {
  return stateInfo(state).stage;
}

export function isTerminal(state: MatterState): boolean {
  return stateInfo(state).terminal;
}

/**
 * One step of the progress strip:
 * - done: the stage is behind the matter;
 * - current: the matter is in it now;
 * - upcoming: still ahead;
 * - stopped: the matter ended here without going on (declined, merged, withdrawn, rejected);
 * - never: a stage a stopped matter will not reach.
 */
export type StripStatus = 'done' | 'current' | 'upcoming' | 'stopped' | 'never';

export interface StripStep {
  readonly stage: Stage;
  readonly label: string;
  readonly short: string;
  readonly status: StripStatus;
}

/**
 * The five-step strip for a matter. `stoppedAt` is the stage a side exit left from; it is only read
 * for states without a stage of their own, and defaults to the first stage.
 */
export function stageStrip(state: MatterState, stoppedAt: Stage | null = null): StripStep[] {
  const info = stateInfo(state);
  const here = STAGE_IDS.indexOf(info.stage ?? stoppedAt ?? 'raise');
  // closed is the one terminal state that finished the whole path; every other terminal one stopped early.
  const finished = state === 'closed';
  const stopped = info.terminal && !finished;
  return STAGES.map((s, i): StripStep => {
    let status: StripStatus;
    if (finished || i < here) status = 'done';
    else if (i === here) status = stopped ? 'stopped' : 'current';
    else status = stopped ? 'never' : 'upcoming';
    return { stage: s.id, label: s.label, short: s.short, status };
  });
}

/** The states a list filtered by stage shows; side exits belong to no stage and show under none. */
export function statesInStage(stage: Stage): MatterState[] {
  return MATTER_STATES.filter((s) => s.stage === stage).map((s) => s.id);
}
