import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, setAccessToken, setRefresher, unwrap } from './api/client';
import { clearAllDrafts } from './drafts';
import type { components } from './api/schema';

export type Me = components['schemas']['MeResponse'];
export type Role = 'hr_admin' | 'manager' | 'mentee';

type Status = 'loading' | 'signedIn' | 'signedOut' | 'expired';

interface Session {
  status: Status;
  me: Me | null;
  /** `organizationId` when the address has accounts in several organizations (a `choose_organization` answer). */
  signIn(email: string, password: string, organizationId?: string): Promise<void>;
  signOut(): Promise<void>;
  /** A call answered 401: the session is gone; the app says so and offers a way back. */
  expire(): void;
  hasRole(role: Role): boolean;
}

const SessionContext = createContext<Session | null>(null);

/**
 * One refresh at a time across every tab of this browser: the refresh token rotates on each use,
 * and a second tab presenting the old one would look like theft and end the session.
 */
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    return navigator.locks.request('leadpath-refresh', fn) as Promise<T>;
  }
  return fn();
}

async function refreshSession(): Promise<boolean> {
  return exclusive(async () => {
    const { data, response } = await api.POST('/api/v1/auth/refresh');
    if (!response.ok || !data) {
      setAccessToken(null);
      return false;
    }
    setAccessToken(data.accessToken, data.expiresIn);
    return true;
  });
}

const fetchMe = () => unwrap(api.GET('/api/v1/me'));

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const queryClient = useQueryClient();
  const inflight = useRef<Promise<boolean> | null>(null);

  const refresh = useCallback(() => {
    inflight.current ??= refreshSession().finally(() => {
      inflight.current = null;
    });
    return inflight.current;
  }, []);

  // A reload keeps the person signed in: the refresh cookie buys a new access token.
  useEffect(() => {
    setRefresher(refresh);
    let cancelled = false;
    void (async () => {
      try {
        if (!(await refresh())) throw new Error('no session');
        const who = await fetchMe();
        if (!cancelled) {
          setMe(who);
          setStatus('signedIn');
        }
      } catch {
        if (!cancelled) setStatus('signedOut');
      }
    })();
    return () => {
      cancelled = true;
      setRefresher(null);
    };
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string, organizationId?: string) => {
    const login = await unwrap(
      api.POST('/api/v1/auth/login', { body: { email, password, organizationId, browserSession: true } }),
    );
    setAccessToken(login.accessToken, login.expiresIn);
    setMe(await fetchMe());
    setStatus('signedIn');
  }, []);

  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    setAccessToken(null);
    clearAllDrafts();
    queryClient.clear();
    setMe(null);
    setStatus('signedOut');
  }, [queryClient]);

  const expire = useCallback(() => {
    setAccessToken(null);
    queryClient.clear();
    setStatus((s) => (s === 'signedIn' ? 'expired' : s));
  }, [queryClient]);

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      signIn,
      signOut,
      expire,
      hasRole: (role) => (me?.roles ?? []).includes(role),
    }),
    [status, me, signIn, signOut, expire],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
