import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';
import { InboxCount } from './components/InboxCount';

const InboxPage = lazy(() => import('./routes/InboxPage'));

export const inboxRoutes: AppRoute[] = [
  // Everyone's home: what waits for them, whatever their roles.
  { path: '/inbox', element: <InboxPage />, nav: { label: 'Inbox', order: 1, badge: <InboxCount /> }, home: true },
];
