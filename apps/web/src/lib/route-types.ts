import type { ReactNode } from 'react';
import type { Role } from '@/lib/auth';

/**
 * One screen of the app. Each feature exports a list of these from its `routes.tsx`; the shell
 * builds the router and the navigation from them, so a feature adds screens without touching it.
 */
export interface AppRoute {
  path: string;
  element: ReactNode;
  /** Who may open it; others see the 403 page. Unset: anyone signed in. */
  roles?: Role[];
  /** Shown in the navigation with this label (for the roles above), and beside it `badge` (a count). */
  nav?: { label: string; order: number; badge?: ReactNode };
  /** The landing page after sign-in, for everyone (one route is). */
  home?: true;
}
