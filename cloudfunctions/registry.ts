import type { FunctionName } from '../core';
import { accountRoutes } from './account/routes';
import { boardRoutes } from './board/routes';
import { mattersRoutes } from './matters/routes';
import { membersRoutes } from './members/routes';
import { rosterRoutes } from './roster/routes';
import { visitsRoutes } from './visits/routes';
import { votesRoutes } from './votes/routes';
import type { Routes } from './shared/handler';

/** Every deployable function's routes, for the local gateway (CloudBase loads each one on its own). */
export const FUNCTION_ROUTES: Readonly<Record<FunctionName, Routes>> = {
  account: accountRoutes,
  roster: rosterRoutes,
  members: membersRoutes,
  votes: votesRoutes,
  matters: mattersRoutes,
  board: boardRoutes,
  visits: visitsRoutes,
};
