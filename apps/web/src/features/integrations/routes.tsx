import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const MailDeliveriesPage = lazy(() => import('./routes/MailDeliveriesPage'));
const WebhooksPage = lazy(() => import('./routes/WebhooksPage'));
const SingleSignOnPage = lazy(() => import('./routes/SingleSignOnPage'));

export const integrationsRoutes: AppRoute[] = [
  {
    path: '/deliveries',
    element: <MailDeliveriesPage />,
    roles: ['hr_admin'],
    nav: { label: 'E-mail deliveries', order: 34 },
  },
  { path: '/webhooks', element: <WebhooksPage />, roles: ['hr_admin'], nav: { label: 'Webhooks', order: 35 } },
  {
    path: '/single-sign-on',
    element: <SingleSignOnPage />,
    roles: ['hr_admin'],
    nav: { label: 'Single sign-on', order: 36 },
  },
];
