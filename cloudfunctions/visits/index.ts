import { cloudMain } from '../shared/cloud';
import { visitsRoutes } from './routes';

export const main = cloudMain(visitsRoutes);
