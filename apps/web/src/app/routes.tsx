import { assignmentsRoutes } from '@/features/assignments/routes';
import { auditRoutes } from '@/features/audit/routes';
import { dashboardRoutes } from '@/features/dashboard/routes';
import { frameworkRoutes } from '@/features/framework/routes';
import { importsRoutes } from '@/features/imports/routes';
import { inboxRoutes } from '@/features/inbox/routes';
import { integrationsRoutes } from '@/features/integrations/routes';
import { meetingsRoutes } from '@/features/meetings/routes';
import { menteesRoutes } from '@/features/mentees/routes';
import { notificationsRoutes } from '@/features/notifications/routes';
import { peopleRoutes } from '@/features/people/routes';
import { privacyRoutes } from '@/features/privacy/routes';
import { progressRoutes } from '@/features/progress/routes';
import { talentReviewsRoutes } from '@/features/talent-reviews/routes';
import type { AppRoute } from '@/lib/route-types';

/** Every feature's screens. Add a feature by adding its list here. */
export const ROUTES: AppRoute[] = [
  ...inboxRoutes,
  ...menteesRoutes,
  ...meetingsRoutes,
  ...progressRoutes,
  ...dashboardRoutes,
  ...peopleRoutes,
  ...importsRoutes,
  ...frameworkRoutes,
  ...auditRoutes,
  ...integrationsRoutes,
  ...assignmentsRoutes,
  ...notificationsRoutes,
  ...talentReviewsRoutes,
  ...privacyRoutes,
];
