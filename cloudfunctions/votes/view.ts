import type { z } from 'zod';
import type { Motion } from '../../core/votes/actions';
import type { MotionRecord } from './records';

/** The motion as the API shows it: the stored record less its bookkeeping. */
export function motionOf(r: MotionRecord): z.output<typeof Motion> {
  return {
    id: r._id,
    villageId: r.villageId,
    matterId: r.matterId,
    category: r.category,
    question: r.question,
    kind: r.kind,
    options: r.options.map((o) => ({ ...o })),
    minChoices: r.minChoices,
    maxChoices: r.maxChoices,
    body: r.body,
    mode: r.mode,
    rule: r.rule,
    ruleText: r.ruleText,
    noticeAt: r.noticeAt,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    closedAt: r.closedAt,
    urgent: r.urgent,
    urgentReason: r.urgentReason,
    electorateSize: r.electorateSize,
    anchorHead: r.anchorHead,
    openedBy: r.openedBy,
    result: r.result,
  };
}
