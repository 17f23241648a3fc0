/**
 * Every failure a user can meet has a stable English code and a plain Chinese message.
 * Errors are thrown in one typed form (AppError) and mapped once, at the handler edge.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNKNOWN_ACTION: '没有这项操作',
  UNAUTHENTICATED: '请先登录',
  NOT_JOINED: '您还没有加入村子，请先申请加入',
  FORBIDDEN: '您没有权限做这件事',
  NOT_FOUND: '没有找到这条记录',
  DUPLICATE: '这条记录已经存在',
  CONFLICT: '别人刚刚改过这条记录，请刷新后再试',
  INVALID_TRANSITION: '现在不能做这一步',
  NOT_ELIGIBLE: '您不在这次表决的名单里',
  ALREADY_VOTED: '您已经投过票了，每人只能投一次',
  VOTING_NOT_OPEN: '投票还没有开始',
  VOTING_CLOSED: '投票已经结束',
  NO_MATCH: '没有对上：请核对姓名和户号（户号在村里发的纸条上）',
  ALREADY_JOINED: '您已经加入了村子',
  ALREADY_BOUND: '这个人已经绑定了别的微信，需要村里审核后才能换绑',
  ALREADY_DECIDED: '这条申请已经处理过了',
  TEAM_NAME_TAKEN: '村里已经有叫这个名字的互助工作队了，请换个队名',
  TOO_MANY_TEAMS: '村里的互助工作队已经登记满了，请先合并或改用现有的队',
  FILE_TOO_LARGE: '文件太大了',
  FILE_TYPE: '文件格式不对',
  ROSTER_INVALID: '花名册里有错，一条都没有导入，请按提示改好后再导入',
  AUDIT_BROKEN: '操作记录对不上，可能被改动过',
  INVALID_CHOICES: '选的不对，请按要求重新选',
  NOTICE_TOO_SHORT: '投票要先公告满10天才能开始，请把开始时间往后推',
  BODY_NOT_ALLOWED: '这件事不能由这个会表决，要交给村民会议',
  ELECTORATE_EMPTY: '名册里没有能投票的人，请先核对名册',
  CLOSE_EARLY_NOT_ALLOWED: '还有人没投票，不能提前结束',
  RESULT_NOT_READY: '投票还没结束，结束后才能看结果',
  TALLY_INVALID: '票数对不上，请核对后再录入',
  BALLOTS_ALREADY_CAST: '已经有人在手机上投过票，不能再录入现场的票数',
  REASON_REQUIRED: '请写上理由，村里人都能看到',
  RESERVED_FOR_ASSEMBLY: '这类事按法律要由村民会议表决，村两委不能自己定',
  ASSEMBLY_REQUESTED: '附议的村民已经满十分之一，这件事必须交给村民会议表决',
  INVALID_MERGE_TARGET: '不能并到这件事上，请另选一件还在商量的事',
  MEETING_REQUIRED: '还没有开过议事协商会，请先开会商量',
  OWNER_REQUIRED: '还没有定下谁来负责办，请先定负责人',
  EVALUATION_OPEN: '大家还在评价，评价期满后才能结束',
  EVALUATION_CLOSED: '评价已经结束了',
  ALREADY_RATED: '您已经评过分了，每人只能评一次',
  COSIGN_CLOSED: '这件事现在不能附议了',
  OWN_MATTER: '这是您自己提的事，不用再附议',
  ALREADY_COSIGNED: '您已经附议过了，每人只能附议一次',
  COMMENTS_CLOSED: '这件事已经结束，不能再留言了',
  REPLY_TOO_DEEP: '不能再往下回复了，请回复上面那条留言',
  NOT_PARTY_MEMBER: '这个人不是本村的党员，不能分给他联系户',
  CLIENT_ID_REUSED: '这条走访记录的编号已经用在别的户上了，请重新记一次',
  NEED_CLOSED: '这条诉求已经销号了',
  CHAIN_TOP: '已经报到县里了，不能再往上报',
  ALREADY_ANSWERED: '这个询问已经答复过了',
  NOTHING_CHANGED: '内容和现在公开的一样，没有要更正的地方',
  PAYLOAD_TOO_LARGE: '内容太多了，请删减后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL: '系统出了点问题，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for INVALID_INPUT, in Chinese, keyed by dotted path. */
  details?: ReadonlyArray<{ path: string; message: string }>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorBody['details'];

  constructor(code: ErrorCode, message?: string, details?: ErrorBody['details']) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    return this.details ? { ...body, details: this.details } : body;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}
