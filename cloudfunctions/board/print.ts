import { toDataURL, toString as toSvg } from 'qrcode';
import type { OutputOf } from '../../core/action';
import type { print } from '../../core/board/actions';
import { formatChineseDate } from '../../core/board/calendar';
import { kindInfo, noticeH5Path, noticeWeappPath } from '../../core/board/kinds';
import { AppError } from '../../core/errors';
import type { ActionContext } from '../shared/handler';
import { managedNotice } from './notices';
import { contentView, loadRevisions, villageName } from './view';

/**
 * What the A4 print view needs to put a notice on the wall: its words as published (the last
 * revision), its revision number and dates, and a QR code that opens it again. The QR code holds
 * the H5 address (a phone's camera opens it in any browser; WeChat's scan opens it too); the
 * mini-program path is printed beside it for those who search the mini-program.
 */
type Out = OutputOf<typeof print>;

/** Medium error correction survives a smudge or a drawing pin through the paper. */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export function h5Url(origin: string | null, noticeId: string): string {
  const path = noticeH5Path(noticeId);
  return origin ? `${origin.replace(/\/+$/, '')}/${path}` : path;
}

export async function printData(ctx: ActionContext<typeof print>): Promise<Out> {
  const n = await managedNotice(ctx, ctx.input.noticeId);
  if (n.state === 'draft' || n.publishedAt === null) {
    throw new AppError('INVALID_TRANSITION', '草稿还没公开，公开以后才能打印张贴');
  }
  const revisions = await loadRevisions(ctx.store, n._id);
  const head = revisions[revisions.length - 1];
  if (!head) throw new AppError('NOT_FOUND', '没有找到这条公告的内容');
  // The console knows its own address; a deployment may also set it once for every print.
  const origin = ctx.input.origin ?? process.env.XZ_H5_ORIGIN ?? null;
  const url = h5Url(origin, n._id);
  const [qrSvg, qrDataUrl] = await Promise.all([
    toSvg(url, { ...QR_OPTIONS, type: 'svg' }),
    toDataURL(url, { ...QR_OPTIONS, type: 'image/png', width: 360 }),
  ]);
  return {
    noticeId: n._id,
    villageName: await villageName(ctx.store, n.villageId),
    kindLabel: kindInfo(n.kind).label,
    content: contentView(head),
    revision: head.n,
    corrections: n.corrections,
    publishedAt: n.publishedAt,
    publishedDate: formatChineseDate(n.publishedAt),
    correctedAt: n.correctedAt,
    correctedDate: n.correctedAt === null ? null : formatChineseDate(n.correctedAt),
    retracted: n.state === 'retracted',
    retractReason: n.retractReason,
    weappPath: noticeWeappPath(n._id),
    h5Path: noticeH5Path(n._id),
    h5Url: url,
    qrSvg,
    qrDataUrl,
    printedAt: ctx.clock.now(),
  };
}
