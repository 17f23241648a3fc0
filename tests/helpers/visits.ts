import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedFileStore } from '../../cloudfunctions/shared/files/embedded';
import type { Identity } from '../../cloudfunctions/shared/identity';
import type { AccountRecord } from '../../core/records';
import { caller, local } from './call';
import { seededStore } from './seeded';

/**
 * A seeded on-disk store with an upload folder for the visits tests: the demo people, and the
 * steps most tests take (generate, assign, check in).
 */
export const DAY = 86_400_000;

export const who = {
  committee: local('demo-taoyuan-committee'),
  party: local('demo-taoyuan-party'),
  grid: local('demo-taoyuan-grid'),
  villager: local('demo-taoyuan-villager1'),
  township: local('demo-township-staff'),
  shiqiaoParty: local('demo-shiqiao-party'),
  shiqiaoCommittee: local('demo-shiqiao-committee'),
} as const;

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

/** 桃源村's household number n (1–120); its group is taoyuan-g((n-1)%6+1). */
export const hh = (n: number): string => `h-taoyuan-${String(n).padStart(3, '0')}`;

export interface TaskOut {
  id: string;
  householdId: string;
  status: 'done' | 'due' | 'overdue';
  periodKey: string;
  periodKind: string;
  doneAt: number | null;
  visitId: string | null;
  memberId: string | null;
  dueSoon: boolean;
  daysLeft: number;
}
export interface Tally {
  total: number;
  done: number;
  due: number;
  overdue: number;
}
export interface NeedOut {
  id: string;
  level: string;
  state: string;
  ownerId: string | null;
  deadlineAt: number;
  matterId: string | null;
  history: Array<{ kind: string; level: string }>;
  closeOut: { text: string } | null;
}
export interface VisitOut {
  id: string;
  clientId: string;
  householdId: string;
  start: { at: number; location: unknown; photos: string[] };
  end: { at: number; location: unknown; photos: string[] };
  met: Array<{ personId: string; name: string }>;
  needs: NeedOut[];
  taskId: string;
}
export interface CheckInOut {
  visit: VisitOut;
  task: TaskOut;
  replayed: boolean;
}

export async function visitsWorld() {
  const ctx = await seededStore();
  const filesDir = mkdtempSync(join(tmpdir(), 'xz-visit-files-'));
  const files = new EmbeddedFileStore(filesDir);
  const api = caller({ ...ctx, files });

  const personOf = async (accountId: string): Promise<string> => {
    const a = await ctx.store.get<AccountRecord>('accounts', accountId);
    if (!a?.personId) throw new Error(`no person for ${accountId}`);
    return a.personId;
  };

  const upload = (bytes: Buffer, by = 'demo-taoyuan-party', name = 'photo.jpg'): string =>
    files.save(bytes, name, by, ctx.clock.now());

  const generate = (as: Identity = who.committee, villageId?: string) =>
    api.ok<{ created: number; existing: number; periods: string[] }>(
      as,
      'visits.generate',
      villageId ? { villageId } : {},
    );

  const assign = (householdIds: string[], memberId: string, as: Identity = who.committee) =>
    api.ok<{ households: number; warning: string | null; changed: number }>(as, 'visits.assign', {
      householdIds,
      memberId,
    });

  /** A check-in payload: a ten-minute visit ending now (or at `at`), nothing else unless given. */
  const visitPayload = (
    householdId: string,
    extra: Record<string, unknown> = {},
    at = ctx.clock.now() - 10 * 60_000,
  ) => ({
    clientId: randomUUID(),
    householdId,
    start: { at },
    end: { at: at + 10 * 60_000 },
    ...extra,
  });

  const checkIn = (as: Identity, householdId: string, extra: Record<string, unknown> = {}, at?: number) =>
    api.ok<CheckInOut>(as, 'visits.checkIn', visitPayload(householdId, extra, at));

  const myTasks = (as: Identity = who.party, month?: string) =>
    api.ok<{ month: string; tally: Tally; items: TaskOut[] }>(as, 'visits.myTasks', month ? { month } : {});

  const memberBoard = (as: Identity = who.party, month?: string) =>
    api.ok<{ tally: Tally; households: number; warning: string | null; coverage: number | null }>(
      as,
      'visits.memberBoard',
      month ? { month } : {},
    );

  const cleanup = async () => {
    await ctx.cleanup();
    rmSync(filesDir, { recursive: true, force: true });
  };

  return { ctx, files, api, personOf, upload, generate, assign, visitPayload, checkIn, myTasks, memberBoard, cleanup };
}

export type VisitsWorld = Awaited<ReturnType<typeof visitsWorld>>;
