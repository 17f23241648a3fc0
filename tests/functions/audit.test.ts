import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { accountIdForOpenid } from '../../cloudfunctions/shared/identity';
import { verifyAudit } from '../../scripts/verify-audit';
import { caller, local } from '../helpers/call';
import { seededStore } from '../helpers/seeded';

/** Role changes and their hash-chained log, and what happens when someone edits the log on disk. */
let ctx: Awaited<ReturnType<typeof seededStore>>;
let api: ReturnType<typeof caller>;
const committee = local('demo-taoyuan-committee');
const township = local('demo-township-staff');
const villager = 'demo-taoyuan-villager1';

beforeAll(async () => {
  ctx = await seededStore();
  api = caller(ctx);
});
afterAll(() => ctx.cleanup());

const ROOT = join(__dirname, '..', '..');

function verifyCli(): { status: number | null; out: string } {
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'verify-audit.ts')],
    {
      env: { ...process.env, XZ_DATA_DIR: ctx.dir },
      encoding: 'utf8',
    },
  );
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

test('who may change which role', async () => {
  await api.ok(committee, 'members.grantRole', { accountId: villager, role: 'partyMember' });
  expect(await api.code(committee, 'members.grantRole', { accountId: villager, role: 'committee' })).toBe('FORBIDDEN');
  expect(
    await api.code(committee, 'members.revokeRole', {
      accountId: 'demo-taoyuan-committee',
      role: 'committee',
      reason: '自己撤自己',
    }),
  ).toBe('FORBIDDEN');
  expect(
    await api.code(committee, 'members.revokeRole', { accountId: villager, role: 'villager', reason: '试试看' }),
  ).toBe('FORBIDDEN');
  expect(
    await api.code(committee, 'members.grantRole', { accountId: 'demo-shiqiao-villager1', role: 'partyMember' }),
  ).toBe('FORBIDDEN');
  expect(await api.code(local(villager), 'members.grantRole', { accountId: villager, role: 'gridLeader' })).toBe(
    'FORBIDDEN',
  );
  expect(await api.code(committee, 'members.revokeRole', { accountId: villager, role: 'partyMember' })).toBe(
    'INVALID_INPUT',
  );
  expect(
    await api.code(committee, 'members.grantRole', { accountId: accountIdForOpenid('o-nobody'), role: 'partyMember' }),
  ).toBe('NOT_FOUND');
  // The township gives and takes committee seats, in its own villages.
  await api.ok(township, 'members.grantRole', { accountId: villager, role: 'committee', reason: '换届选举产生' });
  const member = await api.ok<{ roles: string[] }>(township, 'members.revokeRole', {
    accountId: villager,
    role: 'committee',
    reason: '任期结束',
  });
  expect(member.roles.sort()).toEqual(['householdRep', 'partyMember', 'villager']);
  // Granting what is already held changes nothing and logs nothing.
  const before = await api.ok<{ total: number }>(committee, 'members.auditLog');
  await api.ok(committee, 'members.grantRole', { accountId: villager, role: 'partyMember' });
  expect((await api.ok<{ total: number }>(committee, 'members.auditLog')).total).toBe(before.total);
  const list = await api.ok<{ items: Array<{ accountId: string }> }>(committee, 'members.list', {
    role: 'partyMember',
  });
  expect(list.items.map((m) => m.accountId)).toContain(villager);
});

test('every change is in the log with who, what, before and after, and the chain is whole', async () => {
  const log = await api.ok<{
    items: Array<{ action: string; actorName: string; before: unknown; after: unknown; reason: string | null }>;
    intact: boolean;
    total: number;
  }>(committee, 'members.auditLog');
  expect(log.total).toBe(3);
  expect(log.intact).toBe(true);
  expect(log.items.map((e) => e.action)).toEqual(['members.revokeRole', 'members.grantRole', 'members.grantRole']);
  expect(log.items[0]).toMatchObject({
    actorName: '周乡干',
    reason: '任期结束',
    after: { roles: ['villager', 'householdRep', 'partyMember'] },
  });
  expect(verifyCli().status).toBe(0);
  // Other villages' logs are theirs: the committee of 石桥村 cannot read this one.
  expect(await api.code(local('demo-shiqiao-committee'), 'members.auditLog', { villageId: 'vil-taoyuan' })).toBe(
    'FORBIDDEN',
  );
});

function onDisk(fn: (db: Database.Database) => void): void {
  const db = new Database(join(ctx.dir, 'store.sqlite'));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

test.each([
  [
    'an edited entry',
    "UPDATE c_auditLog SET doc = json_set(doc, '$.reason', '没有理由') WHERE json_extract(doc, '$.seq') = 3",
    '第 3 条记录的内容被改动过',
  ],
  [
    'an edited actor',
    "UPDATE c_auditLog SET doc = json_set(doc, '$.actor.name', '别人') WHERE json_extract(doc, '$.seq') = 1",
    '第 1 条记录的内容被改动过',
  ],
  ['a deleted entry in the middle', "DELETE FROM c_auditLog WHERE json_extract(doc, '$.seq') = 2", '第 2 条记录不见了'],
  ['the last entry cut off', "DELETE FROM c_auditLog WHERE json_extract(doc, '$.seq') = 3", '最后的记录被删掉了'],
])('%s is detected by the log page and by npm run verify-audit', async (_label, sql, message) => {
  let saved: Array<{ id: string; doc: string }> = [];
  onDisk((db) => {
    saved = db.prepare('SELECT id, doc FROM c_auditLog').all() as Array<{ id: string; doc: string }>;
    db.exec(sql);
  });
  try {
    const log = await api.ok<{ intact: boolean; problems: string[] }>(committee, 'members.auditLog');
    expect(log.intact).toBe(false);
    expect(log.problems.join('；')).toContain(message);
    const reports = await verifyAudit(ctx.store);
    expect(reports.find((r) => r.scope === 'vil-taoyuan')?.problems.join('；')).toContain(message);
    const cli = verifyCli();
    expect(cli.status).toBe(1);
    expect(cli.out).toContain(message);
  } finally {
    onDisk((db) => {
      db.exec('DELETE FROM c_auditLog');
      const put = db.prepare('INSERT INTO c_auditLog (id, doc) VALUES (?, ?)');
      for (const r of saved) put.run(r.id, r.doc);
    });
  }
  expect((await api.ok<{ intact: boolean }>(committee, 'members.auditLog')).intact).toBe(true);
});
