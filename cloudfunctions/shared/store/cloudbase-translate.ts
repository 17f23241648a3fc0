import type { SdkCommand, SdkQueryCommand, SdkQueryValue, SdkUpdate, SdkWhere } from './cloudbase-sdk';
import { assertField, compileFilter, type Clause } from './filter';
import type { Filter, FindOptions, SortDirection } from './port';

/**
 * Pure translation from the port's vocabulary to the SDK's: filters to `where` objects, patches to
 * update objects, sorts to orderBy calls. Kept apart from cloudbase.ts so it can be read against
 * the embedded adapter's SQL side by side.
 */

function command(c: Clause, _: SdkCommand): SdkQueryCommand {
  switch (c.kind) {
    case 'eq':
      return _.eq(c.value);
    case 'in':
      return _.in(c.values);
    case 'range':
      switch (c.op) {
        case '$gt':
          return _.gt(c.value);
        case '$gte':
          return _.gte(c.value);
        case '$lt':
          return _.lt(c.value);
        case '$lte':
          return _.lte(c.value);
      }
  }
}

/**
 * One key per field: a `where` object cannot repeat a key, so several conditions on one field
 * (combined bounds, or an eq and a range from two $and branches) are chained with `.and`, which
 * the SDK sends as a top-level `$and`.
 */
export function toWhere(filter: Filter, _: SdkCommand): SdkWhere {
  const byField = new Map<string, Clause[]>();
  for (const clause of compileFilter(filter)) {
    const list = byField.get(clause.field) ?? [];
    list.push(clause);
    byField.set(clause.field, list);
  }
  const where: Record<string, SdkQueryValue> = {};
  for (const [field, clauses] of byField) {
    const [first] = clauses;
    if (clauses.length === 1 && first.kind === 'eq') {
      where[field] = first.value;
      continue;
    }
    where[field] = clauses.map((c) => command(c, _)).reduce((all, next) => all.and(next));
  }
  return where;
}

/** The sort with `_id` ascending appended as the tiebreaker, as the embedded adapter orders. */
export function toOrder(sort: FindOptions['sort']): Array<readonly [string, SortDirection]> {
  const order: Array<readonly [string, SortDirection]> = [];
  for (const [field, direction] of sort ?? []) {
    assertField(field);
    if (direction !== 'asc' && direction !== 'desc') throw new Error(`store: bad sort direction on ${field}`);
    order.push([field, direction]);
  }
  if (!order.some(([field]) => field === '_id')) order.push(['_id', 'asc']);
  return order;
}

export function checkDoc(doc: { _id?: unknown }): string {
  if (typeof doc._id !== 'string' || doc._id.length === 0 || doc._id.length > 200) {
    throw new Error('store: a document needs a non-empty string _id of at most 200 characters');
  }
  return doc._id;
}

export function checkPatch(patch: object): void {
  for (const key of Object.keys(patch)) {
    if (key === '_id' || key === 'version') throw new Error(`store: a patch cannot set ${key}`);
    assertField(key);
    if (key.includes('.')) throw new Error('store: a patch sets top-level fields only');
  }
}

export function checkDeltas(deltas: Readonly<Record<string, number>>): void {
  checkPatch(deltas);
  for (const d of Object.values(deltas)) if (!Number.isFinite(d)) throw new Error('store: inc needs finite numbers');
}

/**
 * A patch as an update object. Object and array values go through `_.set`: the SDK otherwise
 * flattens `{prefs: {a: 1}}` into `$set: {"prefs.a": 1}`, which merges into the stored object (and
 * drops an empty object altogether), while the port promises a whole replacement. An undefined
 * value removes the field, as the embedded adapter's JSON does.
 */
export function toUpdate(patch: object, _: SdkCommand, version: number | 'inc'): SdkUpdate {
  const data: SdkUpdate = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) data[key] = _.remove();
    else if (typeof value === 'object' && value !== null) data[key] = _.set(value);
    else data[key] = value;
  }
  data.version = version === 'inc' ? _.inc(1) : version;
  return data;
}

export function toIncrement(deltas: Readonly<Record<string, number>>, _: SdkCommand): SdkUpdate {
  const data: SdkUpdate = {};
  for (const [key, delta] of Object.entries(deltas)) data[key] = _.inc(delta);
  data.version = _.inc(1);
  return data;
}

/** The document body for `doc(id).set()`, which refuses a body carrying `_id`. */
export function toReplacement(doc: { _id: string }, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { ...doc };
  delete body._id;
  body.version = version;
  return body;
}
