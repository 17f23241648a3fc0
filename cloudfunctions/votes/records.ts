import type { z } from 'zod';
import type { Caller } from '../../core/caller';
import type { Elector } from '../../core/votes/eligibility';
import type { Tally } from '../../core/votes/tally';
import type { HandCount, Motion } from '../../core/votes/actions';

/** What the votes function stores. Ballot presence and content are apart by design (secrecy). */
export type MotionFields = Omit<z.output<typeof Motion>, 'id'>;

export interface MotionRecord extends MotionFields {
  readonly _id: string;
  readonly version?: number;
  /** How many presence records are in the chain, and its head after the last of them. */
  readonly sealedSeq: number;
  readonly sealedHead: string;
  readonly tally: Tally | null;
  readonly source: 'ballots' | 'handCount' | null;
  readonly handCount: z.output<typeof HandCount> | null;
  /** Digests of the lists published at close, so nobody can change them later unseen. */
  readonly choicesDigest: string | null;
  readonly receiptsDigest: string | null;
  readonly electorateDigest: string;
  readonly createdAt: number;
}

export interface ElectorRecord extends Elector {
  readonly _id: string;
  readonly version?: number;
  readonly motionId: string;
  readonly villageId: string;
}

/** That an elector voted, and when; for an open ballot also what. Never for a secret one. */
export interface PresenceRecord {
  readonly _id: string;
  readonly version?: number;
  readonly motionId: string;
  readonly villageId: string;
  readonly electorId: string;
  readonly receipt: string;
  readonly castAt: number;
  readonly assistedBy: string | null;
  readonly choices?: readonly string[];
  readonly sealed: boolean;
  readonly seq: number | null;
}

/** What a secret ballot chose: a random id, the motion, the choices. No voter, no time. */
export interface ContentRecord {
  readonly _id: string;
  readonly version?: number;
  readonly motionId: string;
  readonly choices: readonly string[];
}

/** Timers and vote closes act as nobody in particular; the audit log names them so. */
export const SYSTEM: Caller = {
  accountId: 'system',
  name: '系统（定时）',
  personId: null,
  villageId: null,
  townshipId: null,
  roles: [],
  scopeVillageIds: [],
};
