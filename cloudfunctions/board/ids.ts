import { randomBytes } from 'node:crypto';
import { sha256 } from '../shared/audit';

/**
 * Ids of the board. A notice the system writes has an id derived from what it is about, so a
 * second publication of it (a retried close, two timers) finds it already there and adds nothing.
 * A read's id is derived from (notice, account): one per account, whatever the race.
 */
const derived = (prefix: string, ...parts: string[]) => `${prefix}_${sha256(parts.join('|')).slice(0, 24)}`;

export const voteNoticeId = (motionId: string): string => derived('nt_vote', 'vote', motionId);

export const matterNoticeId = (matterId: string, step: string): string =>
  derived('nt_matter', 'matter', matterId, step);

export const accountsNoticeId = (villageId: string, period: string): string =>
  derived('nt_acc', 'accounts', villageId, period);

export const readId = (noticeId: string, accountId: string): string => derived('rd', noticeId, accountId);

export function newNoticeId(): string {
  return `nt_${randomBytes(12).toString('hex')}`;
}

export function newInquiryId(): string {
  return `iq_${randomBytes(12).toString('hex')}`;
}
