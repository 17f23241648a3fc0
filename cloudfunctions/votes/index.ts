import { cloudMain } from '../shared/cloud';
import { votesRoutes } from './routes';

export const main = cloudMain(votesRoutes);
