import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const ImportPeoplePage = lazy(() => import('./routes/ImportPeoplePage'));

export const importsRoutes: AppRoute[] = [
  { path: '/people/import', element: <ImportPeoplePage />, roles: ['hr_admin'] },
];
