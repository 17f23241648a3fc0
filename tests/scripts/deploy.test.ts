import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectionSpec, IndexSpec } from '../../cloudfunctions/shared/store/collections';
import { runDeploy, type DeployDeps } from '../../scripts/deploy/run';
import type { SchemaTarget } from '../../scripts/deploy/targets';

/** The deploy steps against fakes: nothing here reaches the network. */
const SPECS = {
  meta: { indexes: [] },
  households: {
    indexes: [
      {
        name: 'by_village_code',
        fields: [
          ['villageId', 1],
          ['code', 1],
        ],
        unique: true,
      },
    ],
  },
} as const satisfies Record<string, CollectionSpec>;

const ENV = { TCB_ENV: 'xz-prod-1a2b', TCB_SECRET_ID: 'AKIDfake', TCB_SECRET_KEY: 'fake' };

interface Harness {
  deps: DeployDeps;
  out: string[];
  err: string[];
  calls: string[];
}

function fakeTarget(name: string, createsIndexes: boolean, calls: string[]): SchemaTarget {
  return {
    name,
    createsIndexes,
    async ensureCollection(c: string) {
      calls.push(`collection ${c}`);
      return c === 'meta' ? 'exists' : 'created';
    },
    async ensureIndex(c: string, ix: IndexSpec) {
      calls.push(`index ${c}.${ix.name} unique=${ix.unique === true}`);
      return 'created';
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xz-deploy-'));
  for (const fn of ['account', 'votes']) {
    mkdirSync(join(dir, fn));
    writeFileSync(join(dir, fn, 'index.js'), 'exports.main = () => null;');
  }
  mkdirSync(join(dir, 'not-built'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function harness(manager: 'installed' | 'missing'): Harness {
  const out: string[] = [];
  const err: string[] = [];
  const calls: string[] = [];
  const deps: DeployDeps = {
    specs: SPECS,
    functionsDir: dir,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    managerTarget: async () => (manager === 'installed' ? fakeTarget('manager', true, calls) : null),
    fallbackTarget: () => fakeTarget('node-sdk', false, calls),
  };
  return { deps, out, err, calls };
}

describe('npm run deploy', () => {
  it('refuses without the CloudBase variables, in Chinese and English, before doing anything', async () => {
    const h = harness('installed');
    const managerTarget = jest.fn(h.deps.managerTarget);
    const code = await runDeploy([], { TCB_ENV: 'x', TCB_SECRET_ID: ' ' }, { ...h.deps, managerTarget });
    expect(code).toBe(2);
    const message = h.err.join('\n');
    expect(message).toContain('缺少 CloudBase 环境变量');
    expect(message).toContain('Missing CloudBase environment variables: TCB_SECRET_ID, TCB_SECRET_KEY');
    expect(managerTarget).not.toHaveBeenCalled();
    expect(h.out).toEqual([]);
  });

  it('prints the plan and stops on --dry-run', async () => {
    const h = harness('installed');
    const managerTarget = jest.fn(h.deps.managerTarget);
    expect(await runDeploy(['--dry-run'], ENV, { ...h.deps, managerTarget })).toBe(0);
    const text = h.out.join('\n');
    expect(text).toContain('xz-prod-1a2b');
    expect(text).toContain('index by_village_code (villageId asc, code asc) unique');
    expect(text).toContain('account, votes');
    expect(text).not.toContain('not-built');
    expect(managerTarget).not.toHaveBeenCalled();
  });

  it('creates every collection and index through the management API when it is installed', async () => {
    const h = harness('installed');
    expect(await runDeploy([], ENV, h.deps)).toBe(0);
    expect(h.calls).toEqual([
      'collection meta',
      'collection households',
      'index households.by_village_code unique=true',
    ]);
    expect(h.err).toEqual([]);
  });

  it('falls back to collections only, names the missing indexes and exits 3 without manager-node', async () => {
    const h = harness('missing');
    expect(await runDeploy([], ENV, h.deps)).toBe(3);
    expect(h.calls).toEqual(['collection meta', 'collection households']);
    const message = h.err.join('\n');
    expect(message).toContain('@cloudbase/manager-node');
    expect(message).toContain('households: by_village_code (villageId asc, code asc) unique');
  });

  it('reports a failed step with exit code 1', async () => {
    const h = harness('installed');
    const broken: SchemaTarget = {
      ...fakeTarget('manager', true, h.calls),
      ensureIndex: () => Promise.reject(new Error('quota')),
    };
    expect(await runDeploy([], ENV, { ...h.deps, managerTarget: async () => broken })).toBe(1);
    expect(h.err.join('\n')).toContain('deploy failed: quota');
  });

  it('says when the functions have not been built, and rejects unknown arguments', async () => {
    const h = harness('installed');
    expect(await runDeploy(['--dry-run'], ENV, { ...h.deps, functionsDir: join(dir, 'missing') })).toBe(0);
    expect(h.out.join('\n')).toContain('npm run build:functions');
    expect(await runDeploy(['--force'], ENV, h.deps)).toBe(1);
  });
});
