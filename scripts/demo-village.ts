import type {
  AccountRecord,
  BindingRecord,
  GroupInfo,
  HouseholdRecord,
  PersonRecord,
  TownshipRecord,
  VillageRecord,
} from '../core/records';
import type { Role } from '../core/roles';

/**
 * The demo township: two villages of about 120 households each, with villagers of every age, party
 * members, delegates and a committee. Deterministic (a seeded generator), so every machine and
 * every test sees the same village.
 */
export interface DemoData {
  readonly townships: TownshipRecord[];
  readonly villages: VillageRecord[];
  readonly households: HouseholdRecord[];
  readonly persons: PersonRecord[];
  readonly accounts: AccountRecord[];
  /** Each demo account's person is bound to it, as an approved join would have done. */
  readonly bindings: BindingRecord[];
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
const GIVEN_M = [
  '建国',
  '国强',
  '志刚',
  '德明',
  '伟',
  '强',
  '军',
  '海波',
  '明',
  '永福',
  '长林',
  '金山',
  '春生',
  '宏',
  '斌',
  '小龙',
  '浩',
  '宇',
];
const GIVEN_F = [
  '秀英',
  '桂兰',
  '玉梅',
  '春花',
  '丽',
  '芳',
  '秀珍',
  '凤英',
  '小红',
  '娟',
  '敏',
  '静',
  '婷',
  '欣怡',
  '雪',
  '丹',
];
const GROUP_NAMES = ['一组', '二组', '三组', '四组', '五组', '六组'];

interface VillagePlan {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly codePrefix: string;
  readonly households: number;
  readonly seed: number;
}

const TOWNSHIP: TownshipRecord = { _id: 'tw-qinghe', name: '清河镇' };
const PLANS: readonly VillagePlan[] = [
  { id: 'vil-taoyuan', slug: 'taoyuan', name: '桃源村', codePrefix: 'TY', households: 120, seed: 11 },
  { id: 'vil-shiqiao', slug: 'shiqiao', name: '石桥村', codePrefix: 'SQ', households: 118, seed: 29 },
];

/** Birth years are relative to the year the demo is made, so ages stay realistic. */
function makeVillage(plan: VillagePlan, year: number, createdAt: number): DemoData {
  const rnd = prng(plan.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const groups: GroupInfo[] = GROUP_NAMES.map((name, i) => ({ id: `${plan.slug}-g${i + 1}`, name }));
  const households: HouseholdRecord[] = [];
  const persons: PersonRecord[] = [];
  let personNo = 0;
  for (let h = 1; h <= plan.households; h += 1) {
    const groupIndex = (h - 1) % groups.length;
    const surname = pick(SURNAMES);
    const hid = `h-${plan.slug}-${String(h).padStart(3, '0')}`;
    const shape = rnd();
    // Roughly: 10% an old person alone, 15% an old couple left behind, the rest families.
    const ages: number[] =
      shape < 0.1
        ? [70 + Math.floor(rnd() * 20)]
        : shape < 0.25
          ? [65 + Math.floor(rnd() * 20), 63 + Math.floor(rnd() * 20)]
          : [
              40 + Math.floor(rnd() * 25),
              38 + Math.floor(rnd() * 25),
              ...Array.from({ length: Math.floor(rnd() * 4) }, () => Math.floor(rnd() * 30)),
            ];
    const members = ages.map((age, i): PersonRecord => {
      personNo += 1;
      const gender: 'm' | 'f' = i === 0 ? (rnd() < 0.8 ? 'm' : 'f') : i === 1 ? 'f' : rnd() < 0.5 ? 'm' : 'f';
      const given = gender === 'm' ? pick(GIVEN_M) : pick(GIVEN_F);
      return {
        _id: `p-${plan.slug}-${String(personNo).padStart(4, '0')}`,
        villageId: plan.id,
        householdId: hid,
        name: `${i === 1 && shape >= 0.1 ? pick(SURNAMES) : surname}${given}`,
        gender,
        birthYear: year - age,
        isHouseholdRep: i === 0,
      };
    });
    const tags: string[] = [];
    if (ages.length === 1) tags.push('独居');
    if (ages.every((a) => a >= 60)) tags.push('留守老人');
    if (rnd() < 0.05) tags.push('困难户');
    households.push({
      _id: hid,
      villageId: plan.id,
      code: `${plan.codePrefix}-${groupIndex + 1}-${String(h).padStart(3, '0')}`,
      groupId: groups[groupIndex].id,
      tags,
      memberCount: members.length,
    });
    persons.push(...members);
  }
  const village: VillageRecord = {
    _id: plan.id,
    townshipId: TOWNSHIP._id,
    name: plan.name,
    groups,
    householdCount: households.length,
    residentCount: persons.length,
  };

  // Demo accounts, each bound to a real adult of the roster. Reps are first in their household.
  const adults = persons.filter((p) => year - p.birthYear >= 18 && year - p.birthYear < 75);
  const reps = adults.filter((p) => p.isHouseholdRep);
  const nonReps = adults.filter((p) => !p.isHouseholdRep);
  const account = (slug: string, person: PersonRecord, roles: Role[]): AccountRecord => ({
    _id: `demo-${plan.slug}-${slug}`,
    name: person.name,
    personId: person._id,
    villageId: plan.id,
    townshipId: TOWNSHIP._id,
    roles: person.isHouseholdRep && !roles.includes('householdRep') ? [...roles, 'householdRep'] : roles,
    prefs: { elderMode: null },
    demo: true,
    createdAt,
  });
  const accounts = [
    account('committee', reps[0], ['villager', 'committee', 'partyMember']),
    account('party', reps[1], ['villager', 'partyMember']),
    account('grid', reps[2], ['villager', 'partyMember', 'gridLeader']),
    account('delegate', reps[3], ['villager', 'villagerDelegate']),
    account('villager1', reps[4], ['villager']),
    account('villager2', nonReps[0], ['villager']),
    account('villager3', nonReps[1], ['villager']),
  ];
  return { townships: [], villages: [village], households, persons, accounts, bindings: [] };
}

export function demoData(now: number): DemoData {
  const year = new Date(now).getUTCFullYear();
  const parts = PLANS.map((p) => makeVillage(p, year, now));
  const staff: AccountRecord = {
    _id: 'demo-township-staff',
    name: '周乡干',
    personId: null,
    villageId: null,
    townshipId: TOWNSHIP._id,
    roles: ['townshipStaff'],
    prefs: { elderMode: null },
    demo: true,
    createdAt: now,
  };
  // A WeChat user who has not joined any village yet, to try 申请加入村子 with.
  const newcomer: AccountRecord = {
    _id: 'demo-newcomer',
    name: '新用户',
    personId: null,
    villageId: null,
    townshipId: null,
    roles: [],
    prefs: { elderMode: null },
    demo: true,
    createdAt: now,
  };
  return {
    townships: [TOWNSHIP],
    villages: parts.flatMap((p) => p.villages),
    households: parts.flatMap((p) => p.households),
    persons: parts.flatMap((p) => p.persons),
    accounts: [...parts.flatMap((p) => p.accounts), staff, newcomer],
    bindings: parts
      .flatMap((p) => p.accounts)
      .filter(
        (a): a is AccountRecord & { personId: string; villageId: string } =>
          a.personId !== null && a.villageId !== null,
      )
      .map((a) => ({ _id: a.personId, accountId: a._id, villageId: a.villageId, boundAt: now })),
  };
}
