import { lazy } from 'react';

const ForgotPasswordPage = lazy(() => import('./routes/ForgotPasswordPage'));
const SetPasswordPage = lazy(() => import('./routes/SetPasswordPage'));

/** Pages for people who are not signed in (outside the shell). The e-mailed links open the last two. */
export const publicAuthRoutes = [
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/accept-invitation', element: <SetPasswordPage purpose="invitation" /> },
  { path: '/reset-password', element: <SetPasswordPage purpose="password_reset" /> },
];
