import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { AuthService } from './auth.service';
import {
  AcceptedResponse,
  LoginDto,
  LoginResponse,
  MeResponse,
  PasswordResetConfirmDto,
  PasswordResetDto,
} from './dto/auth.dto';
import { PasswordResetService } from './password-reset/password-reset.service';
import { REFRESH_COOKIE, SessionCookie, type SessionCookieJar } from './sessions/session-cookie';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly reset: PasswordResetService,
  ) {}

  @Post('auth/login')
  @Endpoint({
    permission: 'public',
    summary: 'Exchange e-mail and password for a short-lived access token (throttled)',
    ok: LoginResponse,
    errors: {
      401: 'Wrong e-mail or password, or the account is inactive',
      403: '`sso_required`: the organization signs in through its identity provider; only break-glass accounts may use a password',
      409: '`choose_organization`: the password is right for accounts in several organizations, listed in `organizations`; sign in again with one `organizationId`',
      429: 'Too many failed attempts for this account or from this address',
    },
  })
  login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @SessionCookie() jar: SessionCookieJar,
  ): Promise<LoginResponse> {
    return this.auth.login(dto, request.ip, request.id, jar);
  }

  @Post('auth/refresh')
  @Endpoint({
    permission: 'public',
    summary: 'Rotate the browser session cookie and get a new access token (a reused token ends the session)',
    ok: LoginResponse,
    noContent: 'no session cookie: nobody is signed in in this browser (not an error)',
    errors: { 401: 'the session cookie is no longer live: sign in again' },
    cookie: REFRESH_COOKIE,
  })
  refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @SessionCookie() jar: SessionCookieJar,
  ): Promise<LoginResponse | undefined> {
    return this.auth.refresh(jar, request.id, () => void reply.status(204));
  }

  @Post('auth/logout')
  @Endpoint({
    permission: 'public',
    summary:
      'End the browser session in the cookie, and the access token sent as a bearer token (refused from then on, by every instance)',
    status: 204,
    cookie: REFRESH_COOKIE,
  })
  logout(@Req() request: FastifyRequest, @SessionCookie() jar: SessionCookieJar): Promise<void> {
    return this.auth.logout(jar, request.id, request.headers.authorization);
  }

  @Post('auth/password-reset')
  @Endpoint({
    permission: 'public',
    summary: 'Mail a single-use link (30 minutes) to choose a new password; same answer for any address',
    status: 202,
    ok: AcceptedResponse,
  })
  requestReset(@Body() dto: PasswordResetDto, @Req() request: FastifyRequest): Promise<AcceptedResponse> {
    return this.reset.request(dto, request.ip);
  }

  @Post('auth/password-reset/confirm')
  @Endpoint({
    permission: 'public',
    summary: 'Set the password from an invitation or reset link; signs the user out everywhere',
    status: 204,
  })
  confirmReset(@Body() dto: PasswordResetConfirmDto, @Req() request: FastifyRequest): Promise<void> {
    return this.reset.confirm(dto, request.ip);
  }

  @Get('me')
  @Endpoint({
    permission: Permission.ProfileRead,
    summary: 'The signed-in user, their roles, organization and menteeId',
    ok: MeResponse,
  })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.auth.me(actor);
  }
}
