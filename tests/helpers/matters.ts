import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedFileStore } from '../../cloudfunctions/shared/files/embedded';
import type { Identity } from '../../cloudfunctions/shared/identity';
import { applyVoteResult } from '../../cloudfunctions/matters/vote-result';
import type { AccountRecord, PersonRecord } from '../../core/records';
import { caller, local } from './call';
import { seededStore } from './seeded';

/**
 * A seeded on-disk store with an upload folder, the demo people of both villages, and the few
 * steps every matters test takes to get a matter where it needs it.
 */
export const DAY = 86_400_000;

export const who = {
  committee: local('demo-taoyuan-committee'),
  party: local('demo-taoyuan-party'),
  grid: local('demo-taoyuan-grid'),
  delegate: local('demo-taoyuan-delegate'),
  villager1: local('demo-taoyuan-villager1'),
  villager2: local('demo-taoyuan-villager2'),
  villager3: local('demo-taoyuan-villager3'),
  shiqiaoCommittee: local('demo-shiqiao-committee'),
  shiqiaoVillager: local('demo-shiqiao-villager1'),
  township: local('demo-township-staff'),
} as const;

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
export const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

export interface MatterOut {
  id: string;
  state: string;
  can: string[];
  cosignCount: number;
  commentCount: number;
  meetingCount: number;
  motionId: string | null;
  owner: { kind: string; id: string; name: string } | null;
  stances: { for: number; against: number; neutral: number };
  cosign: { count: number; electorate: number; threshold: number; reached: boolean; assemblyRequested: boolean };
  evaluation: {
    endsAt: number;
    open: boolean;
    summary: { count: number; average: string | null };
    myStars: number | null;
  } | null;
  screening: { dueAt: number; overdue: boolean; daysLeft: number } | null;
  canCosign: boolean;
  canComment: boolean;
  canRate: boolean;
  [key: string]: unknown;
}

export async function mattersWorld() {
  const ctx = await seededStore();
  const filesDir = mkdtempSync(join(tmpdir(), 'xz-matter-files-'));
  const files = new EmbeddedFileStore(filesDir);
  const api = caller({ ...ctx, files });

  /** An uploaded file, as the gateway would have stored it for this account. */
  const upload = (bytes: Buffer, by: string = 'demo-taoyuan-villager1', name = 'photo.jpg'): string =>
    files.save(bytes, name, by, ctx.clock.now());

  const raise = (as: Identity = who.villager1, payload: Record<string, unknown> = {}) =>
    api.ok<MatterOut>(as, 'matters.raise', { title: '村口路灯坏了要修', category: 'general', ...payload });

  const accept = (id: string) =>
    api.ok<MatterOut>(who.committee, 'matters.screen', { matterId: id, decision: 'accept' });

  const meeting = (id: string) =>
    api.ok<{ id: string }>(who.committee, 'matters.recordMeeting', {
      matterId: id,
      heldAt: ctx.clock.now(),
      place: '村委会会议室',
      attendees: 15,
      minutes: '大家一致认为要修',
      outcome: '交村民会议表决',
    });

  /** Raised, accepted, met about: ready to be decided. */
  const deliberated = async (payload: Record<string, unknown> = {}, as: Identity = who.villager1) => {
    const m = await raise(as, payload);
    await accept(m.id);
    await meeting(m.id);
    return m.id;
  };

  /** Put to an urgent vote (no 10-day notice), so a test need not wait for the window. */
  const toVote = async (id: string, body = 'adults'): Promise<string> => {
    const now = ctx.clock.now();
    const res = await api.ok<{ motionId: string }>(who.committee, 'matters.moveToVote', {
      matterId: id,
      body,
      mode: 'open',
      opensAt: now,
      closesAt: now + DAY,
      urgent: true,
      urgentReason: '汛期前要定下来',
    });
    return res.motionId;
  };

  /** What the votes module does when the count is in. */
  const voteResult = async (id: string, motionId: string, result: 'passed' | 'rejected' | 'noQuorum') =>
    applyVoteResult(ctx.store, ctx.clock.now(), { id: motionId, villageId: 'vil-taoyuan', matterId: id }, result, {
      turnout: 100,
      electorateSize: 200,
    });

  /** Deliberated, voted on and passed: waiting for work to start. */
  const passed = async (payload: Record<string, unknown> = {}) => {
    const id = await deliberated(payload);
    await voteResult(id, await toVote(id), 'passed');
    return id;
  };

  /** Passed, with villager3 as owner, and work started. */
  const implementing = async (payload: Record<string, unknown> = {}) => {
    const id = await passed(payload);
    await api.ok(who.committee, 'matters.assignOwner', {
      matterId: id,
      owner: { kind: 'person', personId: await personOf('demo-taoyuan-villager3') },
    });
    await api.ok(who.committee, 'matters.startWork', { matterId: id });
    return id;
  };

  /** Completed: the rating window is open. */
  const evaluating = async (payload: Record<string, unknown> = {}) => {
    const id = await implementing(payload);
    await api.ok(who.committee, 'matters.complete', { matterId: id, summary: '办完了' });
    return id;
  };

  const personOf = async (accountId: string): Promise<string> => {
    const a = await ctx.store.get<AccountRecord>('accounts', accountId);
    if (!a?.personId) throw new Error(`no person for ${accountId}`);
    return a.personId;
  };

  /** Extra villager accounts of 桃源村, bound to adults of the roster who have none, for crowds. */
  const moreVillagers = async (n: number, prefix = 'extra'): Promise<Identity[]> => {
    const taken = new Set(
      (await ctx.store.find<AccountRecord>('accounts', {}, { limit: 1000 })).map((a) => a.personId ?? ''),
    );
    const adults = (
      await ctx.store.find<PersonRecord>(
        'persons',
        { villageId: 'vil-taoyuan', birthYear: { $lte: 1990 } },
        { limit: 1000, sort: [['birthYear', 'asc']] },
      )
    ).filter((p) => !taken.has(p._id));
    if (adults.length < n) throw new Error('not enough adults');
    const out: Identity[] = [];
    for (let i = 0; i < n; i += 1) {
      const p = adults[i];
      const id = `${prefix}-${i}`;
      await ctx.store.insert<AccountRecord>('accounts', {
        _id: id,
        name: p.name,
        personId: p._id,
        villageId: 'vil-taoyuan',
        townshipId: 'tw-qinghe',
        roles: ['villager'],
        prefs: { elderMode: null },
        createdAt: ctx.clock.now(),
      });
      out.push(local(id));
    }
    return out;
  };

  const cleanup = async () => {
    await ctx.cleanup();
    rmSync(filesDir, { recursive: true, force: true });
  };

  return {
    ctx,
    files,
    api,
    upload,
    raise,
    accept,
    meeting,
    deliberated,
    toVote,
    voteResult,
    passed,
    implementing,
    evaluating,
    personOf,
    moreVillagers,
    cleanup,
  };
}

export type MattersWorld = Awaited<ReturnType<typeof mattersWorld>>;
