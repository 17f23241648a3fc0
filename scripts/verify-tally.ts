import { loadChain } from '../cloudfunctions/shared/audit';
import type { Store } from '../cloudfunctions/shared/store/port';
import { countBallots, findAll } from '../cloudfunctions/votes/close';
import { sha256 } from '../cloudfunctions/votes/keys';
import type { ElectorRecord, MotionRecord, PresenceRecord } from '../cloudfunctions/votes/records';
import { chainRecordOf } from '../cloudfunctions/votes/seal';
import { chainNext, chainStart, listDigest, publishedChoices, publishedReceipts } from '../core/votes/ids';
import { isMain } from './is-main';

/**
 * `npm run verify-tally <motionId>`, run by whoever holds the store (a township auditor, say):
 * recomputes the motion's opening anchor from its roll, the ballot chain from the stored ballots,
 * checks the head against the one published at close (on the motion and in the hash-chained audit
 * log), recounts, and compares the published lists' digests. Any later change to a stored ballot,
 * the roll or the tally shows up here; it exits 1.
 */
export interface TallyCheck {
  readonly motionId: string;
  readonly ok: boolean;
  readonly ballots: number;
  readonly problems: string[];
}

export async function verifyTally(store: Store, motionId: string): Promise<TallyCheck> {
  const problems: string[] = [];
  const motion = await store.get<MotionRecord>('motions', motionId);
  if (!motion) return { motionId, ok: false, ballots: 0, problems: ['没有这项表决'] };
  if (motion.closedAt === null || !motion.tally)
    return { motionId, ok: false, ballots: 0, problems: ['表决还没结束，没有可核对的结果'] };

  const electors = await findAll<ElectorRecord>(store, 'electors', { motionId });
  const electorateDigest = listDigest(electors.map((e) => e.id).sort(), sha256);
  if (electors.length !== motion.electorateSize || electorateDigest !== motion.electorateDigest)
    problems.push('选民名册和开始时冻结的不一样');
  const anchor = chainStart(
    {
      motionId,
      villageId: motion.villageId,
      question: motion.question,
      options: motion.options.map((o) => ({ ...o })),
      body: motion.body,
      mode: motion.mode,
      rule: { quorum: { ...motion.rule.quorum }, majority: { ...motion.rule.majority } },
      opensAt: motion.opensAt,
      closesAt: motion.closesAt,
      electorateSize: motion.electorateSize,
      electorateDigest: motion.electorateDigest,
    },
    sha256,
  );
  if (anchor !== motion.anchorHead) problems.push('表决的开始记录（问题、选项、规则、时间、名册）被改动过');

  const closeEntry = (await loadChain(store, motion.villageId)).find(
    (e) => e.action === 'votes.close' && e.target.id === motionId,
  );
  const published = (closeEntry?.after ?? null) as {
    chainHead?: string;
    choicesDigest?: string | null;
    receiptsDigest?: string;
    result?: string;
    turnout?: number;
  } | null;

  if (motion.source === 'ballots') {
    const presences = (await findAll<PresenceRecord>(store, 'ballotPresence', { motionId })).sort(
      (a, b) => (a.seq ?? 0) - (b.seq ?? 0),
    );
    let head = motion.anchorHead;
    presences.forEach((p, i) => {
      if (p.seq !== i + 1) problems.push(`第 ${i + 1} 张票的顺序号不对`);
      head = chainNext(head, chainRecordOf(p), sha256);
    });
    if (head !== motion.sealedHead) problems.push('选票的哈希链和表决记录上的链头对不上：有票被改过、删过或加过');
    if (!published) problems.push('操作记录里找不到这次计票');
    else if (published.chainHead !== head) problems.push('选票的哈希链和计票时公布的链头对不上');

    let recount;
    try {
      recount = await countBallots(store, motion);
    } catch (e) {
      problems.push(`重新计票失败：${e instanceof Error ? e.message : String(e)}`);
    }
    if (recount) {
      const t = recount.tally;
      if (
        t.turnout !== motion.tally.turnout ||
        t.result !== motion.tally.result ||
        JSON.stringify(t.counts) !== JSON.stringify(motion.tally.counts)
      ) {
        problems.push(
          `重新计票的结果和公布的不一样：现在是 ${JSON.stringify(t.counts)}，公布的是 ${JSON.stringify(motion.tally.counts)}`,
        );
      }
      const receiptsDigest = listDigest(publishedReceipts(recount.presences.map((p) => p.receipt)), sha256);
      if (receiptsDigest !== motion.receiptsDigest || (published && receiptsDigest !== published.receiptsDigest))
        problems.push('回执码清单和公布的不一样');
      if (motion.mode === 'secret') {
        const choicesDigest = listDigest(
          publishedChoices(recount.contents.map((c) => ({ id: c._id, choices: c.choices }))),
          sha256,
        );
        if (choicesDigest !== motion.choicesDigest || (published && choicesDigest !== published.choicesDigest))
          problems.push('票面清单和公布的不一样：有票的内容被改过');
      }
    }
    return { motionId, ok: problems.length === 0, ballots: presences.length, problems };
  }
  return { motionId, ok: problems.length === 0, ballots: 0, problems };
}

async function main(): Promise<void> {
  const motionId = process.argv[2];
  if (!motionId) {
    console.error('用法：npm run verify-tally <表决编号>   (usage: npm run verify-tally <motionId>)');
    process.exit(2);
  }
  const { openStoreFromEnv } = await import('../server/config');
  const store = await openStoreFromEnv();
  const check = await verifyTally(store, motionId);
  await store.close();
  if (check.ok) console.log(`OK   ${motionId}: ${check.ballots} 张票，链条完整，重新计票一致`);
  else for (const p of check.problems) console.log(`FAIL ${motionId}: ${p}`);
  console.log(JSON.stringify(check));
  process.exit(check.ok ? 0 : 1);
}

if (isMain(__filename)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
