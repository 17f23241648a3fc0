import { createHash } from 'node:crypto';

/** SHA-256 as lower-case hex: the one hash the audit log, ballot chain and derived ids share. */
export const sha256 = (input: string): string => createHash('sha256').update(input).digest('hex');
