import { ROLE_LABELS, type Role } from '../../core/roles';

export function rolesText(roles: readonly string[]): string {
  const labels = roles.map((r) => ROLE_LABELS[r as Role] ?? r);
  return labels.length > 0 ? labels.join('、') : '还没有角色';
}
