import { cloudMain } from '../shared/cloud';
import { accountRoutes } from './routes';

export const main = cloudMain(accountRoutes);
