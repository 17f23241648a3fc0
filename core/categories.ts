/**
 * What a matter (民事) is about, as data shared by the matters and votes modules.
 *
 * The first nine are the matters LAW.md ("What must go to the assembly") reserves to the
 * villagers' assembly: the committee cannot settle them alone, they must pass a vote. Two more
 * are named because LAW.md keeps them from the delegate assembly: dismissing committee members,
 * and the village charter or village rules. `general` is everything else.
 *
 * Labels are the plain words a villager reads on a matter's page.
 */
export const MATTER_CATEGORIES = [
  'allowances',
  'collectiveIncome',
  'publicWelfare',
  'landContract',
  'collectiveProjects',
  'homestead',
  'requisitionCompensation',
  'collectiveProperty',
  'otherAssembly',
  'dismissal',
  'charter',
  'general',
] as const;

export type MatterCategory = (typeof MATTER_CATEGORIES)[number];

export interface CategoryDef {
  readonly label: string;
  /**
   * True when a committee decision alone cannot close a matter of this category: it must pass a
   * vote (LAW.md). Dismissal and the charter are assembly business by law too, so they are reserved.
   */
  readonly needsVote: boolean;
  /** True when the delegate assembly may never decide it, even if the assembly authorised it to. */
  readonly assemblyOnly: boolean;
}

export const CATEGORIES: Readonly<Record<MatterCategory, CategoryDef>> = {
  allowances: { label: '误工补贴：谁领、领多少', needsVote: true, assemblyOnly: false },
  collectiveIncome: { label: '集体经济收益怎么用', needsVote: true, assemblyOnly: false },
  publicWelfare: { label: '公益事业，以及怎么筹钱、出工', needsVote: true, assemblyOnly: false },
  landContract: { label: '土地承包方案', needsVote: true, assemblyOnly: false },
  collectiveProjects: { label: '集体经济项目和承包方案', needsVote: true, assemblyOnly: false },
  homestead: { label: '宅基地分配方案', needsVote: true, assemblyOnly: false },
  requisitionCompensation: { label: '征地补偿费怎么用、怎么分', needsVote: true, assemblyOnly: false },
  collectiveProperty: { label: '集体财产的借出、出租、出卖', needsVote: true, assemblyOnly: false },
  otherAssembly: { label: '村民会议决定要管的其他大事', needsVote: true, assemblyOnly: false },
  dismissal: { label: '罢免村委会成员', needsVote: true, assemblyOnly: true },
  charter: { label: '村民自治章程、村规民约', needsVote: true, assemblyOnly: true },
  general: { label: '一般村务', needsVote: false, assemblyOnly: false },
};

export function isMatterCategory(value: unknown): value is MatterCategory {
  return typeof value === 'string' && (MATTER_CATEGORIES as readonly string[]).includes(value);
}
