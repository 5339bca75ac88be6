import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ForbiddenPage, NotFoundPage } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { publicAuthRoutes } from '@/features/auth/routes';
import { publicNotificationRoutes } from '@/features/notifications/routes';
import { SessionProvider, useSession } from '@/lib/auth';
import { ApiError, UNAUTHORIZED_EVENT } from '@/lib/errors';
import { inboxKeys } from '@/lib/query-keys';
import { HomeRedirect } from './HomeRedirect';
import { ROUTES } from './routes';
import { Shell } from './Shell';
import { cssVariablesResolver, theme } from './theme';

const SignInPage = lazy(() => import('@/features/auth/routes/SignInPage'));
const RespondPage = lazy(() => import('@/features/respond/RespondPage'));

/** A 401 anywhere means the session is gone: the shell shows "you were signed out". */
const onError = (error: unknown) => {
  if (error instanceof ApiError && error.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
};

function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    // Any change may clear what waits for the person: the inbox (and its count) is read again.
    mutationCache: new MutationCache({
      onError,
      onSuccess: () => client.invalidateQueries({ queryKey: inboxKeys.all }),
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx answers will not change on a retry; a 503 (database away) or a network error may.
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      },
    },
  });
  return client;
}

function Guarded({ roles, children }: { roles?: string[]; children: React.ReactNode }) {
  const { me } = useSession();
  if (roles && !roles.some((r) => me?.roles.includes(r as never))) return <ForbiddenPage />;
  return <>{children}</>;
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route path="/respond/:token" element={<RespondPage />} />
                {[...publicAuthRoutes, ...publicNotificationRoutes].map((route) => (
                  <Route key={route.path} path={route.path} element={route.element} />
                ))}
                <Route element={<Shell />}>
                  <Route index element={<HomeRedirect />} />
                  {ROUTES.map((route) => (
                    <Route
                      key={route.path}
                      path={route.path}
                      element={<Guarded roles={route.roles}>{route.element}</Guarded>}
                    />
                  ))}
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
