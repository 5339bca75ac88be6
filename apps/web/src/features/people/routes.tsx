import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const PeoplePage = lazy(() => import('./routes/PeoplePage'));

export const peopleRoutes: AppRoute[] = [
  { path: '/people', element: <PeoplePage />, roles: ['hr_admin'], nav: { label: 'People', order: 31 } },
];
