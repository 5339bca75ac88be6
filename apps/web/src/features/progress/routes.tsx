import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const MyProgressPage = lazy(() => import('./routes/MyProgressPage'));

export const progressRoutes: AppRoute[] = [
  {
    path: '/progress',
    element: <MyProgressPage />,
    roles: ['mentee'],
    nav: { label: 'My progress', order: 20 },
  },
];
