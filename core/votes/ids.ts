import { canonicalJson as sharedCanonicalJson, type Hasher } from '../canonical';

/**
 * Deterministic ids, receipt codes and the ballot hash chain.
 *
 * Hashing is passed in (`hash`, `mac`), never imported: core/ stays free of Node and of any SDK, and
 * the same code runs in a cloud function, the local gateway and a verifier script. Every `hash`
 * here is expected to return hex (sha256 gives 64 digits); anything else is refused.
 *
 * How a ballot is stored, and why (secret ballots):
 * - A presence record says that an elector took part: id `presenceId(motion, elector)`, which is
 *   the one-ballot-per-elector key (a second insert fails with DUPLICATE → ALREADY_VOTED). It holds
 *   the elector, the time, who assisted, and the receipt. It never holds the choices.
 * - A content record holds the choices: its id is random, supplied by the service
 *   (`secretBallotId`), and it carries no elector, no time and no sequence number. Both records are
 *   written in one transaction, so the counts of the two always agree.
 * - Results publish the receipts (from presence records) and the choices (from content records)
 *   as two separate lists. The choices are listed in the order of their random ids
 *   (`publishedChoices`), never in the order they were cast, which would line up with the presence
 *   list's times.
 * - The hash chain runs over presence records only, so its order reveals nothing about choices.
 *   For an open ballot there is one record, holding the elector and the choices, and the chain
 *   covers the choices too.
 *
 * Receipts: a receipt shows an elector that their ballot was counted: it is in the published
 * list, and the list is as long as the turnout and as long as the list of choices. It is derived
 * from (motion, elector) under a server-held key, never from the choices, so it says nothing about
 * them, and nobody without the key can compute anyone else's receipt from the public ids (which
 * would reveal who took part).
 */

/** A hash the caller provides (sha256 in hex, in practice); the same shape as the audit chain's. */
export type Hash = Hasher;

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/**
 * One text for one value: keys sorted at every depth, no whitespace (core/canonical.ts). The ballot
 * chain uses the very same serialisation as the audit chain, so one verifier reads both. For JSON
 * data it is the JSON Canonicalization Scheme (RFC 8785): keys in UTF-16 code-unit order, numbers
 * as JavaScript prints them, so a verifier in another language can reproduce it.
 */
export function canonicalJson(value: JsonValue): string {
  return sharedCanonicalJson(value);
}

/** The hash of a text, as lower-case hex, checked to be long enough to cut ids and receipts from. */
export function hexDigest(hash: Hash, input: string): string {
  const out = hash(input);
  if (!/^[0-9a-fA-F]{40,}$/.test(out)) throw new TypeError('hash must return at least 40 hex digits');
  return out.toLowerCase();
}

/**
 * The presence record's id: one per (motion, elector). Hashed from a canonical array, not from
 * `${motionId}:${electorId}`, because ids may contain ':' and ('a:b','c') must differ from
 * ('a','b:c'). 160 bits keeps it short and collision-free.
 */
export function presenceId(motionId: string, electorId: string, hash: Hash): string {
  return `bp_${hexDigest(hash, canonicalJson(['xz.presence', motionId, electorId])).slice(0, 40)}`;
}

/**
 * A secret ballot's content id, from randomness the service draws (at least 128 bits: 22 or more
 * base64url characters, or 32 hex digits). It must not be computed from anything about the voter;
 * the core cannot check that, only that it looks like enough randomness.
 */
export function secretBallotId(random: string): string {
  if (!/^[A-Za-z0-9_-]{22,60}$/.test(random))
    throw new TypeError('secretBallotId needs 22-60 random url-safe characters');
  return `bc_${random}`;
}

// ---------------------------------------------------------------------------------------------
// Receipts

/**
 * 32 symbols with the look-alikes taken out: no 0/O, no 1/I. Upper case only, as printed.
 * 8 symbols carry 40 bits: a guess hits one of a thousand receipts once in a billion tries.
 */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const RECEIPT_LENGTH = 8;
export const RECEIPT_PATTERN = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

/** A receipt from a hex digest (or from random hex): its first 40 bits, grouped "7KQ2-M9TX". */
export function receiptFromHex(hex: string): string {
  if (!/^[0-9a-fA-F]{10,}$/.test(hex)) throw new TypeError('receiptFromHex needs at least 10 hex digits');
  let n = parseInt(hex.slice(0, 10), 16); // 40 bits: exact in a double
  const out: string[] = [];
  for (let i = 0; i < RECEIPT_LENGTH; i++) {
    out.unshift(RECEIPT_ALPHABET[n % 32]);
    n = Math.floor(n / 32);
  }
  return `${out.slice(0, 4).join('')}-${out.slice(4).join('')}`;
}

/**
 * The receipt of an elector's ballot. `mac` is a keyed hash (HMAC-SHA256 under a server secret)
 * the service provides; the key never passes through here. Deterministic, so "my receipt" can be
 * shown again without storing anything new.
 */
export function deriveReceipt(motionId: string, electorId: string, mac: Hash): string {
  return receiptFromHex(hexDigest(mac, canonicalJson(['xz.receipt', motionId, electorId])));
}

/**
 * What a villager typed, as a receipt, or null. Forgives lower case, spaces, any dash, and
 * full-width letters and digits from a Chinese keyboard.
 */
export function normalizeReceipt(input: string): string | null {
  const ascii = input.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const bare = ascii.toUpperCase().replace(/[\s\-_\u2010-\u2015\u3000\u30FC]/g, '');
  if (bare.length !== RECEIPT_LENGTH) return null;
  for (const c of bare) if (!RECEIPT_ALPHABET.includes(c)) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4)}`;
}

// ---------------------------------------------------------------------------------------------
// Publishing

/** The receipts list as published: sorted, so its order says nothing about who voted when. */
export function publishedReceipts(receipts: readonly string[]): string[] {
  return [...receipts].sort();
}

/** The choices list of a secret ballot, in the order of the content records' random ids. */
export function publishedChoices(
  contents: ReadonlyArray<{ readonly id: string; readonly choices: readonly string[] }>,
): string[][] {
  return [...contents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((c) => [...c.choices]);
}

/** A digest of a published list, printed on the board so nobody can change the list later. */
export function listDigest(list: JsonValue, hash: Hash): string {
  return hexDigest(hash, canonicalJson(list));
}

// ---------------------------------------------------------------------------------------------
// The hash chain

/**
 * head₀ = hash(canonicalJson(anchor)), where the anchor is the motion's opening record;
 * headᵢ = hash(headᵢ₋₁ + "\n" + canonicalJson(recordᵢ)).
 * A head is hex, so the newline cannot be confused with part of it. Any record changed, dropped,
 * reordered or slipped in changes every head after it.
 */
export function chainStart(anchor: JsonValue, hash: Hash): string {
  return hexDigest(hash, canonicalJson(anchor));
}

export function chainNext(prevHead: string, recordCanonical: string, hash: Hash): string {
  if (!/^[0-9a-f]{40,}$/.test(prevHead)) throw new TypeError('chainNext: previous head must be lower-case hex');
  return hexDigest(hash, `${prevHead}\n${recordCanonical}`);
}

export function chainHead(anchor: JsonValue, records: readonly JsonValue[], hash: Hash): string {
  return records.reduce<string>((head, r) => chainNext(head, canonicalJson(r), hash), chainStart(anchor, hash));
}

/** What the chain covers for one ballot. Choices only for an open ballot (see the top of this file). */
export interface ChainedBallot {
  readonly motionId: string;
  readonly electorId: string;
  readonly receipt: string;
  readonly castAt: number;
  /** The committee member who recorded it for the elector, or null. */
  readonly assistedBy: string | null;
  readonly choices?: readonly string[];
}

export function ballotChainRecord(b: ChainedBallot): JsonValue {
  return {
    motionId: b.motionId,
    electorId: b.electorId,
    receipt: b.receipt,
    castAt: b.castAt,
    assistedBy: b.assistedBy,
    choices: b.choices === undefined ? undefined : [...b.choices],
  };
}
