import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../cloudfunctions/shared/store/embedded';
import type { Store } from '../../cloudfunctions/shared/store/port';
import type {
  NeedRecord,
  VisitHouseholdRecord,
  VisitRecord,
  VisitStatsRecord,
  VisitTaskRecord,
} from '../../cloudfunctions/visits/records';
import { startGateway, type RunningGateway } from '../helpers/gateway-process';

/**
 * Durability: the real gateway (`npm start` as a child process, fsync on every commit) takes 1,000
 * check-ins over HTTP on 127.0.0.1, 40 at a time, and is killed with SIGKILL midway. On the same
 * data folder, every check-in it acknowledged is there, and none is half-written: no visit without
 * its needs, task or counters, no need or done task without its visit. Then the phone's queue sends
 * all 1,000 again to the restarted gateway: exactly 1,000 visits, each counted once.
 */
jest.setTimeout(240_000);

const TOTAL = 1000;
const IN_FLIGHT = 40;
const KILL_AFTER = 400;
const ENV = { XZ_DURABILITY: 'full', XZ_TIMER_MS: '1000' };

let dataDir: string;
let gw: RunningGateway | null = null;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'xz-visits-durable-'));
});
afterAll(async () => {
  if (gw) await gw.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The processes under a pid (tsx's CLI runs the gateway in a child of its own). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const c of children.trim().split(/\s+/).filter(Boolean).map(Number)) out.push(c, ...descendants(c));
  }
  return out;
}

/** SIGKILL to the gateway itself (the deepest process), then to the tsx wrapper: no chance to flush. */
async function killHard(g: RunningGateway): Promise<void> {
  const pid = g.child.pid;
  if (pid === undefined) throw new Error('gateway has no pid');
  const exited = new Promise((r) => g.child.once('exit', r));
  for (const p of descendants(pid).reverse()) process.kill(p, 'SIGKILL');
  process.kill(pid, 'SIGKILL');
  await exited;
}

async function post(
  url: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string } };
}

async function login(url: string, userId: string): Promise<string> {
  const r = await post(url, '/api/dev/login', { userId });
  if (!r.ok) throw new Error(`login ${userId}: ${JSON.stringify(r)}`);
  return (r.data as { token: string }).token;
}

const hh = (n: number): string => `h-taoyuan-${String(n).padStart(3, '0')}`;

function payloads(now: number): Array<Record<string, unknown>> {
  return Array.from({ length: TOTAL }, (_, i) => ({
    clientId: randomUUID(),
    householdId: hh((i % 120) + 1),
    // Spread over the last four weeks, so the check-ins complete some tasks and make others.
    start: {
      at: now - ((i * 37) % (28 * 24)) * 3_600_000 - 3_600_000,
      location: { consent: i % 5 === 0 ? 'refused' : 'unavailable' },
    },
    end: { at: now - ((i * 37) % (28 * 24)) * 3_600_000 - 3_000_000 },
    notes: `第${i}次`,
    needs:
      i % 3 === 0
        ? [
            { category: 'other', text: `诉求${i}` },
            { category: 'health', text: `看病${i}` },
          ]
        : [],
  }));
}

interface Ack {
  readonly clientId: string;
  readonly visitId: string;
  readonly needIds: string[];
}

/** Sends the check-ins IN_FLIGHT at a time; calls onAck for each acknowledged one; stops when told. */
async function send(
  url: string,
  token: string,
  list: Array<Record<string, unknown>>,
  onAck: (a: Ack, replayed: boolean) => void,
) {
  let next = 0;
  const failures: string[] = [];
  const worker = async () => {
    while (next < list.length) {
      const p = list[next];
      next += 1;
      try {
        const r = await post(url, '/api/visits', { action: 'visits.checkIn', ...p }, token);
        if (r.ok) {
          const d = r.data as { visit: { id: string; needs: Array<{ id: string }> }; replayed: boolean };
          onAck(
            { clientId: String(p.clientId), visitId: d.visit.id, needIds: d.visit.needs.map((n) => n.id) },
            d.replayed,
          );
        } else failures.push(r.error?.code ?? '?');
      } catch {
        // The connection died with the gateway: not acknowledged, the phone keeps it queued.
        failures.push('NETWORK');
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return failures;
}

const num = (d: VisitStatsRecord, f: string) => (typeof d[f] === 'number' ? (d[f] as number) : 0);

/** Everything the store holds about visits, checked whole: nothing half-written. */
async function checkWhole(store: Store) {
  const visits = await store.find<VisitRecord>('visits', {}, { limit: 10_000 });
  const needs = await store.find<NeedRecord>('visitNeeds', {}, { limit: 10_000 });
  const tasks = await store.find<VisitTaskRecord>('visitTasks', {}, { limit: 10_000 });
  const stats = await store.find<VisitStatsRecord>('visitStats', {}, { limit: 10_000 });
  const households = await store.find<VisitHouseholdRecord>('visitHouseholds', {}, { limit: 10_000 });
  const visitIds = new Set(visits.map((v) => v._id));
  const needIds = new Set(needs.map((n) => n._id));
  const taskById = new Map(tasks.map((t) => [t._id, t]));
  // Every visit has all its needs and a done task; every need and every done task has its visit.
  for (const v of visits) {
    for (const id of v.needIds) expect(needIds.has(id)).toBe(true);
    expect(taskById.get(v.taskId)?.stage).toBe('done');
  }
  for (const n of needs) expect(visitIds.has(n.visitId)).toBe(true);
  for (const t of tasks) if (t.visitId !== null) expect(visitIds.has(t.visitId)).toBe(true);
  // Counters count exactly what is stored.
  const grid = stats.filter((d) => d.kind === 'gridPeriod');
  const standing = stats.filter((d) => d.kind === 'grid');
  const sum = (docs: VisitStatsRecord[], pred: (f: string) => boolean) =>
    docs.reduce((s, d) => s + Object.keys(d).reduce((t, f) => t + (pred(f) ? num(d, f) : 0), 0), 0);
  expect(sum(grid, (f) => f === 'visits')).toBe(visits.length);
  expect(sum(grid, (f) => f.startsWith('t_'))).toBe(tasks.length);
  expect(sum(grid, (f) => f.startsWith('d_'))).toBe(tasks.filter((t) => t.stage === 'done').length);
  expect(sum(standing, (f) => f === 'needsRaised')).toBe(needs.length);
  expect(households.reduce((s, h) => s + h.visitCount, 0)).toBe(visits.length);
  return { visits: visits.length, needs: needs.length, visitIds };
}

test('SIGKILL midway through 1,000 check-ins: everything acknowledged is there, nothing half-written', async () => {
  gw = await startGateway(ENV, dataDir);
  const committee = await login(gw.url, 'demo-taoyuan-committee');
  const party = await login(gw.url, 'demo-taoyuan-party');
  const personId = 'p-taoyuan-0006';
  const assigned = await post(
    gw.url,
    '/api/visits',
    { action: 'visits.assign', householdIds: [2, 8, 14, 20, 26, 32, 38, 44].map(hh), memberId: personId },
    committee,
  );
  expect(assigned.ok).toBe(true);

  const list = payloads(Date.now());
  const acked = new Map<string, Ack>();
  const running = gw;
  let killing: Promise<void> | null = null;
  const failures = await send(running.url, party, list, (a) => {
    acked.set(a.clientId, a);
    if (acked.size === KILL_AFTER && !killing) killing = killHard(running);
  });
  await killing;
  gw = null;
  expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(acked.size).toBeLessThan(TOTAL);
  // Before the kill nothing failed: every failure is a connection the kill cut.
  expect(new Set(failures)).toEqual(new Set(['NETWORK']));

  // The data folder as the killed gateway left it.
  const store = openEmbeddedStore({ dir: dataDir });
  const whole = await checkWhole(store);
  for (const a of acked.values()) expect(whole.visitIds.has(a.visitId)).toBe(true);
  expect(whole.visits).toBeGreaterThanOrEqual(acked.size);
  expect(whole.visits).toBeLessThanOrEqual(acked.size + IN_FLIGHT);
  await store.close();

  // Back online: the phone sends its whole queue again, acknowledged ones included.
  gw = await startGateway(ENV, dataDir);
  const again = await login(gw.url, 'demo-taoyuan-party');
  let replayed = 0;
  const second = new Map<string, Ack>();
  const failures2 = await send(gw.url, again, list, (a, r) => {
    second.set(a.clientId, a);
    if (r) replayed += 1;
  });
  expect(failures2).toEqual([]);
  expect(second.size).toBe(TOTAL);
  expect(replayed).toBeGreaterThanOrEqual(acked.size);
  for (const a of acked.values()) expect(second.get(a.clientId)).toEqual(a);
  await gw.stop();
  gw = null;

  const after = openEmbeddedStore({ dir: dataDir });
  const final = await checkWhole(after);
  expect(final.visits).toBe(TOTAL);
  expect(final.needs).toBe(list.filter((_, i) => i % 3 === 0).length * 2);
  await after.close();
});
