import type { OutputOf } from '../../core/action';
import { accountsBody, accountsTitle, checkAccounts } from '../../core/board/accounts';
import type { importAccounts } from '../../core/board/actions';
import { parseMonthKey, periodOf } from '../../core/board/calendar';
import { checkChange } from '../../core/board/revisions';
import { AppError } from '../../core/errors';
import { decodeCsv, parseCsv } from '../roster/decode';
import { sha256 } from '../shared/audit';
import { callerOf, type ActionContext } from '../shared/handler';
import { targetVillage } from '../shared/scope';
import { accountsNoticeId } from './ids';
import { blankNotice, writeRevision, type StoredContent } from './publish';
import type { NoticeRecord } from './records';
import { loadRevisions, tableView } from './view';

/**
 * A month's accounts from the committee's sheet to the board. The file is checked whole (the rules
 * are core/board/accounts.ts); a clean file is published as the month's notice, whose id is derived
 * from (village, month). Importing the same month again is a correction of that notice, with a
 * reason, like every change of a published notice; the same figures again change nothing.
 */
type Report = OutputOf<typeof importAccounts>;

/** A month of a busy village is tens of kilobytes; a megabyte is a wrong file. */
export const MAX_ACCOUNTS_BYTES = 1024 * 1024;

export async function importAccountsFile(ctx: ActionContext<typeof importAccounts>): Promise<Report> {
  const caller = callerOf(ctx);
  const village = await targetVillage(ctx);
  const input = ctx.input;
  const now = ctx.clock.now();
  const month = parseMonthKey(input.period);
  if (month === null || month > periodOf(now, 'month')) {
    throw new AppError('INVALID_INPUT', '不能公开还没到的月份', [{ path: 'period', message: '不能公开还没到的月份' }]);
  }
  if (!ctx.files) throw new AppError('UNAVAILABLE', '这里不能上传文件');
  const file = await ctx.files.read(input.fileId, MAX_ACCOUNTS_BYTES);
  // Only the one who uploaded a file may import it: file ids are not secrets to rely on.
  if (file.uploadedBy !== null && file.uploadedBy !== caller.accountId) {
    throw new AppError('NOT_FOUND', '没有找到这个文件');
  }
  const { text, encoding } = decodeCsv(file.bytes);
  const table = parseCsv(text);
  const base = { dryRun: input.dryRun, encoding, rows: Math.max(0, table.length - 1) };
  const checked = checkAccounts(table, input.period);
  if (!checked.ok) {
    return {
      ...base,
      applied: false,
      outcome: 'invalid',
      problems: [...checked.problems],
      table: null,
      noticeId: null,
      revision: null,
    };
  }
  const content: StoredContent = {
    kind: 'accounts',
    title: accountsTitle(checked.table),
    body: accountsBody(checked.table),
    table: checked.table,
    facts: null,
    link: null,
  };
  const id = accountsNoticeId(village._id, input.period);
  const existing = await ctx.store.get<NoticeRecord>('notices', id);
  const report = (outcome: Report['outcome'], applied: boolean, n: NoticeRecord | null): Report => ({
    ...base,
    rows: checked.table.lines.length,
    applied,
    outcome,
    problems: [],
    table: tableView(checked.table),
    noticeId: n?._id ?? null,
    revision: n?.revision ?? null,
  });
  if (existing?.state === 'retracted') {
    throw new AppError('INVALID_TRANSITION', '这个月的账目已经撤回，不能再导入；请另发一条公告说明');
  }
  const revisions = existing ? await loadRevisions(ctx.store, existing._id) : [];
  const head = revisions[revisions.length - 1];
  if (head && head.title === content.title && head.body === content.body) return report('unchanged', false, existing);
  if (input.dryRun) return report('checked', false, existing);
  if (existing && !input.reason) {
    throw new AppError(
      'REASON_REQUIRED',
      `${checked.table.periodLabel}的账目已经公开过，重新导入就是更正，请写明更正的理由`,
    );
  }
  const audit = { file: file.name, sha256: sha256(file.bytes.toString('base64')), lines: checked.table.lines.length };
  const after = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<NoticeRecord>('notices', id);
    if (!current) {
      // Someone published this month between our read and now: they must look at it first.
      if (existing) throw new AppError('CONFLICT');
      const shell = blankNotice(
        {
          id,
          villageId: village._id,
          source: 'accounts',
          sourceId: input.period,
          period: input.period,
          visibility: input.visibility,
          pinned: false,
          content,
        },
        caller,
        now,
      );
      return writeRevision(tx, shell, 'publish', content, caller, now, null, audit);
    }
    if (!existing || !head || head.n !== current.revision || head.hash !== current.headHash) {
      throw new AppError('CONFLICT');
    }
    const check = checkChange(current, 'correct', 'import');
    if (!check.ok) throw new AppError(check.code, check.why);
    return writeRevision(tx, current, 'correct', content, caller, now, input.reason ?? null, audit);
  });
  return report(existing ? 'corrected' : 'published', true, after);
}
