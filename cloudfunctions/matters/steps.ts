import type { Caller } from '../../core/caller';
import { AppError } from '../../core/errors';
import { transitionOrThrow, type MergeTarget, type TransitionName } from '../../core/matter/lifecycle';
import type { MatterSettings } from '../../core/matter/settings';
import { isTerminal, stageOf, type MatterState } from '../../core/matter/states';
import { publishMatterStep } from '../board/auto';
import { appendAudit } from '../shared/audit';
import type { DocOps, Patch, Store } from '../shared/store/port';
import { timeKey } from './ids';
import { deliverAfterCommit } from './outbox';
import type { StoredMatter } from './records';
import { appendEvents } from './timeline';

/**
 * One lifecycle step, the one way a matter changes state: read it inside a transaction, ask
 * core's transition() whether the step may be taken and what it changes, then write the change,
 * its timeline entry and (for the committee's steps) its audit entry together. The version check
 * turns a race with another step into CONFLICT instead of a lost update.
 */
export interface StepRequest {
  readonly matterId: string;
  readonly step: TransitionName;
  readonly actor: Caller | 'system';
  readonly now: number;
  /** Adults on the roll, for the one-tenth rule (electorate.ts); steps of the system pass 0. */
  readonly electorate: number;
  readonly settings?: MatterSettings;
  readonly reason?: string;
  readonly mergeTargetId?: string;
  /** Fields written with the step that the lifecycle does not own (moveToVote's motionId). */
  readonly extra?: Patch<StoredMatter>;
  /** What the timeline shows when it is not the reason (a vote's turnout, the published score). */
  readonly text?: string | null | ((m: StoredMatter) => string | null);
  /** The committee's steps go to the village's audit log under this action name. */
  readonly audit?: string;
  /** moveToVote's claim: the one step let through while its motion is being opened. */
  readonly claimToken?: string;
  /** True when the matter already shows this step done (a replay): it is returned unchanged. */
  readonly alreadyDone?: (m: StoredMatter) => boolean;
}

/** The fields kept beside state and updatedAt so lists stay one indexed range. */
export function derivedFields(
  m: Pick<StoredMatter, '_id' | 'state' | 'updatedAt'>,
  patch: { readonly state?: MatterState; readonly updatedAt?: number },
): Pick<StoredMatter, 'stage' | 'phase' | 'activityKey'> {
  const state = patch.state ?? m.state;
  return {
    stage: stageOf(state),
    phase: isTerminal(state) ? 'ended' : 'active',
    activityKey: timeKey(patch.updatedAt ?? m.updatedAt, m._id),
  };
}

/** An update that is news on the matter (a meeting, an owner, progress): it moves up the list. */
export function touched(m: Pick<StoredMatter, '_id'>, now: number): Pick<StoredMatter, 'updatedAt' | 'activityKey'> {
  return { updatedAt: now, activityKey: timeKey(now, m._id) };
}

/** While moveToVote holds its claim, other changes of state wait (see StoredMatter.voteOpening). */
export function assertNotOpeningVote(m: StoredMatter, now: number, token?: string): void {
  const claim = m.voteOpening;
  if (claim && claim.until > now && claim.token !== token) {
    throw new AppError('CONFLICT', '这件事正在交付表决，请稍后再试');
  }
}

async function mergeTargetOf(tx: DocOps, m: StoredMatter, targetId: string): Promise<MergeTarget | undefined> {
  const target = await tx.get<StoredMatter>('matters', targetId);
  // Another village's matter is no target at all: the lifecycle then refuses with INVALID_MERGE_TARGET.
  if (!target || target.villageId !== m.villageId) return undefined;
  return { _id: target._id, state: target.state, category: target.category };
}

/** The timeline's words for a step: what the caller gave, else the reason published with it. */
function stepText(req: StepRequest, m: StoredMatter, reason: string | null): string | null {
  if (typeof req.text === 'function') return req.text(m);
  return req.text !== undefined ? req.text : reason;
}

export interface StepResult {
  readonly matter: StoredMatter;
  /** False when the step was found already done (alreadyDone) and nothing was written. */
  readonly took: boolean;
}

export async function takeStep(store: Store, req: StepRequest): Promise<StepResult> {
  const done = await store.transaction(async (tx) => {
    const m = await tx.get<StoredMatter>('matters', req.matterId);
    if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
    if (req.alreadyDone?.(m)) return { matter: m, took: false, deliver: [] as readonly string[] };
    assertNotOpeningVote(m, req.now, req.claimToken);
    const mergeTarget = req.mergeTargetId ? await mergeTargetOf(tx, m, req.mergeTargetId) : undefined;
    const result = transitionOrThrow(m, req.step, {
      actor: req.actor,
      now: req.now,
      electorate: req.electorate,
      reason: req.reason,
      mergeTarget,
      settings: req.settings,
    });
    const by = req.actor === 'system' ? null : req.actor;
    const events = await appendEvents(tx, m, req.now, [
      {
        kind: result.event.type,
        transition: req.step,
        by,
        state: result.to,
        text: stepText(req, m, result.event.reason),
        notify: true,
      },
    ]);
    const change = { ...result.patch, ...req.extra };
    const patch: Patch<StoredMatter> = { ...change, ...derivedFields(m, change), eventSeq: events.eventSeq };
    await tx.update<StoredMatter>('matters', m._id, patch, { expectVersion: m.version });
    if (by && req.audit) {
      await appendAudit(tx, by, req.now, {
        scope: m.villageId,
        action: req.audit,
        target: { collection: 'matters', id: m._id },
        before: { state: result.from },
        after: change,
        reason: result.event.reason ?? undefined,
      });
    }
    const matter: StoredMatter = { ...m, ...patch, version: (m.version ?? 0) + 1 };
    return { matter, took: true, deliver: events.toDeliver };
  });
  await deliverAfterCommit(store, done.deliver);
  // After the commit, like the notifications: the board publishes the steps the village must see
  // (declined, decided, passed, completed, rated), once, and never fails a step already taken.
  if (done.took) await publishMatterStep(store, req.step, done.matter, req.reason ?? null, req.now);
  return { matter: done.matter, took: done.took };
}
