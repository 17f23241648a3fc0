import type { TeamRecord } from '../../core/records';
import { caller, local } from '../helpers/call';
import { seededStore } from '../helpers/seeded';

/** 互助工作队: the committee registers its village's work teams; a matter's work may go to one. */
let ctx: Awaited<ReturnType<typeof seededStore>>;
let api: ReturnType<typeof caller>;
const committee = local('demo-taoyuan-committee');
const otherCommittee = local('demo-shiqiao-committee');
const township = local('demo-township-staff');
const villager = local('demo-taoyuan-villager1');

interface Team {
  id: string;
  name: string;
  members: Array<{ personId: string; name: string; householdCode: string | null }>;
}
interface AuditPage {
  items: Array<{ action: string; target: string; before: unknown; after: unknown; reason: string | null }>;
  intact: boolean;
}

beforeAll(async () => {
  ctx = await seededStore();
  api = caller(ctx);
});
afterAll(() => ctx.cleanup());

const teamsOf = (villageId: string) => ctx.store.find<TeamRecord>('teams', { villageId }, { limit: 100 });
const auditOf = async () =>
  (await api.ok<AuditPage>(committee, 'members.auditLog', {})).items.filter((e) => e.action === 'members.saveTeam');

test('the committee registers a team of people on its roster; the owner picker and the audit log see it', async () => {
  const team = await api.ok<Team>(committee, 'members.saveTeam', {
    name: '修路  互助队',
    memberIds: ['p-taoyuan-0003', 'p-taoyuan-0004', 'p-taoyuan-0003'],
  });
  expect(team.name).toBe('修路 互助队');
  expect(team.members.map((m) => m.personId)).toEqual(['p-taoyuan-0003', 'p-taoyuan-0004']);
  expect(team.members.every((m) => m.name.length > 0 && m.householdCode !== null)).toBe(true);

  expect(await api.ok<Team[]>(committee, 'members.teams', {})).toEqual([team]);
  expect(await api.ok(committee, 'matters.teams', {})).toEqual([{ id: team.id, name: '修路 互助队', memberCount: 2 }]);
  const [entry] = await auditOf();
  expect(entry).toMatchObject({
    target: '修路 互助队',
    before: null,
    after: { name: '修路 互助队', members: team.members.map((m) => m.name) },
  });
  // Township staff oversee: they may read a village's teams, not register them.
  expect(await api.ok<Team[]>(township, 'members.teams', { villageId: 'vil-taoyuan' })).toEqual([team]);
  expect(await api.code(township, 'members.saveTeam', { name: '乡里派的队', memberIds: ['p-taoyuan-0005'] })).toBe(
    'FORBIDDEN',
  );
});

test('a double tap, or five phones at once, make one team; another team cannot take the name', async () => {
  const payload = { name: '保洁队', memberIds: ['p-taoyuan-0005', 'p-taoyuan-0006'] };
  const answers = await Promise.all(Array.from({ length: 5 }, () => api.call(committee, 'members.saveTeam', payload)));
  expect(answers.every((a) => a.ok)).toBe(true);
  const ids = new Set(answers.map((a) => (a.ok ? (a.data as Team).id : '')));
  expect(ids.size).toBe(1);
  expect((await teamsOf('vil-taoyuan')).filter((t) => t.name === '保洁队')).toHaveLength(1);
  expect((await auditOf()).filter((e) => e.target === '保洁队')).toHaveLength(1);

  expect(await api.code(committee, 'members.saveTeam', { name: '保洁队', memberIds: ['p-taoyuan-0007'] })).toBe(
    'TEAM_NAME_TAKEN',
  );
  // Another village may have its own 保洁队.
  const theirs = await api.ok<Team>(otherCommittee, 'members.saveTeam', {
    name: '保洁队',
    memberIds: ['p-shiqiao-0002'],
  });
  expect(theirs.id).not.toBe([...ids][0]);
});

test('renaming and changing members is logged before and after; a name already taken is refused', async () => {
  const [road] = (await teamsOf('vil-taoyuan')).filter((t) => t.name === '修路 互助队');
  const renamed = await api.ok<Team>(committee, 'members.saveTeam', {
    teamId: road._id,
    name: '修路队',
    memberIds: ['p-taoyuan-0003', 'p-taoyuan-0008'],
    reason: '老李年纪大了，换小王',
  });
  expect(renamed).toMatchObject({ id: road._id, name: '修路队' });
  expect(renamed.members.map((m) => m.personId)).toEqual(['p-taoyuan-0003', 'p-taoyuan-0008']);
  const [latest] = await auditOf();
  expect(latest).toMatchObject({
    target: '修路队',
    before: { name: '修路 互助队' },
    after: { name: '修路队' },
    reason: '老李年纪大了，换小王',
  });
  expect(
    await api.code(committee, 'members.saveTeam', { teamId: road._id, name: '保洁队', memberIds: ['p-taoyuan-0003'] }),
  ).toBe('TEAM_NAME_TAKEN');
  // Saving it unchanged changes nothing and logs nothing.
  const logged = (await auditOf()).length;
  await api.ok(committee, 'members.saveTeam', {
    teamId: road._id,
    name: '修路队',
    memberIds: ['p-taoyuan-0008', 'p-taoyuan-0003'],
  });
  expect(await auditOf()).toHaveLength(logged);
  expect(await api.ok(committee, 'members.auditLog', {})).toMatchObject({ intact: true });
  expect((await ctx.store.get<TeamRecord>('teams', road._id))?.name).toBe('修路队');
});

test('members from another village, people not on the roster and bad input are refused, and nothing is written', async () => {
  const before = await teamsOf('vil-taoyuan');
  const logged = (await auditOf()).length;
  expect(await api.code(committee, 'members.saveTeam', { name: '外村队', memberIds: ['p-shiqiao-0002'] })).toBe(
    'NOT_FOUND',
  );
  expect(await api.code(committee, 'members.saveTeam', { name: '没有的人', memberIds: ['p-nobody'] })).toBe(
    'NOT_FOUND',
  );
  for (const bad of [
    { name: '队', memberIds: ['p-taoyuan-0003'] },
    { name: '   ', memberIds: ['p-taoyuan-0003'] },
    { name: '空队', memberIds: [] },
    { name: '大队', memberIds: Array.from({ length: 51 }, (_, i) => `p-taoyuan-${String(i).padStart(4, '0')}`) },
    { name: '修路队', memberIds: 'p-taoyuan-0003' },
    { name: '修路队', memberIds: ['p-taoyuan-0003'], villageId: 'vil-shiqiao' },
  ]) {
    const res = await api.call(committee, 'members.saveTeam', bad);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }
  expect(
    await api.code(committee, 'members.saveTeam', { teamId: 'tm_none', name: '修路队', memberIds: ['p-taoyuan-0003'] }),
  ).toBe('NOT_FOUND');
  expect(await teamsOf('vil-taoyuan')).toEqual(before);
  expect(await auditOf()).toHaveLength(logged);
});

test('only the committee of the team’s own village may change it', async () => {
  const [road] = (await teamsOf('vil-taoyuan')).filter((t) => t.name === '修路队');
  const change = { teamId: road._id, name: '石桥的队', memberIds: ['p-shiqiao-0002'] };
  expect(await api.code(otherCommittee, 'members.saveTeam', change)).toBe('FORBIDDEN');
  expect(await api.code(villager, 'members.saveTeam', { name: '自封的队', memberIds: ['p-taoyuan-0003'] })).toBe(
    'FORBIDDEN',
  );
  expect(await api.code(villager, 'members.teams', {})).toBe('FORBIDDEN');
  expect(await api.code(otherCommittee, 'members.teams', { villageId: 'vil-taoyuan' })).toBe('FORBIDDEN');
  expect((await ctx.store.get<TeamRecord>('teams', road._id))?.name).toBe('修路队');
});

test('a village has at most fifty teams', async () => {
  const have = (await teamsOf('vil-shiqiao')).length;
  for (let i = have; i < 50; i++) {
    await ctx.store.insert<TeamRecord>('teams', {
      _id: `tm_fill_${i}`,
      villageId: 'vil-shiqiao',
      name: `第${i}队`,
      memberIds: ['p-shiqiao-0002'],
    });
  }
  expect(await api.code(otherCommittee, 'members.saveTeam', { name: '又一个队', memberIds: ['p-shiqiao-0002'] })).toBe(
    'TOO_MANY_TEAMS',
  );
  expect(await api.ok<Team[]>(otherCommittee, 'members.teams', {})).toHaveLength(50);
});
