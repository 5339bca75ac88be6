import { randomBytes, randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/config';
import { AllExceptionsFilter } from '../errors/http-exception.filter';
import { HEALTH_PATHS } from '../health/health.controller';
import { QuietStartupLogger } from '../logging/logging.module';
import { useCsvBodyParser, useFormBodyParser, useJsonBodyParser } from './json-body';
import { createOpenApiDocument } from './openapi';
import { isRateLimitedPath, routedPath } from './rate-limit';
import { RateLimits } from './rate-limits.service';
import { createValidationPipe } from './validation';
import { serveWebApp } from './web-app';

export const API_PREFIX = 'api/v1';
/** SCIM 2.0 lives beside the API, not under it (RFC 7644 clients are given a base URL of its own). */
export const SCIM_PREFIX = 'scim/v2';
/** A client's correlation id we accept; ours is appended, so two requests never share an id. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * The request's id: a well-formed `x-request-id` from the client followed by `.` and 72 random
 * bits, else a fresh UUID. A client can find its requests in the logs and audit trail by its own
 * prefix, but can neither inject text nor make its request pass for another.
 */
export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && CLIENT_REQUEST_ID.test(incoming)
    ? `${incoming}.${randomBytes(9).toString('base64url')}`
    : randomUUID();
}

/**
 * Builds the HTTP application exactly as production serves it; tests call this too, so what
 * they exercise is what ships. The caller decides whether to listen.
 */
export async function createHttpApp(
  rootModule: DynamicModule,
  config: AppConfig,
  options: { webRoot?: string } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // A client that trickles its headers or body is cut off with 408 (Node checks every second),
    // so slow senders cannot hold sockets and memory open indefinitely.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    trustProxy: config.trustProxy,
    // Fastify closes idle keep-alive sockets on close and answers 503 to late arrivals.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
    // Our genReqId reads the header itself so that only well-formed ids are echoed back.
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
      requestIdFor(req.headers['x-request-id']),
  });
  useJsonBodyParser(adapter, config.bodyLimitBytes);
  useFormBodyParser(adapter, config.bodyLimitBytes);
  useCsvBodyParser(adapter);
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    // API answers carry tokens or personal data: no browser or proxy may keep a copy.
    const path = routedPath(request.url);
    if (path.startsWith(`/${API_PREFIX}/`) || path.startsWith(`/${SCIM_PREFIX}/`)) {
      void reply.header('cache-control', 'no-store');
    }
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  const limits = app.get(RateLimits);
  adapter.getInstance().addHook('onRequest', (request, reply) => limits.countAddress(request, reply));
  await app.register(helmet, {
    // No inline script anywhere: the web app and Swagger UI load every script from a file.
    // Inline styles stay allowed: the component library sets CSS variables in style attributes.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      ...HEALTH_PATHS.map((path) => ({ path, method: RequestMethod.GET })),
      { path: `${SCIM_PREFIX}/{*path}`, method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  const document = createOpenApiDocument(app, { rateLimited: isRateLimitedPath });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  if (options.webRoot) await serveWebApp(app, options.webRoot);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
