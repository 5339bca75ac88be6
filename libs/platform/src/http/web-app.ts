import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the server; anything else is a page of the web app. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|scim)(\/|$|\?)/;
const YEAR = 'public, max-age=31536000, immutable';

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function filesUnder(root: string): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else found.add(`/${relative(root, full).split(sep).join('/')}`);
    }
  };
  walk(root);
  return found;
}

/**
 * Serves the built web app from `root` on the same origin as the API. Files under `/assets/`
 * carry a content hash in their name, so they are cached for a year; `index.html` is revalidated
 * every time so a new release is picked up at once. Every other path outside the API, the docs
 * and the probes answers with `index.html`, and the app's router takes it from there.
 * Returns false when the app has not been built (the API works without it).
 */
export async function serveWebApp(app: NestFastifyApplication, root: string): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  // Listed once at start: a request can only ever name a file the build produced.
  const files = filesUnder(root);
  await app.register(fastifyStatic, { root, serve: false });
  const fastify = app.getHttpAdapter().getInstance();
  const handler = (request: FastifyRequest, reply: FastifyReply) => {
    const path = safeDecode(request.url.split('?')[0] ?? '/');
    if (SERVER_PATHS.test(path)) return reply.callNotFound();
    if (files.has(path) && path !== '/index.html') {
      const cache = path.startsWith('/assets/') ? YEAR : 'no-cache';
      return reply.header('cache-control', cache).sendFile(path.slice(1), { cacheControl: false });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };
  fastify.get('/', handler);
  fastify.get('/*', handler);
  return true;
}
