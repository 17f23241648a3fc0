import { loadChain, sha256, type AuditHead } from '../../cloudfunctions/shared/audit';
import { verifyChain } from '../../core/audit/chain';
import { revisionHash, type RevisionBody } from '../../core/board/revisions';
import { local } from '../helpers/call';
import { boardWorld, who, type BoardWorld, type NoticeOut } from '../helpers/board';

/**
 * Notices on a real on-disk store: drafted and published by the committee, never edited in place
 * (corrections and retraction are revisions with a reason, a diff and an audit entry), read by the
 * village or by anyone when public, pinned, paged, counted once per reader, and caught when someone
 * edits the store behind the service's back.
 */
jest.setTimeout(60_000);

let w: BoardWorld;
beforeAll(async () => {
  w = await boardWorld();
});
afterAll(() => w.cleanup());

const MIN = 60_000;

test('a draft is the committee’s alone until published; publishing makes revision 1 and logs it', async () => {
  const d = await w.api.ok<NoticeOut>(who.committee, 'board.draft', {
    kind: 'general',
    title: '三季度村务公开',
    body: '一、修了村口的路。\n二、换了三盏路灯。',
  });
  expect(d.notice).toMatchObject({ state: 'draft', revision: 0 });
  const id = d.notice.id;
  // Villagers do not see drafts, not even that one exists.
  expect(await w.api.code(who.villager1, 'board.get', { noticeId: id })).toBe('NOT_FOUND');
  expect(await w.api.code(who.villager1, 'board.draft', { kind: 'general', title: '我也写', body: 'x' })).toBe(
    'FORBIDDEN',
  );
  const drafts = await w.api.ok<{ items: Array<{ id: string }> }>(who.committee, 'board.drafts');
  expect(drafts.items.map((i) => i.id)).toContain(id);
  // A draft is edited in place: it was never published.
  w.ctx.clock.advance(MIN);
  const edited = await w.api.ok<NoticeOut>(who.committee, 'board.draft', {
    noticeId: id,
    kind: 'general',
    title: '三季度村务公开',
    body: '一、修了村口的路。\n二、换了三盏路灯。\n三、收了鱼塘承包费。',
  });
  expect(edited.content.body).toContain('鱼塘');
  // Accounts and vote results are not typed by hand.
  expect(await w.api.code(who.committee, 'board.draft', { kind: 'voteResult', title: '假结果', body: 'x' })).toBe(
    'INVALID_INPUT',
  );

  w.ctx.clock.advance(MIN);
  const p = await w.api.ok<NoticeOut>(who.committee, 'board.publish', { noticeId: id });
  expect(p.notice).toMatchObject({ state: 'published', revision: 1, publishedAt: w.ctx.clock.now() });
  expect(p.revisions).toMatchObject([{ n: 1, change: 'publish', authorName: '徐明', reason: null }]);
  expect(p.intact).toBe(true);
  expect(await w.api.code(who.committee, 'board.publish', { noticeId: id })).toBe('INVALID_TRANSITION');
  // Published words are not edited as a draft any more.
  expect(
    await w.api.code(who.committee, 'board.draft', { noticeId: id, kind: 'general', title: '改标题', body: 'x' }),
  ).toBe('INVALID_TRANSITION');
  const seen = await w.api.ok<NoticeOut>(who.villager1, 'board.get', { noticeId: id });
  expect(seen.content.body).toContain('鱼塘');
  expect(seen.me).toEqual({ read: true, canAsk: true, canManage: false });
});

test('a correction is a new revision with its reason, author, time and diff; the original stays readable', async () => {
  const p = await w.publish('村民小组长名单', '一组：张三\n二组：李四\n三组：王五');
  const id = p.notice.id;
  expect(
    await w.api.code(who.committee, 'board.correct', {
      noticeId: id,
      body: '一组：张三\n二组：李四\n三组：王五',
      reason: '没有改',
    }),
  ).toBe('NOTHING_CHANGED');
  expect(await w.api.code(who.committee, 'board.correct', { noticeId: id, body: '一组：张三' })).toBe('INVALID_INPUT');
  expect(await w.api.code(who.villager1, 'board.correct', { noticeId: id, body: 'x', reason: '我想改' })).toBe(
    'FORBIDDEN',
  );

  w.ctx.clock.advance(MIN);
  const c = await w.api.ok<NoticeOut>(who.committee, 'board.correct', {
    noticeId: id,
    body: '一组：张三\n二组：李思\n三组：王五',
    reason: '二组组长的名字写错了',
  });
  expect(c.notice).toMatchObject({ revision: 2, corrections: 1, state: 'published' });
  expect(c.revisions.map((r) => [r.n, r.change, r.reason])).toEqual([
    [1, 'publish', null],
    [2, 'correct', '二组组长的名字写错了'],
  ]);
  expect(c.changes).toMatchObject({ from: 1, to: 2, reason: '二组组长的名字写错了', authorName: '徐明' });
  const changed = c.changes?.diff.lines.filter((l) => l.op !== 'same').map((l) => `${l.op}:${l.text}`);
  expect(changed).toEqual(['del:二组：李四', 'add:二组：李思']);
  expect(c.content.body).toContain('李思');

  // The original is still there, word for word, and can be compared with any other revision.
  const r1 = await w.api.ok<{ revision: { content: { body: string } }; diff: unknown }>(
    who.villager2,
    'board.revision',
    {
      noticeId: id,
      n: 1,
    },
  );
  expect(r1.revision.content.body).toContain('李四');
  expect(r1.diff).toBeNull();
  const r2 = await w.api.ok<{ against: number; diff: { added: number; removed: number } }>(
    who.villager2,
    'board.revision',
    {
      noticeId: id,
      n: 2,
    },
  );
  expect([r2.against, r2.diff.added, r2.diff.removed]).toEqual([1, 1, 1]);
  expect(await w.api.code(who.villager2, 'board.revision', { noticeId: id, n: 3 })).toBe('NOT_FOUND');

  // A corrected title shows in the diff too.
  const t = await w.api.ok<NoticeOut>(who.committee, 'board.correct', {
    noticeId: id,
    title: '2026年村民小组长名单',
    body: '一组：张三\n二组：李思\n三组：王五',
    reason: '标题加上年份',
  });
  expect(t.changes?.diff.lines.filter((l) => l.op !== 'same').map((l) => l.text)).toEqual([
    '标题：村民小组长名单',
    '标题：2026年村民小组长名单',
  ]);
});

test('a retraction is a revision with a reason: the text stays readable, marked, unpinned, and final', async () => {
  const p = await w.publish('停水通知', '明天上午停水。', { pinned: true });
  expect(p.notice.pinned).toBe(true);
  const id = p.notice.id;
  expect(await w.api.code(who.committee, 'board.retract', { noticeId: id })).toBe('INVALID_INPUT');
  const r = await w.api.ok<NoticeOut>(who.committee, 'board.retract', {
    noticeId: id,
    reason: '水厂改了日子，另发通知',
  });
  expect(r.notice).toMatchObject({ state: 'retracted', revision: 2, pinned: false });
  expect(r.content.body).toBe('明天上午停水。');
  expect(r.revisions[1]).toMatchObject({ change: 'retract', reason: '水厂改了日子，另发通知' });
  expect(await w.api.code(who.committee, 'board.correct', { noticeId: id, body: '改', reason: '再改改' })).toBe(
    'INVALID_TRANSITION',
  );
  expect(await w.api.code(who.committee, 'board.retract', { noticeId: id, reason: '再撤一次' })).toBe(
    'INVALID_TRANSITION',
  );
  expect(await w.api.code(who.committee, 'board.arrange', { noticeId: id, pinned: true })).toBe('INVALID_TRANSITION');
  const seen = await w.api.ok<NoticeOut>(who.villager3, 'board.get', { noticeId: id });
  expect([seen.notice.state, seen.content.body]).toEqual(['retracted', '明天上午停水。']);
});

test('every publication, correction and retraction is in the village’s audit chain', async () => {
  const chain = await loadChain(w.ctx.store, 'vil-taoyuan');
  const board = chain.filter((e) => e.action.startsWith('board.'));
  expect(board.map((e) => e.action)).toEqual(
    expect.arrayContaining(['board.publish', 'board.correct', 'board.retract']),
  );
  const correction = board.find((e) => e.action === 'board.correct');
  expect(correction).toMatchObject({ reason: '二组组长的名字写错了', actor: { name: '徐明' } });
  expect(correction?.after).toMatchObject({ revision: 2 });
  expect(verifyChain(chain, await w.ctx.store.get<AuditHead>('auditHeads', 'vil-taoyuan'), sha256)).toEqual([]);
});

test('a village notice is for the village and its township; a public one is for anyone', async () => {
  const village = await w.publish('村里的事', '只给本村看');
  const pub = await w.publish('欢迎来桃源村', '所有人都能看', { visibility: 'public' });
  expect(await w.api.code(null, 'board.get', { noticeId: village.notice.id })).toBe('UNAUTHENTICATED');
  expect(await w.api.code(who.shiqiaoVillager, 'board.get', { noticeId: village.notice.id })).toBe('FORBIDDEN');
  expect((await w.api.ok<NoticeOut>(who.township, 'board.get', { noticeId: village.notice.id })).content.body).toBe(
    '只给本村看',
  );
  expect((await w.api.ok<NoticeOut>(null, 'board.get', { noticeId: pub.notice.id })).content.body).toBe('所有人都能看');
  expect((await w.api.ok<NoticeOut>(who.shiqiaoVillager, 'board.get', { noticeId: pub.notice.id })).me.canAsk).toBe(
    false,
  );
  // Outsiders list the public ones only, and must say which village.
  expect(await w.api.code(null, 'board.list')).toBe('NOT_FOUND');
  const outside = await w.api.ok<{ items: Array<{ id: string }>; member: boolean }>(null, 'board.list', {
    villageId: 'vil-taoyuan',
  });
  expect(outside.member).toBe(false);
  expect(outside.items.map((i) => i.id)).toEqual([pub.notice.id]);
  const inside = await w.api.ok<{ items: Array<{ id: string }>; member: boolean }>(who.villager1, 'board.list', {
    limit: 50,
  });
  expect(inside.member).toBe(true);
  expect(inside.items.map((i) => i.id)).toEqual(expect.arrayContaining([pub.notice.id, village.notice.id]));
  // Making a notice public (or not) is an arrangement, logged, not an edit.
  await w.api.ok(who.committee, 'board.arrange', { noticeId: village.notice.id, visibility: 'public' });
  expect((await w.api.ok<NoticeOut>(null, 'board.get', { noticeId: village.notice.id })).notice.visibility).toBe(
    'public',
  );
  await w.api.ok(who.committee, 'board.arrange', { noticeId: village.notice.id, visibility: 'village' });
  expect(await w.api.code(null, 'board.get', { noticeId: village.notice.id })).toBe('UNAUTHENTICATED');
});

test('the board lists pinned notices first, then the newest, a page at a time, by kind too', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 23; i += 1) {
    w.ctx.clock.advance(MIN);
    ids.push((await w.publish(`第${i}号通知`, `内容${i}`, { kind: i % 2 === 0 ? 'general' : 'decision' })).notice.id);
  }
  await w.api.ok(who.committee, 'board.arrange', { noticeId: ids[3], pinned: true });
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: Array<{ id: string; pinned: boolean; publishedAt: number }>; nextCursor: string | null } =
      await w.api.ok(who.villager1, 'board.list', { limit: 10, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen[0]).toBe(ids[3]);
  expect(seen.slice(1, 6)).toEqual([ids[22], ids[21], ids[20], ids[19], ids[18]]);
  const decisions = await w.api.ok<{ items: Array<{ kind: string }> }>(who.villager1, 'board.list', {
    kind: 'decision',
    limit: 50,
  });
  expect(decisions.items.length).toBeGreaterThanOrEqual(11);
  expect(decisions.items.every((i) => i.kind === 'decision')).toBe(true);
  expect(await w.api.code(who.villager1, 'board.list', { cursor: "1|x' OR 1=1" })).toBe('INVALID_INPUT');
  expect(await w.api.code(who.villager1, 'board.list', { limit: 51 })).toBe('INVALID_INPUT');
});

test('ten reads at once by one account count once; each member counts once; outsiders not at all', async () => {
  const p = await w.publish('读数测试', '看一看', { visibility: 'public' });
  const id = p.notice.id;
  const burst = await Promise.all(
    Array.from({ length: 10 }, () => w.api.ok<NoticeOut>(who.villager1, 'board.get', { noticeId: id })),
  );
  expect(burst.every((r) => r.me.read)).toBe(true);
  const count = async () => (await w.api.ok<NoticeOut>(who.committee, 'board.get', { noticeId: id })).notice.readCount;
  // The committee's own read is one more member's read.
  expect(await count()).toBe(2);
  await Promise.all([
    w.api.ok(who.villager2, 'board.get', { noticeId: id }),
    w.api.ok(who.villager2, 'board.get', { noticeId: id }),
    w.api.ok(null, 'board.get', { noticeId: id }),
    w.api.ok(who.township, 'board.get', { noticeId: id }),
    w.api.ok(who.shiqiaoVillager, 'board.get', { noticeId: id }),
  ]);
  expect(await count()).toBe(3);
  expect(await w.ctx.store.count('noticeReads', { noticeId: id })).toBe(3);
  const list = await w.api.ok<{ items: Array<{ id: string; readCount: number }> }>(who.villager1, 'board.list', {
    limit: 50,
  });
  expect(list.items.find((i) => i.id === id)?.readCount).toBe(3);
});

describe('someone with the disk in hand', () => {
  let id = '';
  let saved: Array<{ id: string; doc: string }> = [];
  beforeAll(async () => {
    const p = await w.publish('集体收入分配方案', '每户分红 300 元。');
    id = p.notice.id;
    await w.api.ok(who.committee, 'board.correct', { noticeId: id, body: '每户分红 320 元。', reason: '按最新账目' });
  });
  beforeEach(() => {
    saved = w.onDisk(
      (db) =>
        db.prepare("SELECT id, doc FROM c_noticeRevisions WHERE json_extract(doc, '$.noticeId') = ?").all(id) as Array<{
          id: string;
          doc: string;
        }>,
    );
  });
  afterEach(async () => {
    w.onDisk((db) => {
      const put = db.prepare('UPDATE c_noticeRevisions SET doc = ? WHERE id = ?');
      for (const r of saved) put.run(r.doc, r.id);
      db.prepare("UPDATE c_notices SET doc = json_set(doc, '$.headHash', ?) WHERE id = ?").run(
        (JSON.parse(saved[saved.length - 1].doc) as { hash: string }).hash,
        id,
      );
    });
    expect((await w.api.ok<NoticeOut>(who.villager1, 'board.get', { noticeId: id })).intact).toBe(true);
  });

  test('editing an old revision is caught by its hash', async () => {
    w.onDisk((db) =>
      db
        .prepare("UPDATE c_noticeRevisions SET doc = json_set(doc, '$.body', '每户分红 3000 元。') WHERE id = ?")
        .run(`${id}:r001`),
    );
    const seen = await w.api.ok<NoticeOut>(who.villager1, 'board.get', { noticeId: id });
    expect(seen.intact).toBe(false);
    expect(seen.problems.join('；')).toContain('第 1 版的内容被改动过');
  });

  test('rewriting the latest revision with a fresh hash, and the notice’s head, is caught by the audit log', async () => {
    w.onDisk((db) => {
      const row = db.prepare('SELECT doc FROM c_noticeRevisions WHERE id = ?').get(`${id}:r002`) as { doc: string };
      const doc = JSON.parse(row.doc) as RevisionBody & { hash: string };
      const forged = { ...doc, body: '每户分红 200 元。' };
      const hash = revisionHash(forged, sha256);
      db.prepare('UPDATE c_noticeRevisions SET doc = ? WHERE id = ?').run(
        JSON.stringify({ ...forged, hash }),
        `${id}:r002`,
      );
      db.prepare("UPDATE c_notices SET doc = json_set(doc, '$.headHash', ?) WHERE id = ?").run(hash, id);
    });
    const seen = await w.api.ok<NoticeOut>(who.villager1, 'board.get', { noticeId: id });
    expect(seen.content.body).toBe('每户分红 200 元。');
    expect(seen.intact).toBe(false);
    expect(seen.problems.join('；')).toContain('第 2 版和操作记录里记下的不一样');
  });

  test('and changing the audit entry to match breaks the audit chain itself', async () => {
    const entries = w.onDisk(
      (db) => db.prepare('SELECT id, doc FROM c_auditLog').all() as Array<{ id: string; doc: string }>,
    );
    try {
      w.onDisk((db) => {
        db.prepare(
          "UPDATE c_auditLog SET doc = json_set(doc, '$.after.title', '改过的') WHERE json_extract(doc, '$.target.id') = ? AND json_extract(doc, '$.action') = 'board.correct'",
        ).run(id);
      });
      const log = await w.api.ok<{ intact: boolean; problems: string[] }>(who.committee, 'members.auditLog');
      expect(log.intact).toBe(false);
      expect(log.problems.join('；')).toContain('被改动过');
    } finally {
      w.onDisk((db) => {
        const put = db.prepare('UPDATE c_auditLog SET doc = ? WHERE id = ?');
        for (const e of entries) put.run(e.doc, e.id);
      });
    }
    expect((await w.api.ok<{ intact: boolean }>(who.committee, 'members.auditLog')).intact).toBe(true);
  });

  test('removing the latest revision is caught', async () => {
    w.onDisk((db) => db.prepare('DELETE FROM c_noticeRevisions WHERE id = ?').run(`${id}:r002`));
    const seen = await w.api.ok<NoticeOut>(who.villager1, 'board.get', { noticeId: id });
    expect(seen.problems.join('；')).toContain('第 2 版不见了');
    w.onDisk((db) => {
      const last = saved[saved.length - 1];
      db.prepare('INSERT INTO c_noticeRevisions (id, doc) VALUES (?, ?)').run(last.id, last.doc);
    });
  });
});

test('only the committee of the notice’s own village writes; others get FORBIDDEN', async () => {
  const p = await w.publish('本村的公告', '内容');
  const id = p.notice.id;
  for (const [as, action, payload] of [
    [who.shiqiaoCommittee, 'board.correct', { noticeId: id, body: '越村', reason: '越村改改' }],
    [who.shiqiaoCommittee, 'board.retract', { noticeId: id, reason: '越村撤回' }],
    [who.shiqiaoCommittee, 'board.arrange', { noticeId: id, pinned: true }],
    [who.shiqiaoCommittee, 'board.print', { noticeId: id }],
    [who.township, 'board.correct', { noticeId: id, body: '乡里改', reason: '乡里改改' }],
    [who.villager1, 'board.retract', { noticeId: id, reason: '我要撤回' }],
    [local('demo-taoyuan-party'), 'board.arrange', { noticeId: id, pinned: true }],
  ] as const) {
    expect([action, await w.api.code(as, action, payload)]).toEqual([action, 'FORBIDDEN']);
  }
  expect(
    await w.api.code(who.committee, 'board.correct', { noticeId: 'nt_nothing', body: 'x', reason: '没有这条' }),
  ).toBe('NOT_FOUND');
});
