import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/config';
import { AllExceptionsFilter } from '../errors/http-exception.filter';
import { HEALTH_PATHS } from '../health/health.controller';
import { createOpenApiDocument } from './openapi';
import { isRateLimitedPath } from './rate-limit';
import { RateLimits } from './rate-limits.service';
import { createValidationPipe } from './validation';
import { serveWebApp } from './web-app';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

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
    trustProxy: config.trustProxy,
    // Fastify closes idle keep-alive sockets on close and answers 503 to late arrivals.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
    // Our genReqId reads the header itself so that only well-formed ids are echoed back.
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
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
    exclude: HEALTH_PATHS.map((path) => ({ path, method: RequestMethod.GET })),
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
