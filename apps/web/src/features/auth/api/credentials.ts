import { api, unwrap } from '@/lib/api/client';

/** Asks for a reset link; the answer is the same whether or not an account has the address. */
export const requestPasswordReset = (email: string) =>
  unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } }));

/** Sets the password with the token an invitation or reset link carries. */
export const setPasswordFromLink = (token: string, password: string) =>
  unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }));

/** Whether the address signs in through its organization's identity provider, and where to start. */
export const discoverSso = (email: string) =>
  unwrap(api.GET('/api/v1/auth/sso/discover', { params: { query: { email } } }));
