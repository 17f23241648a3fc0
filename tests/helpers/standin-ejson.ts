/**
 * Just enough MongoDB Extended JSON for the CloudBase stand-in: the SDK sends canonical EJSON
 * strings ({"$numberInt":"1"}, ...) and parses every returned document with EJSON.parse. A type
 * wrapper the stand-in does not know is an error, so a test notices the adapter sending it.
 */
export type Value = null | boolean | number | string | Date | Value[] | { [key: string]: Value };
export type Document = { [key: string]: Value };

export class EjsonError extends Error {}

const NUMBER_WRAPPERS = ['$numberInt', '$numberLong', '$numberDouble'] as const;
const UNSUPPORTED_WRAPPERS = [
  '$oid',
  '$numberDecimal',
  '$regularExpression',
  '$binary',
  '$tcb_server_date',
  '$timestamp',
];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function decodeDate(v: unknown): Date {
  if (typeof v === 'string') return new Date(v);
  if (isRecord(v) && typeof v.$numberLong === 'string') return new Date(Number(v.$numberLong));
  throw new EjsonError(`bad $date ${JSON.stringify(v)}`);
}

export function decode(x: unknown): Value {
  if (x === null || typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map(decode);
  if (!isRecord(x)) throw new EjsonError(`not JSON: ${String(x)}`);
  const keys = Object.keys(x);
  if (keys.length === 1) {
    const [key] = keys;
    const wrapped = x[key];
    if (NUMBER_WRAPPERS.some((w) => w === key) && typeof wrapped === 'string') return Number(wrapped);
    if (key === '$date') return decodeDate(wrapped);
    if (UNSUPPORTED_WRAPPERS.includes(key)) throw new EjsonError(`stand-in does not support ${key}`);
  }
  const out: Document = {};
  for (const key of keys) out[key] = decode(x[key]);
  return out;
}

export function parse(text: string): Value {
  return decode(JSON.parse(text) as unknown);
}

function encodeNumber(n: number): Record<string, string> {
  if (Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31) return { $numberInt: String(n) };
  if (Number.isSafeInteger(n)) return { $numberLong: String(n) };
  return { $numberDouble: String(n) };
}

function encode(v: Value): unknown {
  if (typeof v === 'number') return encodeNumber(v);
  if (v instanceof Date) return { $date: { $numberLong: String(v.getTime()) } };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(v)) out[key] = encode(inner);
    return out;
  }
  return v;
}

/** Canonical EJSON, as a MongoDB-backed service would send it. */
export function stringify(v: Value): string {
  return JSON.stringify(encode(v));
}
