import Database from 'better-sqlite3';
import { join } from 'node:path';
import { runTimers } from '../../cloudfunctions/timers/run';
import type { ContentRecord, PresenceRecord } from '../../cloudfunctions/votes/records';
import { verifyTally } from '../../scripts/verify-tally';
import { caller, local } from '../helpers/call';
import { seededStore } from '../helpers/seeded';

/** The votes function on a real on-disk store: the law's rules, one ballot each, secrecy, and a tally anyone can check. */
let ctx: Awaited<ReturnType<typeof seededStore>>;
let api: ReturnType<typeof caller>;
const committee = local('demo-taoyuan-committee');
const V = [
  'demo-taoyuan-villager1',
  'demo-taoyuan-villager2',
  'demo-taoyuan-villager3',
  'demo-taoyuan-party',
  'demo-taoyuan-grid',
  'demo-taoyuan-delegate',
].map(local);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

beforeAll(async () => {
  ctx = await seededStore();
  api = caller(ctx);
});
afterAll(() => ctx.cleanup());

interface MotionOut {
  id: string;
  electorateSize: number;
  anchorHead: string;
  ruleText: string;
}

async function openUrgent(extra: Record<string, unknown> = {}): Promise<MotionOut> {
  const now = ctx.clock.now();
  return api.ok<MotionOut>(committee, 'votes.open', {
    question: `村里的路要不要今年修？${Math.random()}`,
    kind: 'yesNo',
    body: 'adults',
    category: 'publicWelfare',
    opensAt: now + MIN,
    closesAt: now + DAY,
    mode: 'secret',
    urgent: true,
    urgentReason: '汛期前必须定下来',
    ...extra,
  });
}

test('only the committee opens, with ten days notice unless urgent with a reason, and never to a body the law forbids', async () => {
  const now = ctx.clock.now();
  const base = { question: '修路', kind: 'yesNo', body: 'adults', category: 'publicWelfare', mode: 'secret' };
  expect(await api.code(V[0], 'votes.open', { ...base, opensAt: now + 11 * DAY, closesAt: now + 12 * DAY })).toBe(
    'FORBIDDEN',
  );
  expect(await api.code(committee, 'votes.open', { ...base, opensAt: now + 9 * DAY, closesAt: now + 12 * DAY })).toBe(
    'NOTICE_TOO_SHORT',
  );
  expect(
    await api.code(committee, 'votes.open', { ...base, opensAt: now + MIN, closesAt: now + DAY, urgent: true }),
  ).toBe('INVALID_INPUT');
  expect(
    await api.code(committee, 'votes.open', {
      ...base,
      body: 'delegates',
      category: 'charter',
      opensAt: now + 11 * DAY,
      closesAt: now + 12 * DAY,
    }),
  ).toBe('BODY_NOT_ALLOWED');
  const m = await api.ok<MotionOut & { ruleText: string }>(committee, 'votes.open', {
    ...base,
    opensAt: now + 11 * DAY,
    closesAt: now + 12 * DAY,
  });
  expect(m.ruleText).toMatch(/一半/);
  // Two taps, one motion.
  const again = await api.ok<MotionOut>(committee, 'votes.open', {
    ...base,
    opensAt: now + 11 * DAY,
    closesAt: now + 12 * DAY,
  });
  expect(again.id).toBe(m.id);
  // The roll is frozen: every adult of 桃源村 on the opening day.
  const e = await api.ok<{ adults: number }>(committee, 'roster.electorate', { asOf: now + 11 * DAY });
  expect(m.electorateSize).toBeLessThanOrEqual(e.adults);
  expect(m.electorateSize).toBeGreaterThan(e.adults - 20);
});

test('a secret vote from opening to a result anyone can check, with every error code on the way', async () => {
  const m = await openUrgent();
  expect(await api.code(V[0], 'votes.cast', { motionId: m.id, choices: ['yes'] })).toBe('VOTING_NOT_OPEN');
  ctx.clock.advance(2 * MIN);

  const r0 = await api.ok<{ receipt: string }>(V[0], 'votes.cast', { motionId: m.id, choices: ['yes'] });
  expect(r0.receipt).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  expect(await api.code(V[0], 'votes.cast', { motionId: m.id, choices: ['no'] })).toBe('ALREADY_VOTED');
  expect(await api.code(V[1], 'votes.cast', { motionId: m.id, choices: ['yes', 'no'] })).toBe('INVALID_CHOICES');
  expect(await api.code(V[1], 'votes.cast', { motionId: m.id, choices: ['maybe'] })).toBe('INVALID_CHOICES');
  // Township staff may look at the vote, but they are on no village's roll.
  expect(await api.code(local('demo-township-staff'), 'votes.cast', { motionId: m.id, choices: ['yes'] })).toBe(
    'NOT_ELIGIBLE',
  );
  expect(await api.code(local('demo-shiqiao-villager1'), 'votes.cast', { motionId: m.id, choices: ['yes'] })).toBe(
    'FORBIDDEN',
  );
  expect(await api.code(V[1], 'votes.cast', { motionId: 'mo_nothing', choices: ['yes'] })).toBe('NOT_FOUND');

  // Ten taps at once from one phone: one ballot.
  const burst = await Promise.all(
    Array.from({ length: 10 }, () => api.call(V[1], 'votes.cast', { motionId: m.id, choices: ['no'] })),
  );
  expect(burst.filter((r) => r.ok)).toHaveLength(1);
  expect(burst.filter((r) => !r.ok && r.error.code === 'ALREADY_VOTED')).toHaveLength(9);
  await api.ok(V[2], 'votes.cast', { motionId: m.id, choices: ['abstain'] });
  // An elector present in the hall: the committee records it, marked assisted.
  const persons = await ctx.store.find<{ _id: string; birthYear: number }>(
    'persons',
    { villageId: 'vil-taoyuan', householdId: 'h-taoyuan-010' },
    { limit: 10 },
  );
  const adult = persons.find((p) => p.birthYear < 2000);
  if (!adult) throw new Error('no adult');
  await api.ok(committee, 'votes.castAssisted', { motionId: m.id, electorId: adult._id, choices: ['yes'] });
  expect(
    await api.code(committee, 'votes.castAssisted', { motionId: m.id, electorId: adult._id, choices: ['no'] }),
  ).toBe('ALREADY_VOTED');
  expect(
    await api.code(committee, 'votes.castAssisted', { motionId: m.id, electorId: 'p-nobody', choices: ['no'] }),
  ).toBe('NOT_ELIGIBLE');

  // While it runs: turnout and the chain's head, never counts.
  const live = await api.ok<{
    live: { turnout: number; chainHead: string; chainLength: number };
    me: { voted: boolean; eligible: boolean };
  }>(V[0], 'votes.get', { motionId: m.id });
  expect(live.live.turnout).toBe(4);
  expect(live.live.chainLength).toBe(4);
  expect(live.me).toEqual({ eligible: true, voted: true });
  expect(JSON.stringify(live)).not.toMatch(/"counts"|"yes":|"choices"/);
  expect(await api.code(V[0], 'votes.result', { motionId: m.id })).toBe('RESULT_NOT_READY');
  expect(await api.code(committee, 'votes.close', { motionId: m.id })).toBe('CLOSE_EARLY_NOT_ALLOWED');

  ctx.clock.advance(DAY);
  expect(await api.code(V[3], 'votes.cast', { motionId: m.id, choices: ['yes'] })).toBe('VOTING_CLOSED');
  const report = await runTimers(ctx.store, ctx.clock.now());
  expect(report.closed).toContain(m.id);
  expect(await api.code(committee, 'votes.close', { motionId: m.id })).toBe('VOTING_CLOSED');
  expect((await runTimers(ctx.store, ctx.clock.now())).closed).not.toContain(m.id);

  const res = await api.ok<{
    tally: { turnout: number; quorumMet: boolean; counts: Record<string, number>; result: string };
    receipts: string[];
    secretChoices: string[][];
    openBallots: unknown;
    chainHead: string;
  }>(V[4], 'votes.result', { motionId: m.id });
  expect(res.tally).toMatchObject({
    turnout: 4,
    quorumMet: false,
    result: 'noQuorum',
    counts: { yes: 2, no: 1, abstain: 1 },
  });
  expect(res.receipts).toContain(r0.receipt);
  expect(res.receipts).toHaveLength(4);
  expect(res.secretChoices.map((c) => c.join()).sort()).toEqual(['abstain', 'no', 'yes', 'yes']);
  expect(res.openBallots).toBeNull();
  expect(res.chainHead).toBe(live.live.chainHead);

  expect(await api.ok(V[0], 'votes.myReceipt', { motionId: m.id })).toMatchObject({
    receipt: r0.receipt,
    assisted: false,
  });
  expect(
    await api.ok(V[3], 'votes.checkReceipt', { motionId: m.id, receipt: r0.receipt.toLowerCase().replace('-', ' ') }),
  ).toEqual({ counted: true });
  expect(await api.ok(V[3], 'votes.checkReceipt', { motionId: m.id, receipt: '2222-2222' })).toEqual({
    counted: false,
  });
  expect(await api.ok(V[3], 'votes.myReceipt', { motionId: m.id })).toMatchObject({ receipt: null });

  expect(await verifyTally(ctx.store, m.id)).toMatchObject({ ok: true, ballots: 4 });
});

test('secrecy: no stored record, no response and no receipt links a voter to a secret choice', async () => {
  const m = await openUrgent();
  ctx.clock.advance(2 * MIN);
  const receipts: string[] = [];
  const responses: string[] = [];
  for (const [i, who] of V.entries()) {
    const r = await api.ok<{ receipt: string }>(who, 'votes.cast', {
      motionId: m.id,
      choices: [i % 2 === 0 ? 'yes' : 'no'],
    });
    receipts.push(r.receipt);
    responses.push(JSON.stringify(r));
    responses.push(JSON.stringify(await api.ok(who, 'votes.get', { motionId: m.id })));
    responses.push(JSON.stringify(await api.ok(who, 'votes.myReceipt', { motionId: m.id })));
  }
  // What a voter gets back never depends on what they chose: no choices, no counts, only receipts.
  for (const r of responses) expect(r).not.toMatch(/"choices"|"counts"|"tally"/);
  const presences = await ctx.store.find<PresenceRecord>('ballotPresence', { motionId: m.id }, { limit: 100 });
  for (const p of presences) expect(p).not.toHaveProperty('choices');
  const contents = await ctx.store.find<ContentRecord>('ballotContents', { motionId: m.id }, { limit: 100 });
  expect(contents).toHaveLength(V.length);
  for (const c of contents) expect(Object.keys(c).sort()).toEqual(['_id', 'choices', 'motionId', 'version']);
  // The receipts are derived from motion and elector under a server key: two motions, two receipts.
  expect(new Set(receipts).size).toBe(receipts.length);
  // The published choices come in the contents' random-id order, unrelated to the receipts' order.
  ctx.clock.advance(DAY);
  await runTimers(ctx.store, ctx.clock.now());
  const res = await api.ok<{ receipts: string[]; secretChoices: string[][] }>(committee, 'votes.result', {
    motionId: m.id,
  });
  expect(res.receipts).toEqual([...receipts].sort());
  expect(JSON.stringify(res)).not.toMatch(/demo-taoyuan-(villager|party|grid|delegate)|p-taoyuan|electorId/);
});

test('an open ballot shows who chose what after the close', async () => {
  const m = await openUrgent({ mode: 'open', kind: 'single', options: ['修东头的路', '修西头的路'] });
  ctx.clock.advance(2 * MIN);
  await api.ok(V[0], 'votes.cast', { motionId: m.id, choices: ['o1'] });
  await api.ok(V[1], 'votes.cast', { motionId: m.id, choices: ['o2'] });
  ctx.clock.advance(DAY);
  await runTimers(ctx.store, ctx.clock.now());
  const res = await api.ok<{ openBallots: Array<{ name: string; choices: string[] }>; secretChoices: unknown }>(
    V[2],
    'votes.result',
    { motionId: m.id },
  );
  expect(res.secretChoices).toBeNull();
  expect(res.openBallots.map((b) => b.choices[0]).sort()).toEqual(['o1', 'o2']);
  expect(await verifyTally(ctx.store, m.id)).toMatchObject({ ok: true });
});

test('a household vote: the representative casts for the household, others are not electors', async () => {
  const m = await openUrgent({ body: 'households' });
  ctx.clock.advance(2 * MIN);
  // villager1 is a household representative; villager2 is not.
  await api.ok(V[0], 'votes.cast', { motionId: m.id, choices: ['yes'] });
  expect(await api.code(V[1], 'votes.cast', { motionId: m.id, choices: ['yes'] })).toBe('NOT_ELIGIBLE');
  const view = await api.ok<{ me: { eligible: boolean } }>(V[1], 'votes.get', { motionId: m.id });
  expect(view.me.eligible).toBe(false);
});

test('a meeting’s hand count is entered for the record, but not over ballots already cast', async () => {
  const m = await openUrgent({ body: 'delegates', category: 'general' });
  ctx.clock.advance(2 * MIN);
  const heldAt = ctx.clock.now();
  ctx.clock.advance(MIN);
  expect(
    await api.code(committee, 'votes.recordHandCount', {
      motionId: m.id,
      heldAt,
      attendance: 1,
      counts: { yes: 2, no: 0 },
    }),
  ).toBe('TALLY_INVALID');
  const out = await api.ok<{ tally: { result: string }; handCount: { forTheRecord: boolean } }>(
    committee,
    'votes.recordHandCount',
    {
      motionId: m.id,
      heldAt,
      attendance: m.electorateSize,
      counts: { yes: m.electorateSize, no: 0 },
      note: '村民代表会议现场举手',
    },
  );
  expect(out.handCount.forTheRecord).toBe(true);
  expect(out.tally.result).toBe('passed');
  const res = await api.ok<{ source: string; handCount: { attendance: number } }>(V[0], 'votes.result', {
    motionId: m.id,
  });
  expect(res).toMatchObject({ source: 'handCount', handCount: { attendance: m.electorateSize } });

  const m2 = await openUrgent();
  ctx.clock.advance(2 * MIN);
  await api.ok(V[0], 'votes.cast', { motionId: m2.id, choices: ['yes'] });
  expect(
    await api.code(committee, 'votes.recordHandCount', {
      motionId: m2.id,
      heldAt: ctx.clock.now() - 1,
      attendance: 3,
      counts: { yes: 3, no: 0 },
    }),
  ).toBe('BALLOTS_ALREADY_CAST');
});

describe('verify-tally catches a ballot edited on disk', () => {
  let motionId = '';
  beforeAll(async () => {
    const m = await openUrgent();
    motionId = m.id;
    ctx.clock.advance(2 * MIN);
    for (const [i, who] of V.entries()) await api.ok(who, 'votes.cast', { motionId, choices: [i < 4 ? 'yes' : 'no'] });
    ctx.clock.advance(DAY);
    await runTimers(ctx.store, ctx.clock.now());
    expect(await verifyTally(ctx.store, motionId)).toMatchObject({ ok: true });
  });

  function onDisk(sql: string, ...params: string[]): () => void {
    const db = new Database(join(ctx.dir, 'store.sqlite'));
    const table = sql.includes('c_ballotContents') ? 'c_ballotContents' : 'c_ballotPresence';
    const saved = db
      .prepare(`SELECT id, doc FROM ${table} WHERE json_extract(doc, '$.motionId') = ?`)
      .all(motionId) as Array<{ id: string; doc: string }>;
    db.prepare(sql).run(...params);
    db.close();
    return () => {
      const d = new Database(join(ctx.dir, 'store.sqlite'));
      const put = d.prepare(`UPDATE ${table} SET doc = ? WHERE id = ?`);
      for (const r of saved) put.run(r.doc, r.id);
      d.close();
    };
  }

  test.each([
    [
      'a secret choice flipped',
      "UPDATE c_ballotContents SET doc = json_set(doc, '$.choices', json('[\"no\"]')) WHERE id = (SELECT id FROM c_ballotContents WHERE json_extract(doc, '$.motionId') = ? AND json_extract(doc, '$.choices[0]') = 'yes' LIMIT 1)",
      '重新计票',
    ],
    [
      'a cast time changed',
      "UPDATE c_ballotPresence SET doc = json_set(doc, '$.castAt', 1) WHERE id = (SELECT id FROM c_ballotPresence WHERE json_extract(doc, '$.motionId') = ? LIMIT 1)",
      '哈希链',
    ],
    [
      'a receipt swapped',
      "UPDATE c_ballotPresence SET doc = json_set(doc, '$.receipt', '2222-2222') WHERE id = (SELECT id FROM c_ballotPresence WHERE json_extract(doc, '$.motionId') = ? LIMIT 1)",
      '哈希链',
    ],
  ])('%s', async (label, sql, message) => {
    const restore = onDisk(sql, motionId);
    try {
      const check = await verifyTally(ctx.store, motionId);
      expect(check.ok).toBe(false);
      expect(check.problems.join('；')).toContain(message);
      // The result page says so too, instead of showing the edited lists as if nothing happened.
      const shown = await api.ok<{ listsMatchPublished: boolean }>(V[0], 'votes.result', { motionId });
      // (A changed cast time leaves both lists as they were: only the chain, above, can tell.)
      expect(shown.listsMatchPublished).toBe(label === 'a cast time changed');
    } finally {
      restore();
    }
    expect(await verifyTally(ctx.store, motionId)).toMatchObject({ ok: true });
  });
});
