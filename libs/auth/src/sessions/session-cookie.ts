import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const REFRESH_COOKIE = 'leadpath_refresh';
/** The cookie travels only to the session routes, never with ordinary API calls. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** The refresh cookie of one request: what the browser sent, and what to send back. */
export interface SessionCookieJar {
  readonly value: string | undefined;
  set(value: string, maxAgeSeconds: number): void;
  clear(): void;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export function cookieJar(request: FastifyRequest, reply: FastifyReply): SessionCookieJar {
  // Secure only over https (directly or behind a trusted proxy): a plain-http localhost install still works.
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const write = (value: string, maxAge: number) =>
    void reply.header(
      'set-cookie',
      `${REFRESH_COOKIE}=${value}; Path=${REFRESH_COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`,
    );
  return {
    value: readCookie(request.headers.cookie, REFRESH_COOKIE),
    set: (value, maxAgeSeconds) => write(value, Math.max(0, Math.floor(maxAgeSeconds))),
    clear: () => write('', 0),
  };
}

/** Injects the request's refresh-cookie jar into a handler. */
export const SessionCookie = createParamDecorator((_data: unknown, ctx: ExecutionContext): SessionCookieJar => {
  const http = ctx.switchToHttp();
  return cookieJar(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
});
