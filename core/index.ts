import { accountActions } from './account/actions';
import type { ActionDef } from './action';
import { boardActions } from './board/actions';
import { matterActions } from './matter/actions';
import { accountJoinActions, membersActions, rosterActions } from './membership/actions';
import { visitsActions } from './visits/actions';
import { votesActions } from './votes/actions';

/** Every action of every function, by function: the map the API docs and fuzz tests walk. */
export const FUNCTIONS = {
  account: { ...accountActions, ...accountJoinActions },
  roster: rosterActions,
  members: membersActions,
  votes: votesActions,
  matters: matterActions,
  board: boardActions,
  visits: visitsActions,
} as const satisfies Record<string, Record<string, ActionDef>>;

export type FunctionName = keyof typeof FUNCTIONS;

export const ALL_ACTIONS: readonly ActionDef[] = Object.values(FUNCTIONS).flatMap((fn) => Object.values(fn));

type Defs = typeof FUNCTIONS;
/** Every action definition, as one union: the client is typed from it. */
export type AnyActionDef = { [F in keyof Defs]: Defs[F][keyof Defs[F]] }[keyof Defs];
export type ActionName = AnyActionDef['name'];
export type ActionByName<N extends ActionName> = Extract<AnyActionDef, { name: N }>;
