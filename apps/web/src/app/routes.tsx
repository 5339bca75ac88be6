import { menteesRoutes } from '../features/mentees/routes';
import { progressRoutes } from '../features/progress/routes';
import type { AppRoute } from './route-types';

/** Every feature's screens. Add a feature by adding its list here. */
export const ROUTES: AppRoute[] = [...menteesRoutes, ...progressRoutes];
