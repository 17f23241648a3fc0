import type { Condition, Filter, InCondition, RangeCondition, Scalar } from './port';

/**
 * The filter subset, checked once and normalised into a list of clauses that each adapter
 * translates. A filter outside the subset is a programming error, so it throws a plain Error
 * (which the handler edge reports as INTERNAL, never as the user's fault).
 */
export type Clause =
  | { readonly kind: 'eq'; readonly field: string; readonly value: Scalar }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly Scalar[] }
  | {
      readonly kind: 'range';
      readonly field: string;
      readonly op: '$gt' | '$gte' | '$lt' | '$lte';
      readonly value: string | number;
    };

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const RANGE_OPS = ['$gt', '$gte', '$lt', '$lte'] as const;

export function assertField(field: string): void {
  if (!FIELD.test(field)) throw new Error(`store: invalid field name ${JSON.stringify(field)}`);
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function conditionClauses(field: string, cond: Condition): Clause[] {
  if (isScalar(cond)) return [{ kind: 'eq', field, value: cond }];
  if (!isPlainObject(cond)) throw new Error(`store: bad condition on ${field}`);
  const keys = Object.keys(cond);
  if (keys.length === 1 && keys[0] === '$in') {
    const values = (cond as unknown as InCondition).$in;
    if (!Array.isArray(values) || !values.every(isScalar)) throw new Error(`store: $in on ${field} needs scalars`);
    return [{ kind: 'in', field, values }];
  }
  if (keys.length === 0) throw new Error(`store: empty condition on ${field}`);
  const range = cond as unknown as RangeCondition;
  return keys.map((k) => {
    const op = RANGE_OPS.find((o) => o === k);
    const value = op ? range[op] : undefined;
    if (
      !op ||
      (typeof value !== 'number' && typeof value !== 'string') ||
      (typeof value === 'number' && !Number.isFinite(value))
    ) {
      throw new Error(`store: unsupported operator ${k} on ${field}`);
    }
    return { kind: 'range', field, op, value };
  });
}

export function compileFilter(filter: Filter): Clause[] {
  if (!isPlainObject(filter)) throw new Error('store: filter must be an object');
  const clauses: Clause[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) throw new Error(`store: undefined condition on ${key}`);
    if (key === '$and') {
      if (!Array.isArray(value)) throw new Error('store: $and needs an array');
      for (const sub of value as readonly Filter[]) clauses.push(...compileFilter(sub));
      continue;
    }
    assertField(key);
    clauses.push(...conditionClauses(key, value as Condition));
  }
  return clauses;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export function checkPaging(limit: number | undefined, skip: number | undefined): { limit: number; skip: number } {
  const l = limit ?? DEFAULT_LIMIT;
  const s = skip ?? 0;
  if (!Number.isInteger(l) || l < 1 || l > MAX_LIMIT)
    throw new Error(`store: limit must be an integer in 1..${MAX_LIMIT}`);
  if (!Number.isInteger(s) || s < 0) throw new Error('store: skip must be a non-negative integer');
  return { limit: l, skip: s };
}
