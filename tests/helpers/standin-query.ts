import type { Document, Value } from './standin-ejson';

/**
 * The MongoDB query and update semantics the CloudBase stand-in needs, and no more: equality
 * (null also matching a missing field), $eq, $in, $gt/$gte/$lt/$lte within one type, $and, dotted
 * paths; $set, $inc, $unset. Anything else throws StandinUnsupported, so a test fails loudly when the
 * adapter starts sending an operator nobody checked here.
 */
export class StandinUnsupported extends Error {}

export class StandinBadUpdate extends Error {}

function isDocument(v: Value | undefined): v is Document {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export function getPath(doc: Document, path: string): Value | undefined {
  let cur: Value | undefined = doc;
  for (const part of path.split('.')) {
    if (!isDocument(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(doc: Document, path: string, value: Value): void {
  const parts = path.split('.');
  let cur: Document = doc;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === undefined || next === null) cur[part] = {};
    else if (!isDocument(next)) throw new StandinBadUpdate(`cannot create field in non-object at ${path}`);
    cur = cur[part] as Document;
  }
  cur[parts[parts.length - 1]] = value;
}

function unsetPath(doc: Document, path: string): void {
  const parts = path.split('.');
  let cur: Value | undefined = doc;
  for (const part of parts.slice(0, -1)) cur = isDocument(cur) ? cur[part] : undefined;
  if (isDocument(cur)) Reflect.deleteProperty(cur, parts[parts.length - 1]);
}

function deepEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isDocument(a) && isDocument(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return a === b;
}

function equals(value: Value | undefined, target: Value): boolean {
  if (target === null) return value === null || value === undefined;
  return deepEqual(value, target);
}

/** MongoDB compares only within one type bracket: 3 is never "greater" than "2". */
function compareSameType(value: Value | undefined, bound: Value): number | null {
  if (typeof value === 'number' && typeof bound === 'number') return value - bound;
  if (typeof value === 'string' && typeof bound === 'string') return value < bound ? -1 : value > bound ? 1 : 0;
  if (value instanceof Date && bound instanceof Date) return value.getTime() - bound.getTime();
  return null;
}

function isOperatorObject(v: Value): v is Document {
  return isDocument(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));
}

function operatorMatches(value: Value | undefined, op: string, arg: Value): boolean {
  switch (op) {
    case '$eq':
      return equals(value, arg);
    case '$in':
      if (!Array.isArray(arg)) throw new StandinUnsupported('$in needs an array');
      return arg.some((x) => equals(value, x));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const c = compareSameType(value, arg);
      if (c === null) return false;
      return op === '$gt' ? c > 0 : op === '$gte' ? c >= 0 : op === '$lt' ? c < 0 : c <= 0;
    }
    default:
      throw new StandinUnsupported(`query operator ${op}`);
  }
}

function fieldMatches(value: Value | undefined, condition: Value): boolean {
  if (isOperatorObject(condition)) {
    return Object.entries(condition).every(([op, arg]) => operatorMatches(value, op, arg));
  }
  if (isDocument(condition)) throw new StandinUnsupported('nested-document equality');
  return equals(value, condition);
}

export function matches(doc: Document, query: Value): boolean {
  if (!isDocument(query)) throw new StandinUnsupported('query must be an object');
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and') {
      if (!Array.isArray(condition)) throw new StandinUnsupported('$and needs an array');
      return condition.every((sub) => matches(doc, sub));
    }
    if (key.startsWith('$')) throw new StandinUnsupported(`top-level ${key}`);
    return fieldMatches(getPath(doc, key), condition);
  });
}

/** BSON's order of types: missing/null, numbers, strings, objects, arrays, booleans, dates. */
function typeRank(v: Value | undefined): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (v instanceof Date) return 9;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'boolean') return 8;
  return 4;
}

function compareValues(a: Value | undefined, b: Value | undefined): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareSameType(a, b as Value) ?? 0;
}

export function sortDocuments(docs: Document[], order: Value | undefined): Document[] {
  if (order === undefined) return docs;
  if (!isDocument(order)) throw new StandinUnsupported('order must be an object');
  const keys = Object.entries(order).map(([field, dir]) => {
    if (dir !== 1 && dir !== -1) throw new StandinUnsupported(`sort direction ${String(dir)}`);
    return [field, dir] as const;
  });
  return [...docs].sort((x, y) => {
    for (const [field, dir] of keys) {
      const c = compareValues(getPath(x, field), getPath(y, field));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

/** Applies `$set`/`$inc`/`$unset` to a copy of the document. */
export function applyUpdate(doc: Document, update: Value): Document {
  if (!isDocument(update)) throw new StandinUnsupported('update must be an object');
  const next = structuredClone(doc);
  for (const [op, fields] of Object.entries(update)) {
    if (!isDocument(fields)) throw new StandinUnsupported(`${op} needs an object`);
    for (const [path, arg] of Object.entries(fields)) {
      if (path === '_id' || path.startsWith('_id.')) throw new StandinBadUpdate('_id cannot be updated');
      if (op === '$set') setPath(next, path, structuredClone(arg));
      else if (op === '$unset') unsetPath(next, path);
      else if (op === '$inc') {
        const prev = getPath(next, path);
        if (typeof arg !== 'number') throw new StandinBadUpdate('$inc needs a number');
        if (prev !== undefined && typeof prev !== 'number') throw new StandinBadUpdate(`$inc on non-number ${path}`);
        setPath(next, path, (prev ?? 0) + arg);
      } else throw new StandinUnsupported(`update operator ${op}`);
    }
  }
  return next;
}
