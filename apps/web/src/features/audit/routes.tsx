import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const AuditPage = lazy(() => import('./routes/AuditPage'));

export const auditRoutes: AppRoute[] = [
  { path: '/audit', element: <AuditPage />, roles: ['hr_admin'], nav: { label: 'Audit trail', order: 33 } },
];
