import type { ActionDef, OutputOf } from '../../core/action';
import type {
  complete,
  decide,
  get,
  reopen,
  returnToRaised,
  screen,
  startWork,
  withdraw,
} from '../../core/matter/actions';
import { callerOf, type ActionContext } from '../shared/handler';
import { adultElectorate } from './electorate';
import { loadMatter, villageRules } from './load';
import { takeStep, type StepRequest } from './steps';
import { matterView } from './view';

/**
 * The steps a person takes on a matter (screening, sending back, deciding alone, reopening,
 * starting and finishing the work, withdrawing): each is one lifecycle step through takeStep, so
 * every rule, and every error code, is the lifecycle's.
 */
type MatterViewOut = OutputOf<typeof get>;
type StepOptions = Omit<StepRequest, 'matterId' | 'actor' | 'now' | 'electorate' | 'settings'>;

async function stepAndView<A extends ActionDef>(
  ctx: ActionContext<A>,
  matterId: string,
  options: StepOptions,
): Promise<MatterViewOut> {
  const caller = callerOf(ctx);
  const before = await loadMatter(ctx.store, ctx.authorize, matterId);
  const now = ctx.clock.now();
  const [electorate, rules] = await Promise.all([
    adultElectorate(ctx.store, before.villageId, now),
    villageRules(ctx.store, before.villageId),
  ]);
  const { matter: after } = await takeStep(ctx.store, {
    ...options,
    matterId,
    actor: caller,
    now,
    electorate,
    settings: rules.settings,
  });
  return matterView(ctx.store, caller, now, after, electorate);
}

export function withdrawMatter(ctx: ActionContext<typeof withdraw>): Promise<MatterViewOut> {
  // The author's own step: not a committee action, so it is on the timeline but not the audit log.
  return stepAndView(ctx, ctx.input.matterId, { step: 'withdraw', reason: ctx.input.reason });
}

export function screenMatter(ctx: ActionContext<typeof screen>): Promise<MatterViewOut> {
  const input = ctx.input;
  const audit = 'matters.screen';
  switch (input.decision) {
    case 'accept':
      return stepAndView(ctx, input.matterId, { step: 'accept', reason: input.note, audit });
    case 'decline':
      return stepAndView(ctx, input.matterId, { step: 'decline', reason: input.reason, audit });
    case 'merge':
      return stepAndView(ctx, input.matterId, {
        step: 'merge',
        reason: input.reason,
        mergeTargetId: input.targetMatterId,
        audit,
      });
  }
}

export function returnMatter(ctx: ActionContext<typeof returnToRaised>): Promise<MatterViewOut> {
  return stepAndView(ctx, ctx.input.matterId, {
    step: 'returnToRaised',
    reason: ctx.input.reason,
    audit: 'matters.returnToRaised',
  });
}

export function decideMatter(ctx: ActionContext<typeof decide>): Promise<MatterViewOut> {
  return stepAndView(ctx, ctx.input.matterId, {
    step: 'decideByCommittee',
    reason: ctx.input.reason,
    audit: 'matters.decide',
  });
}

export function reopenMatter(ctx: ActionContext<typeof reopen>): Promise<MatterViewOut> {
  return stepAndView(ctx, ctx.input.matterId, { step: 'reopen', reason: ctx.input.reason, audit: 'matters.reopen' });
}

export function startMatterWork(ctx: ActionContext<typeof startWork>): Promise<MatterViewOut> {
  return stepAndView(ctx, ctx.input.matterId, { step: 'startWork', audit: 'matters.startWork' });
}

export function completeMatter(ctx: ActionContext<typeof complete>): Promise<MatterViewOut> {
  // The summary of what was done is published with the step, as a reason is.
  return stepAndView(ctx, ctx.input.matterId, {
    step: 'complete',
    reason: ctx.input.summary,
    audit: 'matters.complete',
  });
}
