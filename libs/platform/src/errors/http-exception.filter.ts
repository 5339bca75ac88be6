import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, HTTP_STATUS, type FieldError, type OrganizationChoice } from './domain-error';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  organizations?: OrganizationChoice[];
  requestId?: string;
}

/**
 * Bounds on an error body, so that a request with thousands of unknown fields (or one huge
 * field name) cannot make the error larger than the request; the OpenAPI document states them.
 */
export const ERROR_LIMITS = { text: 1000, messages: 20, fields: 100 } as const;

const cut = (text: string): string =>
  text.length > ERROR_LIMITS.text ? `${text.slice(0, ERROR_LIMITS.text - 1)}…` : text;

function bounded(fields: FieldError[]): FieldError[] {
  return fields
    .slice(0, ERROR_LIMITS.fields)
    .map((f) => ({ field: cut(f.field), messages: f.messages.slice(0, ERROR_LIMITS.messages).map(cut) }));
}

// PostgreSQL and driver conditions that mean "the database is not there right now".
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: string; message?: string };
  if (e.code && (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) return true;
  // Cancelled by someone else (an operator, a shutdown); a statement's own timeout is caught before.
  if (e.code === '57014') return true;
  const message = e.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Connection refused|the database system is (starting up|shutting down)|Client has encountered a connection error/i.test(
    message,
  );
}

/**
 * A statement cancelled by its own time limit (`statement_timeout`, SQLSTATE 57014 with that
 * message): the database is up and answering, this request asked too much of it. Other
 * cancellations (an operator's `pg_cancel_backend`, a shutdown) stay "unavailable".
 */
export function isStatementTimeout(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: string; message?: string };
  return e.code === '57014' && /statement timeout/i.test(e.message ?? '');
}

/** Maps every error to one JSON shape. Unknown errors never leak their message or stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest & { raw: { id?: string } }>();
    const requestId = String(request.raw?.id ?? request.id ?? '');
    const body = this.toBody(exception, requestId);
    if (exception instanceof DomainError && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    }
    if (body.statusCode === 503) void reply.header('retry-after', '2');
    // SCIM clients get errors in their own schema (RFC 7644 §3.12) even when the HTTP layer
    // refuses the request before the SCIM routes' filter sees it (malformed JSON, unknown path).
    if (/^\/scim\/v2(\/|$|\?)/.test(request.url ?? '')) {
      void reply
        .status(body.statusCode)
        .header('content-type', 'application/scim+json; charset=utf-8')
        .send({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: String(body.statusCode),
          ...(body.statusCode === 400 ? { scimType: 'invalidSyntax' } : {}),
          detail: body.message,
        });
      return;
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: HTTP_STATUS[exception.code],
        error: exception.code,
        message: cut(exception.message),
        ...(exception.fields ? { fields: bounded(exception.fields) } : {}),
        ...(exception.organizations ? { organizations: exception.organizations } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      return { statusCode: status, error: statusName(status), message: cut(message) };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Errors raised by the HTTP layer itself: malformed JSON, body too large, bad content type.
      return {
        statusCode: fastifyStatus,
        error: statusName(fastifyStatus),
        message: cut((exception as Error).message),
      };
    }
    if (isStatementTimeout(exception)) {
      // Slow, not down: logged as such so that alerts on outages stay quiet.
      this.logger.warn({ requestId, err: exception }, 'slow query: statement timeout');
      return {
        statusCode: 503,
        error: ErrorCode.QueryTimeout,
        message: 'The request took too long in the database; narrow it (filters, a smaller page) or try again later',
        requestId,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ requestId, err: exception }, 'database unavailable');
      return {
        statusCode: 503,
        error: ErrorCode.Unavailable,
        message: 'The database is unavailable; try again shortly',
        requestId,
      };
    }
    this.logger.error({ requestId, err: exception }, 'unhandled error');
    return { statusCode: 500, error: 'internal_error', message: 'Internal error', requestId };
  }
}

function statusName(status: number): string {
  const names: Record<number, string> = {
    400: ErrorCode.Validation,
    401: ErrorCode.Unauthenticated,
    403: ErrorCode.Forbidden,
    404: ErrorCode.NotFound,
    405: 'method_not_allowed',
    406: 'not_acceptable',
    409: ErrorCode.Conflict,
    413: ErrorCode.PayloadTooLarge,
    415: 'unsupported_media_type',
    429: ErrorCode.TooManyRequests,
  };
  return names[status] ?? `http_${status}`;
}
