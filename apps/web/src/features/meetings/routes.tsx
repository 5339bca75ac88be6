import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const MeetingsPage = lazy(() => import('./routes/MeetingsPage'));
const MeetingPage = lazy(() => import('./routes/MeetingPage'));

export const meetingsRoutes: AppRoute[] = [
  {
    path: '/meetings',
    element: <MeetingsPage />,
    roles: ['manager', 'mentee'],
    nav: { label: 'One-on-ones', order: 15 },
  },
  { path: '/meetings/:id', element: <MeetingPage />, roles: ['manager', 'mentee', 'hr_admin'] },
];
