import { ROLE_LABELS, type Role } from '../../core/roles';

/** What each logged action was, in the village's words. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'members.approveJoin': '同意加入',
  'members.rejectJoin': '不同意加入',
  'members.grantRole': '加角色',
  'members.revokeRole': '去掉角色',
  'roster.import': '导入花名册',
  'members.saveTeam': '登记或修改互助工作队',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** The fields worth showing, in this order; ids and fingerprints mean nothing to a reader. */
const FIELD_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['status', '状态'],
  ['roles', '角色'],
  ['rebind', '换绑'],
  ['rolesMoved', '转过来的角色'],
  ['householdCount', '全村户数'],
  ['residentCount', '全村人数'],
  ['groups', '组数'],
  ['householdsAdded', '新增户'],
  ['householdsChanged', '改动的户'],
  ['personsAdded', '新增人'],
  ['personsChanged', '改动的人'],
  ['groupsAdded', '新的组'],
  ['file', '文件'],
  ['name', '队名'],
  ['members', '队员'],
];

const STATUS: Readonly<Record<string, string>> = { pending: '等待审核', approved: '已同意', rejected: '不同意' };

function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined) return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (field === 'status' && typeof v === 'string') return STATUS[v] ?? v;
  if (Array.isArray(v)) {
    if (v.length === 0) return '无';
    const words = field === 'roles' || field === 'rolesMoved' ? v.map((r) => ROLE_LABELS[r as Role] ?? String(r)) : v;
    return words.map(String).join('、');
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function fields(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Before → after as readable lines, e.g. "状态：等待审核 → 已同意". */
export function describeChange(before: unknown, after: unknown): string[] {
  const b = fields(before);
  const a = fields(after);
  const lines: string[] = [];
  for (const [key, label] of FIELD_LABELS) {
    const had = key in b;
    const has = key in a;
    if (had && has) {
      const from = valueText(key, b[key]);
      const to = valueText(key, a[key]);
      lines.push(from === to ? `${label}：${to}` : `${label}：${from} → ${to}`);
    } else if (has) {
      lines.push(`${label}：${valueText(key, a[key])}`);
    } else if (had) {
      lines.push(`${label}：原来是 ${valueText(key, b[key])}`);
    }
  }
  return lines;
}
