import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, NetworkError } from '../errors';
import type { paths } from './schema';

/**
 * The one way the app talks to the API: typed from the committed OpenAPI document, so a call
 * that no longer matches the API fails the build. The access token lives in this module's
 * memory only — never in localStorage or a readable cookie.
 */
let accessToken: string | null = null;
let expiresAt = 0;
let refresher: (() => Promise<boolean>) | null = null;

export function setAccessToken(token: string | null, expiresInSeconds = 0): void {
  accessToken = token;
  expiresAt = token ? Date.now() + expiresInSeconds * 1000 : 0;
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

/** Installed by the session: called before a request whose token is about to expire. */
export function setRefresher(fn: (() => Promise<boolean>) | null): void {
  refresher = fn;
}

const auth: Middleware = {
  async onRequest({ request }) {
    if (request.url.includes('/api/v1/auth/')) {
      // Sign-out ends the access token as well as the session, so the token goes along.
      if (accessToken && request.url.includes('/api/v1/auth/logout')) {
        request.headers.set('authorization', `Bearer ${accessToken}`);
      }
      return request;
    }
    if (accessToken && refresher && Date.now() > expiresAt - 30_000) await refresher();
    if (accessToken) request.headers.set('authorization', `Bearer ${accessToken}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(auth);

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a call, or an ApiError with the server's message and field errors. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof TypeError) throw new NetworkError();
    throw error;
  }
  if (result.response.ok) return result.data as T;
  const body = (typeof result.error === 'object' && result.error !== null ? result.error : {}) as Record<
    string,
    unknown
  >;
  throw new ApiError(result.response.status, body);
}

/** Downloads a file the API serves behind the bearer token (a plain link would carry none). */
export async function downloadFile(
  path: string,
  filename: string,
  options: { skip?: (file: Blob) => Promise<boolean> } = {},
): Promise<boolean> {
  const headers: Record<string, string> = {};
  if (accessToken && refresher && Date.now() > expiresAt - 30_000) await refresher();
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const response = await fetch(path, { headers });
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))) as object);
  const file = await response.blob();
  if (options.skip && (await options.skip(file))) return false;
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
