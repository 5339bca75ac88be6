import { RequestMethod, type LoggerService } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/config';
import { routedPath } from '../http/rate-limit';

type Req = { id: string; method: string; url: string };

/**
 * A URL as the logs show it: its path without the query, where links carry their tokens (an
 * unsubscribe link's would let whoever reads the logs switch someone's mail off), and with a
 * feedback link's token, its only key, replaced however the path was percent-encoded (logging it
 * would tie the request id to the respondent).
 */
export function redactUrl(url: string): string {
  const path = url.split(/[?#]/, 1)[0];
  const routed = routedPath(url);
  const at = routed.indexOf('/respond/');
  return at === -1 ? path : `${routed.slice(0, at)}/respond/[link]`;
}

/** What a request line of the logs holds about the request. */
export const serializeRequest = (req: Req) => ({ id: req.id, method: req.method, url: redactUrl(req.url) });

/**
 * Logs. Production (`LOG_FORMAT=json`, the default outside development) writes one JSON object per
 * line for a log pipeline. Development (`pretty`) writes one readable line per request,
 * `GET /api/v1/mentees 200 12ms`, with the request id, through pino-pretty (a development
 * dependency; when it is not installed the logs stay JSON). The request id is Fastify's (taken
 * from a valid `x-request-id` or generated, see createHttpApp), so log lines, error bodies and
 * the response header agree.
 */
export function loggingModule(config: AppConfig) {
  const options: Params['pinoHttp'] = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: {
      req: serializeRequest,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
  const pretty = config.logFormat === 'pretty' ? prettyStream() : undefined;
  return LoggerModule.forRoot({
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: pretty ? [{ ...options, ...requestLines }, pretty] : options,
  });
}

/** In pretty mode a request is one line: method, path, status, time; the objects stay out. */
export const requestLines = {
  customSuccessMessage: (req: { method?: string; url?: string }, res: { statusCode: number }, ms: number) =>
    `${req.method} ${redactUrl(req.url ?? '')} ${res.statusCode} ${Math.round(ms)}ms`,
  customErrorMessage: (req: { method?: string; url?: string }, res: { statusCode: number }, err: Error) =>
    `${req.method} ${redactUrl(req.url ?? '')} ${res.statusCode} ${err.message}`,
};

function prettyStream(): DestinationStream | undefined {
  try {
    // A development dependency, loaded only when asked for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const build = require('pino-pretty') as (options: object) => DestinationStream;
    return build({
      colorize: process.stdout.isTTY === true,
      singleLine: true,
      translateTime: 'HH:MM:ss.l',
      ignore: 'pid,hostname,req,res,responseTime,context',
      messageFormat: '{if context}[{context}] {end}{msg}{if req.id} (request {req.id}){end}',
    });
  } catch {
    process.stderr.write('LOG_FORMAT=pretty needs the pino-pretty package (a development dependency); logging JSON\n');
    return undefined;
  }
}

/** Nest's start-up chatter: one line per module and route, useful when debugging, noise otherwise. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/** Passes every message on, with Nest's start-up route tables and module list moved to debug. */
export class QuietStartupLogger implements LoggerService {
  constructor(private readonly inner: LoggerService & { debug(message: unknown, ...rest: unknown[]): void }) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) this.inner.debug(message, ...rest);
    else this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}
