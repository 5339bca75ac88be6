import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const NotificationsPage = lazy(() => import('./routes/NotificationsPage'));
const UnsubscribePage = lazy(() => import('./routes/UnsubscribePage'));

export const notificationsRoutes: AppRoute[] = [
  // Everyone signed in switches their own e-mails.
  { path: '/notifications', element: <NotificationsPage />, nav: { label: 'Notifications', order: 60 } },
];

/** Opened from an e-mail without signing in (outside the shell). */
export const publicNotificationRoutes = [{ path: '/unsubscribe', element: <UnsubscribePage /> }];
