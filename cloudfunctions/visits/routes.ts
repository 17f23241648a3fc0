import {
  assign,
  assignments,
  checkIn,
  closeOutNeed,
  escalateNeed,
  generate,
  gridBoard,
  history,
  household,
  memberBoard,
  myTasks,
  needToMatter,
  needs,
  setSettings,
  settings,
  townshipBoard,
  unassign,
  updateNeed,
  villageBoard,
  visit,
} from '../../core/visits/actions';
import { route, routes, type Routes } from '../shared/handler';
import { assignHouseholds, assignmentHistory, listAssignments, unassignHouseholds } from './assign';
import { gridBoardOf, memberBoardOf, townshipBoardOf, villageBoardOf } from './boards';
import { recordCheckIn } from './checkin';
import { generateFor } from './generate';
import { closeOutOneNeed, escalateOneNeed, listNeeds, updateOneNeed } from './needs';
import { householdPage, listMyTasks, readSettings, readVisit, writeSettings } from './read';
import { needIntoMatter } from './to-matter';

/** The visits function: each action of core/visits/actions.ts bound to its service, in the manifest's order. */
export const visitsRoutes: Routes = routes(
  route(settings, readSettings),
  route(setSettings, writeSettings),
  route(assign, assignHouseholds),
  route(unassign, unassignHouseholds),
  route(assignments, listAssignments),
  route(history, assignmentHistory),
  route(generate, generateFor),
  route(myTasks, listMyTasks),
  route(checkIn, recordCheckIn),
  route(visit, readVisit),
  route(household, householdPage),
  route(needs, listNeeds),
  route(updateNeed, updateOneNeed),
  route(escalateNeed, escalateOneNeed),
  route(closeOutNeed, closeOutOneNeed),
  route(needToMatter, needIntoMatter),
  route(memberBoard, memberBoardOf),
  route(gridBoard, gridBoardOf),
  route(villageBoard, villageBoardOf),
  route(townshipBoard, townshipBoardOf),
);
