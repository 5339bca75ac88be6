import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const MenteesHomePage = lazy(() => import('./routes/MenteesHomePage'));
const MenteePage = lazy(() => import('./routes/MenteePage'));
const LogOneOnOnePage = lazy(() => import('./routes/LogOneOnOnePage'));

export const menteesRoutes: AppRoute[] = [
  {
    path: '/mentees',
    element: <MenteesHomePage />,
    roles: ['manager'],
    nav: { label: 'My mentees', order: 10 },
  },
  { path: '/mentees/:id', element: <MenteePage />, roles: ['manager', 'hr_admin'] },
  { path: '/mentees/:id/one-on-one', element: <LogOneOnOnePage />, roles: ['manager'] },
];
