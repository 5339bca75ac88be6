import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';

/** The caller the global guard resolved for this request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  if (!request.user) throw new Error('CurrentActor used on a route without authentication');
  return request.user;
});
