import { Navigate } from 'react-router';
import { ROUTES } from './routes';

/** Everyone lands on the home route (the inbox: what waits for them). */
export function HomeRedirect() {
  return <Navigate to={ROUTES.find((r) => r.home)?.path ?? '/sign-in'} replace />;
}
