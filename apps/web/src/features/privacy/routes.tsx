import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const MyDataPage = lazy(() => import('./routes/MyDataPage'));

export const privacyRoutes: AppRoute[] = [
  // Everyone signed in downloads what Leadpath holds about them.
  { path: '/my-data', element: <MyDataPage />, nav: { label: 'My data', order: 61 } },
];
