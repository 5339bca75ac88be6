import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const FrameworkPage = lazy(() => import('./routes/FrameworkPage'));

export const frameworkRoutes: AppRoute[] = [
  { path: '/framework', element: <FrameworkPage />, roles: ['hr_admin'], nav: { label: 'Framework', order: 32 } },
];
