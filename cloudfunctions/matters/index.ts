import { cloudMain } from '../shared/cloud';
import { mattersRoutes } from './routes';

export const main = cloudMain(mattersRoutes);
