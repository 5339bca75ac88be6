import { lazy } from 'react';
import type { AppRoute } from '../../app/route-types';

const NotificationsPage = lazy(() => import('./routes/NotificationsPage'));

export const notificationsRoutes: AppRoute[] = [
  // Everyone signed in switches their own e-mails.
  { path: '/notifications', element: <NotificationsPage />, nav: { label: 'Notifications', order: 60 } },
];
