import { z } from 'zod';
// One locale, not all of them: the bundle carries only what it speaks.
import zhCN from 'zod/v4/locales/zh-CN.cjs';
import type { ActionDef, OutputOf, ParsedInputOf } from '../../core/action';
import type { Caller } from '../../core/caller';
import { AppError, isAppError, type ErrorBody } from '../../core/errors';
import { assertCan, type Resource } from '../../core/policy';
import type { Clock } from './clock';
import type { FileStore } from './files/port';
import { resolveCaller, type Identity } from './identity';
import type { Store } from './store/port';

// Validation messages reach villagers: have zod speak Chinese.
z.config(zhCN());

export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface ActionContext<A extends ActionDef> {
  readonly input: ParsedInputOf<A>;
  /** Null only for actions whose audience is 'public'. */
  readonly caller: Caller | null;
  readonly store: Store;
  readonly clock: Clock;
  /** Uploaded files, by id; absent where uploads are not offered. */
  readonly files?: FileStore;
  /** Asks the policy whether the caller may act on this village's resource; throws FORBIDDEN if not. */
  authorize(resource: Resource): void;
}

/** The caller of an action that needs one: the wrapper has already refused anonymous calls. */
export function callerOf(ctx: { caller: Caller | null }): Caller {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED');
  return ctx.caller;
}

export interface Route {
  readonly def: ActionDef;
  readonly run: (ctx: ActionContext<ActionDef>) => Promise<unknown>;
}

export type Routes = Readonly<Record<string, Route>>;

export function route<A extends ActionDef>(def: A, run: (ctx: ActionContext<A>) => Promise<OutputOf<A>>): Route {
  return { def, run: run as unknown as Route['run'] };
}

export function routes(...list: Route[]): Routes {
  return Object.fromEntries(list.map((r) => [r.def.name, r]));
}

export interface DispatchDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly identity: Identity | null;
  readonly files?: FileStore;
  /** One line per call: action, outcome code, duration. Never payloads. */
  readonly log?: (entry: LogEntry) => void;
}

export interface LogEntry {
  readonly action: string;
  readonly code: string;
  readonly ms: number;
  readonly accountId?: string;
  readonly error?: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function invalidInput(error: z.ZodError): AppError {
  const details = error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  return new AppError('INVALID_INPUT', undefined, details);
}

/**
 * The one handler wrapper: parse the request, resolve the caller, ask the policy, run the
 * service, and map every failure to `{ ok:false, error:{ code, message } }`.
 */
export async function dispatch(table: Routes, event: unknown, deps: DispatchDeps): Promise<Envelope> {
  const started = Date.now();
  let actionName = '?';
  let caller: Caller | null = null;
  try {
    if (!isPlainObject(event) || typeof event.action !== 'string') {
      throw new AppError('INVALID_INPUT', '请求里缺少要做的操作（action）');
    }
    actionName = event.action.slice(0, 80);
    const found = Object.prototype.hasOwnProperty.call(table, event.action) ? table[event.action] : undefined;
    if (!found) throw new AppError('UNKNOWN_ACTION');
    const payload: Record<string, unknown> = { ...event };
    delete payload.action;
    const parsed = found.def.input.safeParse(payload);
    if (!parsed.success) throw invalidInput(parsed.error);
    caller = await resolveCaller(deps.store, deps.identity);
    assertCan(caller, found.def);
    const current = caller;
    const data = await found.run({
      input: parsed.data,
      caller: current,
      store: deps.store,
      clock: deps.clock,
      files: deps.files,
      authorize: (resource) => assertCan(current, found.def, resource),
    });
    // The output schema is the contract the client is typed from: hold the service to it.
    const out = found.def.output.safeParse(data);
    if (!out.success) throw new Error(`output of ${found.def.name} does not match its schema: ${out.error.message}`);
    deps.log?.({ action: actionName, code: 'OK', ms: Date.now() - started, accountId: caller?.accountId });
    return { ok: true, data: out.data };
  } catch (e) {
    const err = isAppError(e) ? e : new AppError('INTERNAL');
    deps.log?.({
      action: actionName,
      code: err.code,
      ms: Date.now() - started,
      accountId: caller?.accountId,
      error: isAppError(e) ? undefined : e instanceof Error ? e.message : String(e),
    });
    return { ok: false, error: err.toBody() };
  }
}
