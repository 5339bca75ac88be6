import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import {
  Catch,
  Injectable,
  Logger,
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
  HttpException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { Actor } from '@leadpath/access';
import { Database } from '@leadpath/platform/database';
import { DomainError, ErrorCode, HTTP_STATUS } from '@leadpath/platform/domain';
import { isDatabaseUnavailable, isStatementTimeout } from '@leadpath/platform/http';
import { ScimError, scimErrorBody, type ScimType } from './scim-error';
import { hashScimToken } from './scim-tokens.service';
import { ScimRepository } from './scim.repository';
import type { ScimCaller } from './scim.service';

export const SCIM_MEDIA_TYPE = 'application/scim+json; charset=utf-8';

const TOKEN = /^Bearer\s+(scim_[A-Za-z0-9_-]{20,100})\s*$/i;

type ScimRequest = FastifyRequest & { user?: Actor; scim?: ScimCaller };

/**
 * SCIM routes take a provisioning token, never a person's: it names the organization, and the
 * request then runs in that organization's unit of work (the request's interceptor opens it for
 * `request.user.organizationId`, as for any signed-in request). A revoked or unknown token is a 401.
 */
@Injectable()
export class ScimTokenGuard implements CanActivate {
  constructor(
    private readonly db: Database,
    private readonly repository: ScimRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? TOKEN.exec(header) : null;
    if (!match) throw ScimError.unauthorized();
    const [token] = await this.db.systemRead('scim.token', this.repository.tokenByHashQuery(hashScimToken(match[1])));
    if (!token) throw ScimError.unauthorized();
    const requestId = String(request.id ?? '') || null;
    request.scim = { organizationId: token.organization_id, userId: token.id, requestId };
    // What the unit of work and the rate limits read; a token holds no role of its own.
    request.user = { organizationId: token.organization_id, userId: token.id, roles: [], menteeId: null, requestId };
    const stale = token.last_used_at === null || Date.now() - new Date(token.last_used_at).getTime() > 60_000;
    if (stale) {
      await this.db.tenant(token.organization_id, () => this.repository.touchToken(token.organization_id, token.id));
    }
    return true;
  }
}

/** Every SCIM answer with a body is `application/scim+json` (RFC 7644 §3.1); a 204 has neither. */
@Injectable()
export class ScimMediaType implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
    if (status !== 204) void context.switchToHttp().getResponse<FastifyReply>().header('content-type', SCIM_MEDIA_TYPE);
    return next.handle();
  }
}

const DOMAIN_SCIM_TYPES: Partial<Record<ErrorCode, ScimType>> = {
  [ErrorCode.Validation]: 'invalidValue',
  [ErrorCode.Conflict]: 'uniqueness',
};

/** Every error on a SCIM route in the SCIM error schema (RFC 7644 §3.12), never the API's own shape. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { status, scimType, detail } = this.describe(exception, String(request.id ?? ''));
    if (status === 401) void reply.header('www-authenticate', 'Bearer realm="scim"');
    if (status === 503) void reply.header('retry-after', '2');
    void reply
      .status(status)
      .header('content-type', SCIM_MEDIA_TYPE)
      .send(scimErrorBody(status, scimType, detail));
  }

  private describe(exception: unknown, requestId: string): { status: number; scimType?: ScimType; detail: string } {
    if (exception instanceof ScimError) {
      return { status: exception.status, scimType: exception.scimType, detail: exception.message };
    }
    if (exception instanceof DomainError) {
      return {
        status: HTTP_STATUS[exception.code],
        scimType: DOMAIN_SCIM_TYPES[exception.code],
        detail: exception.message,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, scimType: status === 400 ? 'invalidSyntax' : undefined, detail: exception.message };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        status: fastifyStatus,
        scimType: fastifyStatus === 400 ? 'invalidSyntax' : undefined,
        detail: (exception as Error).message,
      };
    }
    if (isStatementTimeout(exception) || isDatabaseUnavailable(exception)) {
      this.logger.warn({ requestId, err: exception }, 'database unavailable or slow');
      return { status: 503, detail: 'The database is unavailable; try again shortly' };
    }
    this.logger.error({ requestId, err: exception }, 'unhandled error');
    return { status: 500, detail: `Internal error (request ${requestId})` };
  }
}

export type { ScimRequest };
