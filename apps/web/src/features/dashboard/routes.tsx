import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const DashboardPage = lazy(() => import('./routes/DashboardPage'));

export const dashboardRoutes: AppRoute[] = [
  {
    path: '/dashboard',
    element: <DashboardPage />,
    roles: ['hr_admin'],
    nav: { label: 'Dashboard', order: 30 },
  },
];
