import { lazy } from 'react';
import type { AppRoute } from '@/lib/route-types';

const TalentReviewsPage = lazy(() => import('./routes/TalentReviewsPage'));
const TalentReviewPage = lazy(() => import('./routes/TalentReviewPage'));

export const talentReviewsRoutes: AppRoute[] = [
  {
    path: '/talent-reviews',
    element: <TalentReviewsPage />,
    roles: ['hr_admin', 'manager', 'mentee'],
    nav: { label: 'Talent reviews', order: 70 },
  },
  { path: '/talent-reviews/:id', element: <TalentReviewPage />, roles: ['hr_admin', 'manager', 'mentee'] },
];
