import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import {
  DENIAL_RECORDER,
  REQUIRED_PERMISSION,
  rolesAllow,
  type Actor,
  type DenialRecorder,
  type Permission,
} from '@leadpath/access';
import { Database } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { IS_PUBLIC } from '@leadpath/platform/http';
import { unauthenticated } from './jwt.strategy';

/**
 * The global guard: every route is denied unless it is marked @Public() or names a permission
 * with @RequirePermission(). Named routes need a valid token and a role that can ever hold the
 * permission (403 otherwise); the services then check the objects themselves.
 */
@Injectable()
export class GlobalAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Inject(DENIAL_RECORDER) private readonly denials: DenialRecorder,
    private readonly db: Database,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) throw DomainError.forbidden('This route is not open to anyone');
    await (super.canActivate(context) as Promise<boolean>);
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    if (!rolesAllow(actor.roles, permission)) {
      // Guards run before the request's unit of work opens: the refusal is recorded in one of its own.
      await this.db.tenant(actor.organizationId, () =>
        this.denials.recordDenied(actor, { action: permission, objectType: 'function', objectId: null }),
      );
      throw DomainError.forbidden();
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    // `error` is what validate() threw (a revoked user, or the database being down): pass it on.
    if (error) throw error instanceof Error ? error : unauthenticated();
    if (!user) throw unauthenticated();
    return user;
  }
}
