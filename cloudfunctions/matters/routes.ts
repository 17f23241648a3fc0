import {
  addMilestone,
  assignOwner,
  comment,
  comments,
  complete,
  cosign,
  decide,
  drafts,
  get,
  groups,
  hideComment,
  list,
  meetings,
  moveToVote,
  postProgress,
  progress,
  raise,
  rate,
  recordMeeting,
  reopen,
  reportComment,
  returnToRaised,
  saveDraft,
  screen,
  startWork,
  teams,
  timeline,
  withdraw,
} from '../../core/matter/actions';
import { route, routes, type Routes } from '../shared/handler';
import { openMotion } from '../votes/open';
import { hideOneComment, listComments, postComment, reportOneComment } from './comments';
import { cosignMatter } from './cosign';
import {
  completeMatter,
  decideMatter,
  reopenMatter,
  returnMatter,
  screenMatter,
  startMatterWork,
  withdrawMatter,
} from './decisions';
import { listMeetings, recordOneMeeting } from './meetings';
import { draftsOf, raiseMatter, saveDraftOf } from './raise';
import { rateMatter } from './rate';
import { getMatter, listGroups, listMatters } from './read';
import { readTimeline } from './timeline';
import { moveToVoteWith, type OpenMotion } from './vote';
import { addMatterMilestone, assignMatterOwner, listProgress, listTeams, postMatterProgress } from './work';

/**
 * The matters function: each action of core/matter/actions.ts bound to its service, in the
 * manifest's order (the five-citizen method). The vote opener is passed in so a test can stand in
 * for the votes module and watch a failure leave the matter where it was.
 */
export function mattersRoutesWith(deps: { readonly openMotion: OpenMotion }): Routes {
  return routes(
    // 民提
    route(raise, raiseMatter),
    route(saveDraft, saveDraftOf),
    route(drafts, draftsOf),
    route(list, listMatters),
    route(groups, listGroups),
    route(get, getMatter),
    route(cosign, cosignMatter),
    route(withdraw, withdrawMatter),
    route(screen, screenMatter),
    // 民议
    route(comment, postComment),
    route(comments, listComments),
    route(reportComment, reportOneComment),
    route(hideComment, hideOneComment),
    route(recordMeeting, recordOneMeeting),
    route(meetings, listMeetings),
    route(returnToRaised, returnMatter),
    // 民决
    route(moveToVote, moveToVoteWith(deps.openMotion)),
    route(decide, decideMatter),
    route(reopen, reopenMatter),
    // 民办
    route(assignOwner, assignMatterOwner),
    route(teams, listTeams),
    route(startWork, startMatterWork),
    route(addMilestone, addMatterMilestone),
    route(postProgress, postMatterProgress),
    route(progress, listProgress),
    route(complete, completeMatter),
    // 民评
    route(rate, rateMatter),
    route(timeline, readTimeline),
  );
}

export const mattersRoutes = mattersRoutesWith({ openMotion });
