import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedFileStore } from '../../cloudfunctions/shared/files/embedded';
import type { Identity } from '../../cloudfunctions/shared/identity';
import { caller, local } from './call';
import { seededStore } from './seeded';

/**
 * A seeded on-disk store with an upload folder, the demo people of both villages, and the few
 * steps every board test takes: draft and publish a notice, upload a file as someone.
 */
export const who = {
  committee: local('demo-taoyuan-committee'),
  villager1: local('demo-taoyuan-villager1'),
  villager2: local('demo-taoyuan-villager2'),
  villager3: local('demo-taoyuan-villager3'),
  party: local('demo-taoyuan-party'),
  grid: local('demo-taoyuan-grid'),
  delegate: local('demo-taoyuan-delegate'),
  shiqiaoCommittee: local('demo-shiqiao-committee'),
  shiqiaoVillager: local('demo-shiqiao-villager1'),
  township: local('demo-township-staff'),
} as const;

export interface NoticeOut {
  notice: {
    id: string;
    title: string;
    state: string;
    revision: number;
    corrections: number;
    pinned: boolean;
    visibility: string;
    readCount: number;
    inquiryCount: number;
    openInquiries: number;
    publishedAt: number | null;
    [key: string]: unknown;
  };
  content: { title: string; body: string; table: unknown; facts: Record<string, unknown> | null; link: string | null };
  revisions: Array<{ n: number; change: string; at: number; authorName: string; reason: string | null; hash: string }>;
  changes: {
    from: number;
    to: number;
    reason: string | null;
    authorName: string;
    diff: { lines: Array<{ op: string; text: string }>; added: number; removed: number };
  } | null;
  intact: boolean;
  problems: string[];
  me: { read: boolean; canAsk: boolean; canManage: boolean };
}

export async function boardWorld() {
  const ctx = await seededStore();
  const filesDir = mkdtempSync(join(tmpdir(), 'xz-board-files-'));
  const files = new EmbeddedFileStore(filesDir);
  const api = caller({ ...ctx, files });

  /** A file uploaded through the gateway by this account. */
  const upload = (bytes: Buffer, by = 'demo-taoyuan-committee', name = 'accounts.csv'): string =>
    files.save(bytes, name, by, ctx.clock.now());

  /** Drafted and published by 桃源村's committee (or the one given). */
  const publish = async (
    title: string,
    body: string,
    extra: Record<string, unknown> = {},
    as: Identity = who.committee,
  ): Promise<NoticeOut> => {
    const d = await api.ok<NoticeOut>(as, 'board.draft', { kind: 'general', title, body, ...extra });
    return api.ok<NoticeOut>(as, 'board.publish', { noticeId: d.notice.id });
  };

  /** Runs SQL against the store file directly, as someone with the disk in hand would. */
  const onDisk = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(join(ctx.dir, 'store.sqlite'));
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };

  const cleanup = async () => {
    await ctx.cleanup();
    rmSync(filesDir, { recursive: true, force: true });
  };

  return { ctx, files, api, upload, publish, onDisk, cleanup };
}

export type BoardWorld = Awaited<ReturnType<typeof boardWorld>>;
