import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Database } from './database.service';

export const OWN_TRANSACTION = 'leadpath:own-transaction';

/** The route manages its tenant session itself (a streamed response outlives the handler). */
export const OwnTransaction = (): MethodDecorator => SetMetadata(OWN_TRANSACTION, true);

/**
 * Every authenticated request is one tenant unit of work (`Database.tenant`) for the caller's
 * organization: row-level security then holds even if a query forgot its organization filter.
 * It commits when the handler succeeds and rolls back when it throws. Jobs and CLI commands
 * open the same unit of work themselves.
 */
@Injectable()
export class RequestTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Database,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const organizationId = context.switchToHttp().getRequest<{ user?: { organizationId?: string } }>()
      .user?.organizationId;
    if (!organizationId || this.reflector.get<boolean>(OWN_TRANSACTION, context.getHandler())) return next.handle();
    return from(this.db.tenant(organizationId, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
