import type { z } from 'zod';
import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import type { AccountRecord, PersonRecord, VillageRecord } from '../../core/records';
import type { open } from '../../core/votes/actions';
import { effectiveRule } from '../../core/votes/bodies';
import { bodyAllowedFor, deriveElectorate } from '../../core/votes/eligibility';
import { chainStart, listDigest } from '../../core/votes/ids';
import { buildMotionShape } from '../../core/votes/kinds';
import { describeMotionRule } from '../../core/votes/tally';
import { checkSchedule } from '../../core/votes/window';
import { notifyPersons } from '../matters/outbox';
import { appendAudit } from '../shared/audit';
import type { Store } from '../shared/store/port';
import { electorDocId, sha256 } from './keys';
import type { ElectorRecord, MotionRecord } from './records';

export type OpenMotionInput = z.output<typeof open.input> & { readonly matterId?: string };

const SCHEDULE_TEXT = {
  badTime: '时间填得不对',
  opensBeforeNotice: '开始投票不能早于发公告的时间',
  noticeTooShort: '投票要先公告满10天才能开始，请把开始时间往后推，或者写明紧急的理由',
  urgentReasonMissing: '紧急表决要写明为什么紧急',
  closesBeforeOpens: '结束时间要在开始时间之后',
} as const;

/**
 * Opens a motion: checks the body may decide this category and the notice is long enough, freezes
 * the roll from today's roster (ages as of the opening day), and stores the motion, every elector
 * and the audit entry in one transaction. Two taps with the same question and times give the same
 * motion: its id is derived from them.
 */
export async function openMotion(
  store: Store,
  caller: Caller,
  now: number,
  input: OpenMotionInput,
): Promise<MotionRecord> {
  const villageId = caller.villageId;
  if (!villageId) throw new AppError('NOT_JOINED');
  const village = await store.get<VillageRecord>('villages', villageId);
  if (!village) throw new AppError('NOT_FOUND', '没有这个村');
  if (!bodyAllowedFor(input.category, input.body)) throw new AppError('BODY_NOT_ALLOWED');
  const problems = checkSchedule({
    noticeAt: now,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    urgent: input.urgent ?? false,
    urgentReason: input.urgentReason,
  });
  if (problems.length > 0) {
    const first = problems[0];
    throw new AppError(first === 'noticeTooShort' ? 'NOTICE_TOO_SHORT' : 'INVALID_INPUT', SCHEDULE_TEXT[first]);
  }

  const persons = await store.find<PersonRecord>('persons', { villageId }, { limit: 10_000 });
  const accounts = await store.find<AccountRecord>('accounts', { villageId }, { limit: 10_000 });
  const withRole = (role: 'villagerDelegate' | 'committee') =>
    accounts.filter((a) => a.roles.includes(role) && a.personId !== null).map((a) => a.personId as string);
  const electorate = deriveElectorate(input.body, {
    persons: persons.map((p) => ({
      id: p._id,
      householdId: p.householdId,
      birthYear: p.birthYear,
      isHouseholdRep: p.isHouseholdRep,
    })),
    delegateIds: withRole('villagerDelegate'),
    committeeIds: withRole('committee'),
    opensAt: input.opensAt,
  });
  if (electorate.electors.length === 0) throw new AppError('ELECTORATE_EMPTY');

  const shape = buildMotionShape({
    kind: input.kind,
    optionLabels: input.options,
    minChoices: input.minChoices,
    maxChoices: input.maxChoices,
  });
  const rule = effectiveRule(input.body);
  const id = `mo_${sha256(JSON.stringify([villageId, input.question, input.opensAt, input.closesAt, input.matterId ?? null])).slice(0, 32)}`;
  const electorateDigest = listDigest(
    electorate.electors.map((e) => e.id),
    sha256,
  );
  const opening = {
    motionId: id,
    villageId,
    question: input.question,
    options: shape.options.map((o) => ({ ...o })),
    body: input.body,
    mode: input.mode,
    rule: { quorum: { ...rule.quorum }, majority: { ...rule.majority } },
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    electorateSize: electorate.electors.length,
    electorateDigest,
  };
  const anchorHead = chainStart(opening, sha256);
  const record: MotionRecord = {
    _id: id,
    villageId,
    matterId: input.matterId ?? null,
    category: input.category,
    question: input.question,
    kind: shape.kind,
    options: shape.options.map((o) => ({ ...o })),
    minChoices: shape.minChoices,
    maxChoices: shape.maxChoices,
    body: input.body,
    mode: input.mode,
    rule: opening.rule,
    ruleText: describeMotionRule({ ...shape, body: input.body, rule }),
    noticeAt: now,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    closedAt: null,
    urgent: input.urgent ?? false,
    urgentReason: input.urgent ? (input.urgentReason ?? null) : null,
    electorateSize: electorate.electors.length,
    anchorHead,
    openedBy: caller.accountId,
    result: null,
    sealedSeq: 0,
    sealedHead: anchorHead,
    tally: null,
    source: null,
    handCount: null,
    choicesDigest: null,
    receiptsDigest: null,
    electorateDigest,
    createdAt: now,
  };
  try {
    await store.transaction(async (tx) => {
      await tx.insert<MotionRecord>('motions', record);
      for (const e of electorate.electors) {
        await tx.insert<ElectorRecord>('electors', {
          _id: electorDocId(id, e.id),
          motionId: id,
          villageId,
          id: e.id,
          casterIds: [...e.casterIds],
        });
      }
      await appendAudit(tx, caller, now, {
        scope: villageId,
        action: 'votes.open',
        target: { collection: 'motions', id, label: input.question },
        before: null,
        after: {
          question: input.question,
          body: input.body,
          mode: input.mode,
          opensAt: input.opensAt,
          closesAt: input.closesAt,
          electorateSize: record.electorateSize,
          anchorHead,
        },
        reason: record.urgentReason ?? undefined,
      });
    });
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'DUPLICATE')) throw e;
  }
  const stored = await store.get<MotionRecord>('motions', id);
  if (!stored) throw new AppError('INTERNAL');
  if (stored.matterId) {
    // Everyone on the roll hears that the matter is put to a vote (one notice each, also on a retry).
    await notifyPersons(
      store,
      {
        villageId,
        matterId: stored.matterId,
        eventId: `vote-${id}`,
        kind: 'VoteOpened',
        title: stored.question,
        text: stored.ruleText,
        at: now,
      },
      [...new Set(electorate.electors.flatMap((e) => e.casterIds))],
    );
  }
  return stored;
}
