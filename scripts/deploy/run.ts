import type { CollectionSpec } from '../../cloudfunctions/shared/store/collections';
import { describeIndex, describePlan, missingEnvMessage, planDeploy, readDeployEnv, type DeployEnv } from './plan';
import type { SchemaTarget } from './targets';

/**
 * `npm run deploy`, with everything that reaches the network passed in, so that tests run it
 * whole against fakes.
 *
 * Exit codes: 0 done; 1 a step failed; 2 refused (missing environment variables); 3 partly done
 * (collections created, indexes still to create, because @cloudbase/manager-node is missing).
 */
export interface DeployDeps {
  readonly specs: Readonly<Record<string, CollectionSpec>>;
  readonly functionsDir: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** The management API when installed, else null. */
  readonly managerTarget: (env: DeployEnv) => Promise<SchemaTarget | null>;
  /** Collections only, through node-sdk. */
  readonly fallbackTarget: (env: DeployEnv, specs: Readonly<Record<string, CollectionSpec>>) => SchemaTarget;
}

export const USAGE = [
  'npm run deploy [-- --dry-run]',
  '  Applies the collections and indexes of cloudfunctions/shared/store/collections.ts to CloudBase',
  '  and lists the built functions under dist/cloudfunctions. --dry-run prints the plan and stops.',
  '  Needs TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY.',
].join('\n');

export async function runDeploy(
  argv: readonly string[],
  vars: Readonly<Record<string, string | undefined>>,
  deps: DeployDeps,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    deps.out(USAGE);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--dry-run');
  if (unknown.length > 0) {
    deps.err(`未知参数 / unknown argument: ${unknown.join(' ')}\n${USAGE}`);
    return 1;
  }
  const read = readDeployEnv(vars);
  if (!read.ok) {
    deps.err(missingEnvMessage(read.missing));
    return 2;
  }
  const plan = planDeploy(read.env.envId, deps.specs, deps.functionsDir);
  for (const line of describePlan(plan)) deps.out(line);
  if (argv.includes('--dry-run')) {
    deps.out('--dry-run: 没有连接 CloudBase / nothing was sent to CloudBase.');
    return 0;
  }

  let target: SchemaTarget;
  try {
    target = (await deps.managerTarget(read.env)) ?? deps.fallbackTarget(read.env, deps.specs);
    deps.out(`使用 / using ${target.name}`);
    for (const c of plan.collections) deps.out(`  collection ${c.name}: ${await target.ensureCollection(c.name)}`);
    if (target.createsIndexes) {
      for (const c of plan.collections) {
        for (const ix of c.indexes) deps.out(`  index ${c.name}.${ix.name}: ${await target.ensureIndex(c.name, ix)}`);
      }
    }
  } catch (e) {
    deps.err(`部署失败 / deploy failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }

  deps.out(
    '云函数请用微信开发者工具或 CloudBase CLI 上传 / upload the functions with WeChat devtools or the CloudBase CLI:',
  );
  for (const fn of plan.functions ?? []) deps.out(`  ${fn}`);

  const pending = plan.collections.flatMap((c) => c.indexes.map((ix) => `${c.name}: ${describeIndex(ix)}`));
  if (!target.createsIndexes && pending.length > 0) {
    deps.err(
      [
        '索引没有创建：@cloudbase/node-sdk 不能建索引。请安装 @cloudbase/manager-node 后重新部署，或在云开发控制台手动创建：',
        'Indexes NOT created: @cloudbase/node-sdk cannot create them. Install @cloudbase/manager-node and deploy again, or create them in the CloudBase console:',
        ...pending.map((p) => `  ${p}`),
      ].join('\n'),
    );
    return 3;
  }
  return 0;
}
