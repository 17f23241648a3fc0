import { loadChain } from '../../cloudfunctions/shared/audit';
import { boardWorld, who, type BoardWorld } from '../helpers/board';

/**
 * Questions on notices (询问), answered by the committee within the village's days, with the
 * unanswered ones visible to the township; and the cadence the law expects of each board, for the
 * committee and across the township.
 */
jest.setTimeout(60_000);

let w: BoardWorld;
beforeAll(async () => {
  w = await boardWorld();
});
afterAll(() => w.cleanup());

const DAY = 86_400_000;
/** An instant given as Beijing wall time. */
const bj = (y: number, mo: number, d: number, h = 0) => Date.UTC(y, mo - 1, d, h - 8);

interface Inquiry {
  id: string;
  text: string;
  askedAt: number;
  dueAt: number;
  askerName: string;
  mine: boolean;
  answer: { text: string; byName: string; at: number } | null;
  overdue: boolean;
  daysLeft: number;
}

interface Duty {
  duty: string;
  period: string;
  status: string;
  missed: number;
  dueAt: number;
}

interface Duties {
  settings: { monthlyAccounts: boolean; inquiryDays: number };
  duties: Duty[];
  inquiries: { open: number; overdue: number; oldest: Inquiry[] };
}

let noticeId = '';

test('a villager asks; the answer is due at the end of the seventh day after, Beijing time', async () => {
  // The seed's clock: Monday 23 November 2026, 08:00 in Beijing.
  noticeId = (await w.publish('三季度村务公开', '修路花了五万元。', { visibility: 'public' })).notice.id;
  const q = await w.api.ok<Inquiry>(who.villager1, 'board.ask', { noticeId, text: '五万元里水泥花了多少？' });
  expect(q).toMatchObject({ mine: true, askerName: '孙金山', answer: null, overdue: false, daysLeft: 8 });
  expect(q.dueAt).toBe(bj(2026, 12, 1));
  const list = await w.api.ok<{ items: Inquiry[] }>(who.villager2, 'board.inquiries', { noticeId });
  // Neighbours see who asked by surname only; the committee sees the name.
  expect(list.items[0]).toMatchObject({ askerName: '孙**', mine: false });
  const seenByCommittee = await w.api.ok<{ items: Inquiry[] }>(who.committee, 'board.inquiries', { noticeId });
  expect(seenByCommittee.items[0].askerName).toBe('孙金山');
  const card = await w.api.ok<{ notice: { inquiryCount: number; openInquiries: number } }>(who.villager2, 'board.get', {
    noticeId,
  });
  expect(card.notice).toMatchObject({ inquiryCount: 1, openInquiries: 1 });
  // Questions are the village's own, even on a public notice; staff above it oversee, they do not ask.
  expect(await w.api.code(who.shiqiaoVillager, 'board.ask', { noticeId, text: '外村人问问' })).toBe('FORBIDDEN');
  expect(await w.api.code(who.township, 'board.ask', { noticeId, text: '乡里问问' })).toBe('FORBIDDEN');
  expect(await w.api.code(null, 'board.inquiries', { noticeId })).toBe('UNAUTHENTICATED');
  expect(await w.api.code(who.villager1, 'board.ask', { noticeId, text: '问' })).toBe('INVALID_INPUT');
});

test('the committee answers once, in public and in the log', async () => {
  const [q] = (await w.api.ok<{ items: Inquiry[] }>(who.committee, 'board.inquiries', { noticeId })).items;
  w.ctx.clock.advance(DAY);
  const a = await w.api.ok<Inquiry>(who.committee, 'board.answer', {
    inquiryId: q.id,
    text: '水泥 9600 元，见十月账目。',
  });
  expect(a.answer).toMatchObject({ text: '水泥 9600 元，见十月账目。', byName: '徐明' });
  expect([a.overdue, a.daysLeft]).toEqual([false, 0]);
  expect(await w.api.code(who.committee, 'board.answer', { inquiryId: q.id, text: '再答一次' })).toBe(
    'ALREADY_ANSWERED',
  );
  expect(await w.api.code(who.villager2, 'board.answer', { inquiryId: q.id, text: '我来答' })).toBe('FORBIDDEN');
  expect(await w.api.code(who.shiqiaoCommittee, 'board.answer', { inquiryId: q.id, text: '外村答' })).toBe('FORBIDDEN');
  const seen = await w.api.ok<{ items: Inquiry[] }>(who.villager1, 'board.inquiries', { noticeId });
  expect(seen.items[0].answer?.text).toBe('水泥 9600 元，见十月账目。');
  const card = await w.api.ok<{ notice: { openInquiries: number } }>(who.villager2, 'board.get', { noticeId });
  expect(card.notice.openInquiries).toBe(0);
  const entry = (await loadChain(w.ctx.store, 'vil-taoyuan')).find((e) => e.action === 'board.answer');
  expect(entry?.after).toMatchObject({ answer: '水泥 9600 元，见十月账目。', late: false });
});

test('an unanswered question past its day is overdue for the committee and visible to the township', async () => {
  const q = await w.api.ok<Inquiry>(who.villager2, 'board.ask', { noticeId, text: '鱼塘承包费什么时候公开？' });
  const before = await w.api.ok<Duties>(who.committee, 'board.duties');
  expect(before.inquiries).toMatchObject({ open: 1, overdue: 0 });
  w.ctx.clock.set(q.dueAt - 1);
  expect((await w.api.ok<Duties>(who.committee, 'board.duties')).inquiries.overdue).toBe(0);
  w.ctx.clock.set(q.dueAt);
  const late = await w.api.ok<Duties>(who.committee, 'board.duties');
  expect(late.inquiries).toMatchObject({ open: 1, overdue: 1 });
  expect(late.inquiries.oldest[0]).toMatchObject({ id: q.id, overdue: true, daysLeft: 0 });

  const t = await w.api.ok<{
    villages: Array<{ id: string; openInquiries: number; overdueInquiries: number }>;
    overdueInquiries: Inquiry[];
  }>(who.township, 'board.township');
  expect(t.villages.map((v) => v.id).sort()).toEqual(['vil-shiqiao', 'vil-taoyuan']);
  expect(t.villages.find((v) => v.id === 'vil-taoyuan')).toMatchObject({ openInquiries: 1, overdueInquiries: 1 });
  expect(t.villages.find((v) => v.id === 'vil-shiqiao')).toMatchObject({ openInquiries: 0, overdueInquiries: 0 });
  expect(t.overdueInquiries.map((i) => [i.id, i.askerName])).toEqual([[q.id, '何凤英']]);
  expect(await w.api.code(who.committee, 'board.township')).toBe('FORBIDDEN');

  // Answered late: no longer overdue, and the log says it was late.
  await w.api.ok(who.committee, 'board.answer', { inquiryId: q.id, text: '下个月初公开。' });
  const after = await w.api.ok<{ villages: Array<{ id: string; overdueInquiries: number }> }>(
    who.township,
    'board.township',
  );
  expect(after.villages.find((v) => v.id === 'vil-taoyuan')?.overdueInquiries).toBe(0);
  const entry = (await loadChain(w.ctx.store, 'vil-taoyuan')).filter((e) => e.action === 'board.answer').pop();
  expect(entry?.after).toMatchObject({ late: true });
});

test('the village sets its days to answer; new questions take them, old ones keep theirs', async () => {
  expect(await w.api.code(who.villager1, 'board.configure', { inquiryDays: 3 })).toBe('FORBIDDEN');
  expect(await w.api.code(who.committee, 'board.configure', { inquiryDays: 31 })).toBe('INVALID_INPUT');
  expect(await w.api.code(who.committee, 'board.configure', {})).toBe('INVALID_INPUT');
  const old = await w.api.ok<Inquiry>(who.villager1, 'board.ask', { noticeId, text: '七天的问题' });
  const s = await w.api.ok<{ inquiryDays: number }>(who.committee, 'board.configure', { inquiryDays: 3 });
  expect(s.inquiryDays).toBe(3);
  const now = w.ctx.clock.now();
  const q = await w.api.ok<Inquiry>(who.villager3, 'board.ask', { noticeId, text: '三天能答复吗？' });
  expect(q.dueAt).toBe(Math.floor((now + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000 + 4 * DAY);
  const listed = await w.api.ok<{ items: Inquiry[] }>(who.committee, 'board.inquiries', { noticeId });
  expect(listed.items.find((i) => i.id === old.id)?.dueAt).toBe(old.dueAt);
  await w.api.ok(who.committee, 'board.answer', { inquiryId: old.id, text: '答复了' });
  await w.api.ok(who.committee, 'board.answer', { inquiryId: q.id, text: '答复了' });
  const entry = (await loadChain(w.ctx.store, 'vil-taoyuan')).find((e) => e.action === 'board.configure');
  expect(entry).toMatchObject({ before: { inquiryDays: 7 }, after: { inquiryDays: 3 } });
});

test('cadence: the quarterly general notice and, where set, the monthly accounts; overdue at the boundary', async () => {
  // The clock now stands in December 2026; a general notice went up in November (Q4).
  w.ctx.clock.set(bj(2026, 12, 10, 9));
  const d1 = await w.api.ok<Duties>(who.committee, 'board.duties');
  expect(d1.duties.map((d) => [d.duty, d.period, d.status])).toEqual([['generalQuarterly', '2027-Q1', 'upcoming']]);
  // Monthly accounts are the township's or committee's setting; once on, last month is due.
  await w.api.ok(who.township, 'board.configure', { villageId: 'vil-taoyuan', monthlyAccounts: true });
  const d2 = await w.api.ok<Duties>(who.committee, 'board.duties');
  expect(d2.settings).toEqual({ monthlyAccounts: true, inquiryDays: 3 });
  expect(d2.duties.find((d) => d.duty === 'accountsMonthly')).toMatchObject({
    period: '2026-11',
    status: 'due',
    dueAt: bj(2027, 1, 1),
  });
  // November's accounts, published in December: December's are next, due by the end of January.
  const csv = '日期,摘要,收入,支出,经手人\r\n2026-11-03,鱼塘承包费,3000,,张会计\r\n';
  const fileId = w.upload(Buffer.from(csv, 'utf8'));
  await w.api.ok(who.committee, 'board.importAccounts', { fileId, period: '2026-11' });
  const d3 = await w.api.ok<Duties>(who.committee, 'board.duties');
  expect(d3.duties.find((d) => d.duty === 'accountsMonthly')).toMatchObject({ period: '2026-12', status: 'upcoming' });

  // The first instant of February in Beijing: December's accounts are overdue; Q1 is due.
  w.ctx.clock.set(bj(2027, 2, 1));
  const d4 = await w.api.ok<Duties>(who.committee, 'board.duties');
  expect(d4.duties.map((d) => [d.duty, d.period, d.status, d.missed])).toEqual([
    ['generalQuarterly', '2027-Q1', 'due', 0],
    ['accountsMonthly', '2026-12', 'overdue', 1],
  ]);
  w.ctx.clock.set(bj(2027, 4, 1) - 1);
  expect((await w.api.ok<Duties>(who.committee, 'board.duties')).duties[0].status).toBe('due');
  w.ctx.clock.set(bj(2027, 4, 1));
  expect((await w.api.ok<Duties>(who.committee, 'board.duties')).duties[0]).toMatchObject({
    period: '2027-Q1',
    status: 'overdue',
    missed: 1,
  });
  // The township sees the same, per village, with the count of overdue duties.
  const t = await w.api.ok<{ villages: Array<{ id: string; overdueDuties: number; duties: Duty[] }> }>(
    who.township,
    'board.township',
  );
  expect(t.villages.find((v) => v.id === 'vil-taoyuan')?.overdueDuties).toBe(2);
  // 石桥村 never published: only its current quarter is due, it is not blamed for the years before.
  expect(t.villages.find((v) => v.id === 'vil-shiqiao')?.duties.map((d) => [d.period, d.status])).toEqual([
    ['2027-Q2', 'due'],
  ]);
  // A retracted general notice does not count for its quarter.
  w.ctx.clock.set(bj(2027, 4, 2));
  const p = await w.publish('一季度补发', '补发的村务公开');
  expect((await w.api.ok<Duties>(who.committee, 'board.duties')).duties[0]).toMatchObject({ period: '2027-Q3' });
  await w.api.ok(who.committee, 'board.retract', { noticeId: p.notice.id, reason: '发错了' });
  expect((await w.api.ok<Duties>(who.committee, 'board.duties')).duties[0]).toMatchObject({
    period: '2027-Q1',
    status: 'overdue',
  });
});

test('a question asked again after a dropped answer, or twice at once, is one question, counted once', async () => {
  const target = (await w.publish('冬季用水安排', '每周三停水检修。')).notice.id;
  const payload = { noticeId: target, text: '停水从几点到几点？', clientId: 'ask-0001-abcdefgh' };
  const first = await w.api.ok<Inquiry>(who.villager1, 'board.ask', payload);
  expect((await w.api.ok<Inquiry>(who.villager1, 'board.ask', payload)).id).toBe(first.id);
  const both = await Promise.all(
    [1, 2].map(() => w.api.ok<Inquiry>(who.villager2, 'board.ask', { ...payload, clientId: 'ask-0002-abcdefgh' })),
  );
  expect(both[0].id).toBe(both[1].id);
  expect(both[0].id).not.toBe(first.id);
  const list = await w.api.ok<{ items: Inquiry[] }>(who.committee, 'board.inquiries', { noticeId: target });
  expect(list.items).toHaveLength(2);
  const card = await w.api.ok<{ notice: { inquiryCount: number; openInquiries: number } }>(who.villager1, 'board.get', {
    noticeId: target,
  });
  expect(card.notice).toMatchObject({ inquiryCount: 2, openInquiries: 2 });
});
