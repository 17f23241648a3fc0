/**
 * The village board (村务公开) as data: what kinds of notice there are, who writes each, and how a
 * published one may change. Services and pages read these rows; nothing checks a kind with an `if`
 * of its own (Loomio keeps poll types as data; we keep notice kinds as data).
 *
 * How a published notice may change (never in place, always as a new revision, LAW.md):
 * - `text`: the committee corrects the words, giving a reason;
 * - `import`: the figures come from a file, so a correction is a new import of the same month;
 * - `none`: the notice is a fact the system computed (a vote's count); nobody corrects or retracts
 *   it by hand, because the count itself is what villagers check against.
 */
export const NOTICE_KINDS = [
  {
    id: 'decision',
    label: '村里的决定',
    hint: '村两委或村民会议定下来的事',
    drafted: true,
    correction: 'text',
    retractable: true,
  },
  {
    id: 'voteResult',
    label: '表决结果',
    hint: '投票结束后自动公开：多少人参加、各项多少票、通过没有',
    drafted: false,
    correction: 'none',
    retractable: false,
  },
  {
    id: 'progress',
    label: '办事进展',
    hint: '村里的事办到哪一步了、办完了、大家打了多少分',
    drafted: true,
    correction: 'text',
    retractable: true,
  },
  {
    id: 'accounts',
    label: '收支账目',
    hint: '每月的收入和支出，从表格导入',
    drafted: false,
    correction: 'import',
    retractable: true,
  },
  {
    id: 'general',
    label: '村务公开',
    hint: '其他要让大家知道的村务，每季度至少一次',
    drafted: true,
    correction: 'text',
    retractable: true,
  },
] as const satisfies ReadonlyArray<{
  id: string;
  label: string;
  hint: string;
  /** Whether the committee writes it as a draft (the others come from a count or a file). */
  drafted: boolean;
  correction: 'text' | 'import' | 'none';
  retractable: boolean;
}>;

export type NoticeKind = (typeof NOTICE_KINDS)[number]['id'];
export const NOTICE_KIND_IDS = NOTICE_KINDS.map((k) => k.id) as [NoticeKind, ...NoticeKind[]];
export type KindInfo = (typeof NOTICE_KINDS)[number];

/** Kinds the committee may write by hand. */
export const DRAFTED_KINDS = NOTICE_KINDS.filter((k) => k.drafted).map((k) => k.id) as [NoticeKind, ...NoticeKind[]];

export function kindInfo(kind: NoticeKind): KindInfo {
  const found = NOTICE_KINDS.find((k) => k.id === kind);
  // The union type makes a miss impossible for typed callers; a stored record with a stale value is a bug.
  if (!found) throw new RangeError(`unknown notice kind: ${String(kind)}`);
  return found;
}

/**
 * Who may read a published notice: the village's members (and the township above it), or anyone,
 * without joining, where the committee chooses (a QR code on the wall that outsiders scan too).
 */
export const VISIBILITIES = [
  { id: 'village', label: '本村的人能看' },
  { id: 'public', label: '所有人都能看（不用加入）' },
] as const;
export type Visibility = (typeof VISIBILITIES)[number]['id'];
export const VISIBILITY_IDS = VISIBILITIES.map((v) => v.id) as [Visibility, ...Visibility[]];

/** A notice's life: written, published, and perhaps retracted (still readable, marked so). */
export const NOTICE_STATES = [
  { id: 'draft', label: '草稿，还没公开' },
  { id: 'published', label: '已公开' },
  { id: 'retracted', label: '已撤回' },
] as const;
export type NoticeState = (typeof NOTICE_STATES)[number]['id'];
export const NOTICE_STATE_IDS = NOTICE_STATES.map((s) => s.id) as [NoticeState, ...NoticeState[]];

export function stateLabel(state: NoticeState): string {
  return NOTICE_STATES.find((s) => s.id === state)?.label ?? state;
}

/** Each revision says what it did: the first publication, a correction, or the retraction. */
export const REVISION_CHANGES = [
  { id: 'publish', label: '公开' },
  { id: 'correct', label: '更正' },
  { id: 'retract', label: '撤回' },
] as const;
export type RevisionChange = (typeof REVISION_CHANGES)[number]['id'];
export const REVISION_CHANGE_IDS = REVISION_CHANGES.map((c) => c.id) as [RevisionChange, ...RevisionChange[]];

export function changeLabel(change: RevisionChange): string {
  return REVISION_CHANGES.find((c) => c.id === change)?.label ?? change;
}

/** Where a notice came from: typed by the committee, or written by the system from a record. */
export const NOTICE_SOURCES = ['manual', 'motion', 'matter', 'accounts'] as const;
export type NoticeSource = (typeof NOTICE_SOURCES)[number];

/** Pages of the app a notice links to. The notice page itself lives in the main package. */
export const NOTICE_WEAPP_PAGE = 'pages/notice/index';
export const VOTE_RESULT_PAGE = '/pkg-vote/result/index';

export function noticeWeappPath(noticeId: string): string {
  return `${NOTICE_WEAPP_PAGE}?id=${noticeId}`;
}

/** The H5 build routes by hash. */
export function noticeH5Path(noticeId: string): string {
  return `#/${NOTICE_WEAPP_PAGE}?id=${noticeId}`;
}

export function voteResultPath(motionId: string): string {
  return `${VOTE_RESULT_PAGE}?id=${motionId}`;
}
