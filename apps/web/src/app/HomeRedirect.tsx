import { Navigate } from 'react-router';
import { useSession, type Role } from '@/lib/auth';
import { ROUTES } from './routes';

/** Who lands where when several roles apply. */
const HOME_ORDER: Role[] = ['hr_admin', 'manager', 'mentee'];

export function HomeRedirect() {
  const { me } = useSession();
  for (const role of HOME_ORDER) {
    const home = ROUTES.find((r) => r.homeFor === role);
    if (home && me?.roles.includes(role)) return <Navigate to={home.path} replace />;
  }
  return <Navigate to={ROUTES.find((r) => !r.roles)?.path ?? '/sign-in'} replace />;
}
