import { Module } from '@nestjs/common';
import { UsersModule } from '@leadpath/users';
import { ScimExceptionFilter, ScimMediaType, ScimTokenGuard } from './scim-http';
import { ScimRoles } from './scim-roles.service';
import { ScimTokensController } from './scim-tokens.controller';
import { ScimTokensService } from './scim-tokens.service';
import { ScimController } from './scim.controller';
import { ScimRepository } from './scim.repository';
import { ScimService } from './scim.service';

/** SCIM 2.0 provisioning: HR's tokens and group → role map under /api/v1, the protocol under /scim/v2. */
@Module({
  imports: [UsersModule],
  controllers: [ScimTokensController, ScimController],
  providers: [
    ScimRepository,
    ScimRoles,
    ScimService,
    ScimTokensService,
    ScimTokenGuard,
    ScimMediaType,
    ScimExceptionFilter,
  ],
})
export class ScimModule {}
