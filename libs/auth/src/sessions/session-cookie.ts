import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const REFRESH_COOKIE = 'leadpath_refresh';
/** The cookie travels only to the session routes, never with ordinary API calls. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/**
 * The refresh cookie of one request: what the browser sent, and what to send back. `secure` is
 * the installation's say (its PUBLIC_URL is https): the cookie is then Secure whatever the
 * request arrived over, so a proxy that speaks plain http to us cannot make it travel in clear.
 */
export interface SessionCookieJar {
  readonly value: string | undefined;
  set(value: string, maxAgeSeconds: number, secure: boolean): void;
  clear(secure: boolean): void;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export function cookieJar(request: FastifyRequest, reply: FastifyReply): SessionCookieJar {
  // Secure when the installation is https, or the request came over https (directly or behind a
  // trusted proxy); a plain-http localhost install still works.
  const write = (value: string, maxAge: number, secure: boolean) =>
    void reply.header(
      'set-cookie',
      `${REFRESH_COOKIE}=${value}; Path=${REFRESH_COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${
        secure || request.protocol === 'https' ? '; Secure' : ''
      }`,
    );
  return {
    value: readCookie(request.headers.cookie, REFRESH_COOKIE),
    set: (value, maxAgeSeconds, secure) => write(value, Math.max(0, Math.floor(maxAgeSeconds)), secure),
    clear: (secure) => write('', 0, secure),
  };
}

/** Injects the request's refresh-cookie jar into a handler. */
export const SessionCookie = createParamDecorator((_data: unknown, ctx: ExecutionContext): SessionCookieJar => {
  const http = ctx.switchToHttp();
  return cookieJar(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
});
