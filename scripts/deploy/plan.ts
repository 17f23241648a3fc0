import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectionSpec, IndexSpec } from '../../cloudfunctions/shared/store/collections';

/**
 * What `npm run deploy` would do, worked out without touching the network: the environment it
 * needs, the collections and indexes from collections.ts, and the built functions.
 */
export interface DeployEnv {
  readonly envId: string;
  readonly secretId: string;
  readonly secretKey: string;
}

export const REQUIRED_ENV = ['TCB_ENV', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'] as const;

export type EnvResult =
  { readonly ok: true; readonly env: DeployEnv } | { readonly ok: false; readonly missing: string[] };

export function readDeployEnv(vars: Readonly<Record<string, string | undefined>>): EnvResult {
  const missing = REQUIRED_ENV.filter((name) => !vars[name]?.trim());
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    env: {
      envId: String(vars.TCB_ENV).trim(),
      secretId: String(vars.TCB_SECRET_ID),
      secretKey: String(vars.TCB_SECRET_KEY),
    },
  };
}

/** Said in Chinese and English: whoever runs a deploy may read either. */
export function missingEnvMessage(missing: readonly string[]): string {
  return [
    `缺少 CloudBase 环境变量：${missing.join('、')}。部署没有开始，什么都没有改动。`,
    '请设置 TCB_ENV（云开发环境 ID）、TCB_SECRET_ID 和 TCB_SECRET_KEY（腾讯云 API 密钥）后再运行 npm run deploy。',
    `Missing CloudBase environment variables: ${missing.join(', ')}. Nothing was deployed or changed.`,
    'Set TCB_ENV (the CloudBase environment id), TCB_SECRET_ID and TCB_SECRET_KEY (a Tencent Cloud API key), then run npm run deploy again.',
  ].join('\n');
}

export interface DeployPlan {
  readonly envId: string;
  readonly collections: ReadonlyArray<{ readonly name: string; readonly indexes: readonly IndexSpec[] }>;
  readonly functionsDir: string;
  /** Null when the functions have not been built. */
  readonly functions: readonly string[] | null;
}

/** Function folders that hold a built index.js, as build:functions leaves them. */
export function listBuiltFunctions(dir: string): string[] | null {
  if (!existsSync(dir)) return null;
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.js')))
    .map((d) => d.name)
    .sort();
}

export function planDeploy(
  envId: string,
  specs: Readonly<Record<string, CollectionSpec>>,
  functionsDir: string,
): DeployPlan {
  return {
    envId,
    collections: Object.entries(specs).map(([name, spec]) => ({ name, indexes: spec.indexes })),
    functionsDir,
    functions: listBuiltFunctions(functionsDir),
  };
}

export function describeIndex(ix: IndexSpec): string {
  const fields = ix.fields.map(([f, d]) => `${f} ${d === 1 ? 'asc' : 'desc'}`).join(', ');
  return `${ix.name} (${fields})${ix.unique ? ' unique' : ''}`;
}

export function describePlan(plan: DeployPlan): string[] {
  const lines = [`CloudBase 环境 / environment: ${plan.envId}`, '集合与索引 / collections and indexes:'];
  for (const c of plan.collections) {
    lines.push(`  ${c.name}`);
    for (const ix of c.indexes) lines.push(`    index ${describeIndex(ix)}`);
  }
  if (plan.functions === null) {
    lines.push(`云函数 / functions: ${plan.functionsDir} 不存在 / does not exist (npm run build:functions)`);
  } else {
    lines.push(`云函数 / functions to deploy from ${plan.functionsDir}: ${plan.functions.join(', ') || '(none)'}`);
  }
  return lines;
}
