import { Module } from '@nestjs/common';
import { AuthModule } from '@leadpath/auth';
import { UsersModule } from '@leadpath/users';
import { IdentityProviders } from './identity-provider';
import { SsoController, SsoSignInController } from './sso.controller';
import { SsoRepository } from './sso.repository';
import { SsoSignInService } from './sso-sign-in.service';
import { SsoService } from './sso.service';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [SsoController, SsoSignInController],
  providers: [SsoRepository, IdentityProviders, SsoService, SsoSignInService],
})
export class SsoModule {}
