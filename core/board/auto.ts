import type { Body } from '../votes/bodies';
import { BODY_DEFS } from '../votes/bodies';
import type { MotionKind, MotionOption } from '../votes/kinds';
import type { Tally, VoteResult } from '../votes/tally';
import type { TransitionName } from '../matter/lifecycle';
import type { EvaluationSummary } from '../matter/evaluation';
import { formatChineseDate, formatDateTime } from './calendar';
import { voteResultPath, type NoticeKind } from './kinds';

/**
 * The notices nobody types: what the board says when a vote is counted and when a matter reaches a
 * step the village must hear of. Pure: the service gathers the records, these write the words and
 * the structured facts the notice page draws from. The same records always give the same notice,
 * which is what makes publishing them again a no-op.
 */

// ---- a vote's result ------------------------------------------------------------------------------

export interface ClosedMotion {
  readonly id: string;
  readonly matterId: string | null;
  readonly question: string;
  readonly kind: MotionKind;
  readonly options: readonly MotionOption[];
  readonly body: Body;
  readonly mode: 'open' | 'secret';
  readonly opensAt: number;
  readonly closesAt: number;
  readonly closedAt: number;
  readonly electorateSize: number;
  /** The ballot chain's last head: what a recount is checked against. */
  readonly chainHead: string;
  readonly source: 'ballots' | 'handCount';
}

export interface VoteFacts {
  readonly type: 'voteResult';
  readonly motionId: string;
  readonly matterId: string | null;
  readonly question: string;
  readonly bodyName: string;
  readonly mode: 'open' | 'secret';
  readonly electorateSize: number;
  readonly turnout: number;
  readonly quorumMet: boolean;
  readonly quorumRule: string;
  readonly majorityRule: string;
  readonly counts: ReadonlyArray<{ readonly optionId: string; readonly label: string; readonly count: number }>;
  readonly passedOptions: readonly string[];
  readonly result: VoteResult;
  readonly resultLabel: string;
  readonly source: 'ballots' | 'handCount';
  readonly chainHead: string;
  readonly recountPath: string;
}

export const RESULT_LABELS: Readonly<Record<VoteResult, string>> = {
  passed: '通过',
  rejected: '没有通过',
  noQuorum: '参加的人不够，表决无效',
};

const UNIT: Readonly<Record<Body, string>> = { adults: '人', households: '户', delegates: '人' };

export interface ComposedNotice<F> {
  readonly kind: NoticeKind;
  readonly title: string;
  readonly body: string;
  readonly facts: F;
  readonly link: string | null;
}

export function voteResultNotice(motion: ClosedMotion, tally: Tally): ComposedNotice<VoteFacts> {
  const labelOf = (id: string) => motion.options.find((o) => o.id === id)?.label ?? id;
  const counts = motion.options.map((o) => ({ optionId: o.id, label: o.label, count: tally.counts[o.id] ?? 0 }));
  const passedOptions = tally.passedOptionIds.map(labelOf);
  const resultLabel =
    tally.result === 'passed' && motion.kind !== 'yesNo'
      ? `通过：${passedOptions.join('、')}`
      : RESULT_LABELS[tally.result];
  const unit = UNIT[motion.body];
  const recountPath = voteResultPath(motion.id);
  const body = [
    `表决事项：${motion.question}`,
    `由谁表决：${BODY_DEFS[motion.body].name}，${motion.mode === 'secret' ? '不记名投票' : '记名投票'}`,
    `投票时间：${formatDateTime(motion.opensAt)} 至 ${formatDateTime(motion.closesAt)}`,
    `应参加 ${tally.electorateSize} ${unit}，实际参加 ${tally.turnout} ${unit}`,
    `怎样才算数：${tally.quorumRule}。${tally.quorumMet ? '这次参加的人够数。' : '这次参加的人不够数。'}`,
    `怎样才通过：${tally.majorityRule}`,
    `各项票数：${counts.map((c) => `${c.label} ${c.count} 票`).join('，')}`,
    `结果：${resultLabel}`,
    motion.source === 'handCount' ? '计票方式：会议现场计票，村两委录入' : '计票方式：手机投票，投票结束后自动计票',
    `选票链条的最后哈希：${motion.chainHead}`,
    `自己核对计票：${recountPath}`,
  ].join('\n');
  return {
    kind: 'voteResult',
    title: `表决结果：${motion.question}`,
    body,
    link: recountPath,
    facts: {
      type: 'voteResult',
      motionId: motion.id,
      matterId: motion.matterId,
      question: motion.question,
      bodyName: BODY_DEFS[motion.body].name,
      mode: motion.mode,
      electorateSize: tally.electorateSize,
      turnout: tally.turnout,
      quorumMet: tally.quorumMet,
      quorumRule: tally.quorumRule,
      majorityRule: tally.majorityRule,
      counts,
      passedOptions,
      result: tally.result,
      resultLabel,
      source: motion.source,
      chainHead: motion.chainHead,
      recountPath,
    },
  };
}

// ---- a matter's steps -----------------------------------------------------------------------------

/** The steps of a matter the board publishes, and as what. Others (accepting, meetings…) stay on its timeline. */
export const MATTER_STEP_NOTICES = {
  decline: { kind: 'decision', prefix: '不予受理' },
  decideByCommittee: { kind: 'decision', prefix: '村两委决定办理' },
  votePassed: { kind: 'decision', prefix: '表决通过' },
  complete: { kind: 'progress', prefix: '已经办完' },
  closeEvaluation: { kind: 'progress', prefix: '评价结果' },
} as const satisfies Partial<Record<TransitionName, { kind: NoticeKind; prefix: string }>>;

export type PublishedStep = keyof typeof MATTER_STEP_NOTICES;

export function isPublishedStep(step: string): step is PublishedStep {
  return Object.prototype.hasOwnProperty.call(MATTER_STEP_NOTICES, step);
}

export interface MatterStepFacts {
  readonly type: 'matter';
  readonly matterId: string;
  readonly step: PublishedStep;
  readonly title: string;
  readonly reason: string | null;
  readonly evaluation: {
    readonly count: number;
    readonly average: string | null;
    readonly distribution: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;
  } | null;
  /** The vote that passed it, for votePassed. */
  readonly motionId: string | null;
}

export interface MatterStepInput {
  readonly matterId: string;
  readonly step: PublishedStep;
  readonly title: string;
  /** The reason or summary published with the step (decline, decide, complete). */
  readonly reason: string | null;
  readonly evaluationEndsAt: number | null;
  readonly evaluation: EvaluationSummary | null;
  /** For votePassed: the vote and its turnout. */
  readonly vote: { readonly motionId: string; readonly turnout: number; readonly electorateSize: number } | null;
}

/** The last day to rate, for "请在…前评价": the window's end is exclusive, so the day before it. */
function lastDay(endsAt: number): string {
  return formatChineseDate(endsAt - 1);
}

export function matterStepNotice(input: MatterStepInput): ComposedNotice<MatterStepFacts> {
  const def = MATTER_STEP_NOTICES[input.step];
  const t = input.title;
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  let lines: string[];
  switch (input.step) {
    case 'decline':
      lines = [
        `村两委决定不受理“${t}”。`,
        `理由：${reason ?? '（没有写）'}`,
        '对这个决定有疑问，可以在这条公告下面询问。',
      ];
      break;
    case 'decideByCommittee':
      lines = [`经过议事协商，村两委决定办理“${t}”。`, `理由：${reason ?? '（没有写）'}`];
      break;
    case 'votePassed':
      lines = [
        `“${t}”经表决通过，接下来安排人去办。`,
        ...(input.vote
          ? [
              `应参加 ${input.vote.electorateSize}，实际参加 ${input.vote.turnout}。`,
              `计票详情：${voteResultPath(input.vote.motionId)}`,
            ]
          : []),
      ];
      break;
    case 'complete':
      lines = [
        `“${t}”已经办完。`,
        `办理情况：${reason ?? '（没有写）'}`,
        ...(input.evaluationEndsAt !== null
          ? [`请大家在 ${lastDay(input.evaluationEndsAt)} 之前给办理结果打分（1到5颗星）。`]
          : []),
      ];
      break;
    case 'closeEvaluation': {
      const e = input.evaluation;
      lines =
        e && e.average !== null
          ? [
              `“${t}”评价期满，${e.count} 人打分，平均 ${e.average} 分。`,
              `五星 ${e.distribution[5]} 人，四星 ${e.distribution[4]} 人，三星 ${e.distribution[3]} 人，两星 ${e.distribution[2]} 人，一星 ${e.distribution[1]} 人。`,
            ]
          : [`“${t}”评价期满，没有人打分。`];
      break;
    }
  }
  const e = input.step === 'closeEvaluation' ? input.evaluation : null;
  return {
    kind: def.kind,
    title: `${def.prefix}：${t}`,
    body: lines.join('\n'),
    link: input.vote ? voteResultPath(input.vote.motionId) : null,
    facts: {
      type: 'matter',
      matterId: input.matterId,
      step: input.step,
      title: t,
      reason,
      evaluation: e
        ? {
            count: e.count,
            average: e.average,
            distribution: {
              '1': e.distribution[1],
              '2': e.distribution[2],
              '3': e.distribution[3],
              '4': e.distribution[4],
              '5': e.distribution[5],
            },
          }
        : null,
      motionId: input.vote?.motionId ?? null,
    },
  };
}
