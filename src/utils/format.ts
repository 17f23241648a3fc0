import { ROLE_LABELS, type Role } from '../../core/roles';

export function rolesText(roles: readonly string[]): string {
  const labels = roles.map((r) => ROLE_LABELS[r as Role] ?? r);
  return labels.length > 0 ? labels.join('、') : '还没有角色';
}

/**
 * A moment as the village reads it, in Beijing time (Asia/Shanghai has no summer time, so a fixed
 * +8 hours is exact and does not depend on the phone's time zone or its Intl support).
 */
export function formatTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** One problem of a roster file, as "第 N 行 · 列：原因". */
export function problemText(p: { readonly row: number; readonly column: string; readonly reason: string }): string {
  return p.column ? `第 ${p.row} 行 · ${p.column}：${p.reason}` : `第 ${p.row} 行：${p.reason}`;
}
