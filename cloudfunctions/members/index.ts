import { cloudMain } from '../shared/cloud';
import { membersRoutes } from './routes';

export const main = cloudMain(membersRoutes);
