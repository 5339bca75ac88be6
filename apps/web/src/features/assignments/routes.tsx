import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const FeedbackRequestsPage = lazy(() => import('./routes/FeedbackRequestsPage'));

export const assignmentsRoutes: AppRoute[] = [
  // Anyone signed in can be asked about how a colleague led.
  { path: '/feedback-requests', element: <FeedbackRequestsPage />, nav: { label: 'Feedback requests', order: 50 } },
];
