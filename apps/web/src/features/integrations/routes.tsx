import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const MailDeliveriesPage = lazy(() => import('./routes/MailDeliveriesPage'));
const WebhooksPage = lazy(() => import('./routes/WebhooksPage'));

export const integrationsRoutes: AppRoute[] = [
  {
    path: '/deliveries',
    element: <MailDeliveriesPage />,
    roles: ['hr_admin'],
    nav: { label: 'E-mail deliveries', order: 34 },
  },
  { path: '/webhooks', element: <WebhooksPage />, roles: ['hr_admin'], nav: { label: 'Webhooks', order: 35 } },
];
