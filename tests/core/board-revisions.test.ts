import { createHash } from 'node:crypto';
import { matterStepNotice, voteResultNotice, type ClosedMotion } from '../../core/board/auto';
import { DRAFTED_KINDS, NOTICE_KINDS, kindInfo, noticeH5Path, noticeWeappPath } from '../../core/board/kinds';
import {
  checkChange,
  describeRevisionProblem,
  GENESIS_REVISION,
  isListKey,
  listKey,
  MAX_REVISIONS,
  revisionHash,
  revisionId,
  verifyRevisions,
  type RevisionBody,
} from '../../core/board/revisions';
import { evaluationSummary } from '../../core/matter/evaluation';
import { tallyCounts } from '../../core/votes/tally';

/** Revisions as a hash chain, which changes each kind allows, and the words of automatic notices. */
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function chain(texts: readonly string[]): Array<RevisionBody & { hash: string }> {
  const out: Array<RevisionBody & { hash: string }> = [];
  let prev = GENESIS_REVISION;
  texts.forEach((body, i) => {
    const r: RevisionBody = {
      noticeId: 'nt_1',
      villageId: 'vil-a',
      n: i + 1,
      change: i === 0 ? 'publish' : 'correct',
      kind: 'general',
      title: '三季度村务公开',
      body,
      table: null,
      facts: null,
      link: null,
      reason: i === 0 ? null : '写错了',
      author: { accountId: 'c1', name: '王主任' },
      at: 1000 + i,
      prevHash: prev,
    };
    const hash = revisionHash(r, sha);
    out.push({ ...r, hash });
    prev = hash;
  });
  return out;
}

test('an untouched chain verifies against its head and its audit entry', () => {
  const revs = chain(['一', '二', '三']);
  const head = revs[2];
  expect(verifyRevisions(revs, { n: 3, hash: head.hash }, sha, head.hash)).toEqual([]);
});

test.each([
  [
    'an edited old revision',
    (r: Array<RevisionBody & { hash: string }>) => [r[0], { ...r[1], body: '改过' }, r[2]],
    ['edited:2'],
  ],
  [
    'an edited revision with its hash recomputed breaks the next link',
    (r: Array<RevisionBody & { hash: string }>) => {
      const forged = { ...r[1], body: '改过' };
      return [r[0], { ...forged, hash: revisionHash(forged, sha) }, r[2]];
    },
    ['relinked:3'],
  ],
  ['a revision removed from the middle', (r: Array<RevisionBody & { hash: string }>) => [r[0], r[2]], ['missing:2']],
  [
    'the last revision cut off',
    (r: Array<RevisionBody & { hash: string }>) => [r[0], r[1]],
    ['missing:3', 'auditMismatch:2'],
  ],
  [
    'the whole chain rewritten: only the audit entry can tell',
    (r: Array<RevisionBody & { hash: string }>) => {
      const forged = chain(['一', '二', '改过']);
      return [r[0], r[1], forged[2]];
    },
    ['headMismatch:3', 'auditMismatch:3'],
  ],
])('%s is caught', (_label, tamper, expected) => {
  const revs = chain(['一', '二', '三']);
  const problems = verifyRevisions(tamper(revs), { n: 3, hash: revs[2].hash }, sha, revs[2].hash);
  expect(problems.map((p) => `${p.kind}:${p.n}`)).toEqual(expected);
  for (const p of problems) expect(describeRevisionProblem(p)).toMatch(/第 \d+ 版/);
});

test('the hash covers who, when, why and the link to the revision before', () => {
  const [r] = chain(['一']);
  for (const change of [
    { author: { accountId: 'c2', name: '别人' } },
    { at: 1 },
    { reason: '改了' },
    { prevHash: 'f'.repeat(64) },
    { table: { period: '2026-10' } },
    { link: '/x' },
  ]) {
    expect(revisionHash({ ...r, ...change }, sha)).not.toBe(r.hash);
  }
  // Fields outside the body (a stored record's id, its audit pointer) are not hashed.
  expect(revisionHash({ ...r, ...{ _id: 'x', auditSeq: 9 } }, sha)).toBe(r.hash);
});

test.each([
  // kind, state, change, via → ok or the reason's gist
  ['general', 'published', 'correct', 'text', 'ok'],
  ['decision', 'published', 'retract', 'text', 'ok'],
  ['general', 'draft', 'correct', 'text', '草稿'],
  ['general', 'retracted', 'correct', 'text', '已经撤回'],
  ['general', 'retracted', 'retract', 'text', '已经撤回'],
  ['voteResult', 'published', 'correct', 'text', '不能手改'],
  ['voteResult', 'published', 'retract', 'text', '不能撤回'],
  ['accounts', 'published', 'correct', 'text', '重新导入'],
  ['accounts', 'published', 'correct', 'import', 'ok'],
  ['accounts', 'published', 'retract', 'text', 'ok'],
  ['general', 'published', 'correct', 'import', '不能手改'],
] as const)('%s %s: %s by %s → %s', (kind, state, change, via, expected) => {
  const r = checkChange({ kind, state, revision: 1 }, change, via);
  expect(r.ok ? 'ok' : r.why).toContain(expected);
});

test('a notice cannot be corrected forever', () => {
  const r = checkChange({ kind: 'general', state: 'published', revision: MAX_REVISIONS }, 'correct', 'text');
  expect(r.ok).toBe(false);
});

test('kinds are data: labels in Chinese, and only some are written by hand', () => {
  expect(NOTICE_KINDS.map((k) => k.id)).toEqual(['decision', 'voteResult', 'progress', 'accounts', 'general']);
  for (const k of NOTICE_KINDS) expect(k.label).toMatch(/[\u4e00-\u9fa5]/);
  expect(DRAFTED_KINDS).toEqual(['decision', 'progress', 'general']);
  expect(kindInfo('accounts').correction).toBe('import');
  expect(noticeWeappPath('nt_1')).toBe('pages/notice/index?id=nt_1');
  expect(noticeH5Path('nt_1')).toBe('#/pages/notice/index?id=nt_1');
  expect(revisionId('nt_1', 3)).toBe('nt_1:r003');
});

test('list keys sort pinned first, then newest, and only keys we made pass as cursors', () => {
  const keys = [
    listKey(false, 3000, 'nt_c'),
    listKey(true, 1000, 'nt_a'),
    listKey(false, 2000, 'nt_b'),
    listKey(true, 500, 'nt_d'),
  ];
  expect(
    [...keys]
      .sort()
      .reverse()
      .map((k) => k.split('|')[2]),
  ).toEqual(['nt_a', 'nt_d', 'nt_c', 'nt_b']);
  expect(keys.every(isListKey)).toBe(true);
  for (const bad of ['', '1|2|x', "0|0000000000000001|x' OR 1", '2|0000000000000001|nt_a'])
    expect(isListKey(bad)).toBe(false);
});

const MOTION: ClosedMotion = {
  id: 'mo_1',
  matterId: null,
  question: '村里的路要不要今年修？',
  kind: 'yesNo',
  options: [
    { id: 'yes', label: '同意', abstain: false },
    { id: 'no', label: '反对', abstain: false },
    { id: 'abstain', label: '弃权', abstain: true },
  ],
  body: 'adults',
  mode: 'secret',
  opensAt: Date.UTC(2026, 10, 23, 0, 1),
  closesAt: Date.UTC(2026, 10, 24, 0, 0),
  closedAt: Date.UTC(2026, 10, 24, 0, 0),
  electorateSize: 10,
  chainHead: 'a'.repeat(64),
  source: 'ballots',
};

test.each([
  ['passed', { yes: 4, no: 1, abstain: 1 }, 6, '结果：通过', '这次参加的人够数'],
  ['rejected', { yes: 3, no: 2, abstain: 1 }, 6, '结果：没有通过', '这次参加的人够数'],
  ['noQuorum', { yes: 5, no: 0, abstain: 0 }, 5, '结果：参加的人不够，表决无效', '这次参加的人不够数'],
])(
  'a %s vote is published with turnout, rules, counts, outcome, chain head and the recount link',
  (result, counts, turnout, outcome, quorum) => {
    const tally = tallyCounts({ ...MOTION, minChoices: 1, maxChoices: 1 }, 10, turnout, counts);
    expect(tally.result).toBe(result);
    const n = voteResultNotice(MOTION, tally);
    expect(n.kind).toBe('voteResult');
    expect(n.title).toBe('表决结果：村里的路要不要今年修？');
    expect(n.body).toContain(`应参加 10 人，实际参加 ${turnout} 人`);
    expect(n.body).toContain(tally.quorumRule);
    expect(n.body).toContain(quorum);
    expect(n.body).toContain(`同意 ${counts.yes} 票，反对 ${counts.no} 票，弃权 ${counts.abstain} 票`);
    expect(n.body).toContain(outcome);
    expect(n.body).toContain('a'.repeat(64));
    expect(n.body).toContain('投票时间：2026-11-23 08:01 至 2026-11-24 08:00');
    expect(n.link).toBe('/pkg-vote/result/index?id=mo_1');
    expect(n.facts).toMatchObject({ motionId: 'mo_1', turnout, electorateSize: 10, result, chainHead: 'a'.repeat(64) });
    // The same records give the same notice: what makes publishing it twice a no-op.
    expect(voteResultNotice(MOTION, tally)).toEqual(n);
  },
);

test('a single-choice vote names the option that passed', () => {
  const motion: ClosedMotion = {
    ...MOTION,
    kind: 'single',
    options: [
      { id: 'o1', label: '东线', abstain: false },
      { id: 'o2', label: '西线', abstain: false },
      { id: 'abstain', label: '弃权', abstain: true },
    ],
    body: 'households',
  };
  const n = voteResultNotice(
    motion,
    tallyCounts({ ...motion, minChoices: 1, maxChoices: 1 }, 9, 7, { o1: 5, o2: 2, abstain: 0 }),
  );
  expect(n.body).toContain('结果：通过：东线');
  expect(n.body).toContain('应参加 9 户，实际参加 7 户');
});

test.each([
  ['decline', 'decision', '不予受理：村口路灯坏了', '理由：不归村里管，已转交镇供电所'],
  ['decideByCommittee', 'decision', '村两委决定办理：村口路灯坏了', '理由：小事，村里出钱修'],
  ['complete', 'progress', '已经办完：村口路灯坏了', '请大家在 2026年12月7日 之前'],
] as const)('the matter step %s is published as %s', (step, kind, title, line) => {
  const reason =
    step === 'decline' ? '不归村里管，已转交镇供电所' : step === 'complete' ? '换了三盏灯' : '小事，村里出钱修';
  const n = matterStepNotice({
    matterId: 'm_1',
    step,
    title: '村口路灯坏了',
    reason,
    // 14 days from 23 November: the window ends at the start of 8 December.
    evaluationEndsAt: Date.UTC(2026, 11, 7, 16),
    evaluation: null,
    vote: null,
  });
  expect([n.kind, n.title]).toEqual([kind, title]);
  expect(n.body).toContain(line);
});

test('the rating summary is published when the evaluation closes', () => {
  const n = matterStepNotice({
    matterId: 'm_1',
    step: 'closeEvaluation',
    title: '村口路灯坏了',
    reason: null,
    evaluationEndsAt: null,
    evaluation: evaluationSummary([5, 5, 4, 3]),
    vote: null,
  });
  expect(n.body).toContain('4 人打分，平均 4.3 分');
  expect(n.body).toContain('五星 2 人，四星 1 人，三星 1 人');
  expect(n.facts.evaluation).toMatchObject({ count: 4, average: '4.3' });
  const none = matterStepNotice({
    matterId: 'm_1',
    step: 'closeEvaluation',
    title: '村口路灯坏了',
    reason: null,
    evaluationEndsAt: null,
    evaluation: evaluationSummary([]),
    vote: null,
  });
  expect(none.body).toContain('没有人打分');
});
