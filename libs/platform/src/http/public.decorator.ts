import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'leadpath:public';

/** Opens a route to callers without a token. Every other route needs one and a permission. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
