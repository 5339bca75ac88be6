import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { CredentialsModule } from '@leadpath/credentials';
import { UsersModule } from '@leadpath/users';
import { AuthController } from './auth.controller';
import { GlobalAuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordResetService } from './password-reset/password-reset.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottleRepository } from './throttle/login-throttle.repository';
import { LoginThrottleService } from './throttle/login-throttle.service';
import { SessionRepository } from './sessions/session.repository';
import { SessionService } from './sessions/session.service';
import { RevokedTokensRepository } from './tokens/revoked-tokens.repository';
import { TokenService } from './tokens/token.service';

@Module({
  imports: [PassportModule, UsersModule, CredentialsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    RevokedTokensRepository,
    JwtStrategy,
    LoginThrottleRepository,
    LoginThrottleService,
    SessionRepository,
    SessionService,
    PasswordResetService,
    { provide: APP_GUARD, useClass: GlobalAuthGuard },
  ],
  exports: [TokenService, LoginThrottleService, SessionService],
})
export class AuthModule {}
