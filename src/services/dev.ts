import { ApiError } from './api';

/**
 * The local gateway's demo sign-in (GET /api/dev/users, POST /api/dev/login). These routes exist
 * only on the embedded store outside production; elsewhere they answer 404 and the page says so.
 */
export interface DemoUser {
  readonly accountId: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly roleLabels: readonly string[];
  readonly villageName: string;
}

async function json(res: Response): Promise<unknown> {
  if (res.status === 404) throw new ApiError('NOT_FOUND', '这里不提供演示账号（只在本地演示环境里有）');
  const body: unknown = await res.json();
  if (typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true) {
    return (body as { data: unknown }).data;
  }
  throw new ApiError('INTERNAL', '演示账号没有加载出来，请稍后再试');
}

export async function listDemoUsers(): Promise<DemoUser[]> {
  try {
    return (await json(await fetch('/api/dev/users'))) as DemoUser[];
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('UNAVAILABLE', '网络不太好，没有连上，请稍后再试');
  }
}

export async function devLogin(accountId: string): Promise<string> {
  try {
    const res = await fetch('/api/dev/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: accountId }),
    });
    return ((await json(res)) as { token: string }).token;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('UNAVAILABLE', '网络不太好，没有连上，请稍后再试');
  }
}

/** A notification that WeChat would deliver as a subscribe message; on the local gateway it waits here. */
export interface DevMessage {
  readonly _id: string;
  readonly matterId: string | null;
  readonly kind: string;
  readonly title: string;
  readonly text: string | null;
  readonly at: number;
  readonly sentAt: number | null;
}

export async function listDevOutbox(accountId: string): Promise<DevMessage[]> {
  try {
    return (await json(await fetch(`/api/dev/outbox?accountId=${encodeURIComponent(accountId)}`))) as DevMessage[];
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('UNAVAILABLE', '网络不太好，没有连上，请稍后再试');
  }
}
