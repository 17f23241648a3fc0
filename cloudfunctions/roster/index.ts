import { cloudMain } from '../shared/cloud';
import { rosterRoutes } from './routes';

export const main = cloudMain(rosterRoutes);
