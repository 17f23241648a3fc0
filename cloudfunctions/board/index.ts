import { cloudMain } from '../shared/cloud';
import { boardRoutes } from './routes';

export const main = cloudMain(boardRoutes);
