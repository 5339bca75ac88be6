import { AppShell, Burger, Button, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { SignedOutPage } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { useSession } from '@/lib/auth';
import { UNAUTHORIZED_EVENT } from '@/lib/errors';
import { ROUTES } from './routes';

/** The frame of every signed-in page: header, navigation for the person's roles, the page. */
export function Shell() {
  const session = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const { expire } = session;

  useEffect(() => {
    window.addEventListener(UNAUTHORIZED_EVENT, expire);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, expire);
  }, [expire]);
  useEffect(close, [location.pathname, close]);

  if (session.status === 'loading') return <Loading label="Signing you in" />;
  if (session.status === 'signedOut') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={from === '/' ? '/sign-in' : `/sign-in?from=${encodeURIComponent(from)}`} replace />;
  }
  if (session.status === 'expired') return <SignedOutPage />;

  const roles = session.me?.roles ?? [];
  const nav = ROUTES.filter((r) => r.nav && (!r.roles || r.roles.some((role) => roles.includes(role)))).sort(
    (a, b) => a.nav!.order - b.nav!.order,
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
            <Text component={Link} to="/" fw={700} size="lg" c="indigo.9" td="none">
              Leadpath
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs">
              <VisuallyHidden>Signed in as </VisuallyHidden>
              {session.me?.user.name}
            </Text>
            <Button variant="outline" size="xs" onClick={() => void session.signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {nav.map((r) => (
          <NavLink
            key={r.path}
            component={Link}
            to={r.path}
            label={r.nav!.label}
            rightSection={r.nav!.badge}
            active={location.pathname === r.path}
            aria-current={location.pathname === r.path ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
