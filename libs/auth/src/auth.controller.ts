import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { Public } from '@leadpath/platform';
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
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a short-lived access token (throttled)' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password, or the account is inactive' })
  @ApiConflictResponse({
    description:
      '`choose_organization`: the password is right for accounts in several organizations, listed in `organizations`; sign in again with one `organizationId`',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this account or from this address' })
  login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @SessionCookie() jar: SessionCookieJar,
  ): Promise<LoginResponse> {
    return this.auth.login(dto, request.ip, request.id, jar);
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({
    summary: 'Rotate the browser session cookie and get a new access token (a reused token ends the session)',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiNoContentResponse({ description: 'no session cookie: nobody is signed in in this browser (not an error)' })
  @ApiUnauthorizedResponse({ description: 'the session cookie is no longer live: sign in again' })
  refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @SessionCookie() jar: SessionCookieJar,
  ): Promise<LoginResponse | undefined> {
    return this.auth.refresh(jar, request.id, () => void reply.status(204));
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({
    summary:
      'End the browser session in the cookie, and the access token sent as a bearer token (refused from then on, by every instance)',
  })
  @ApiNoContentResponse()
  logout(@Req() request: FastifyRequest, @SessionCookie() jar: SessionCookieJar): Promise<void> {
    return this.auth.logout(jar, request.id, request.headers.authorization);
  }

  @Post('auth/password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail a single-use link (30 minutes) to choose a new password; same answer for any address',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  requestReset(@Body() dto: PasswordResetDto, @Req() request: FastifyRequest): Promise<AcceptedResponse> {
    return this.reset.request(dto, request.ip);
  }

  @Post('auth/password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set the password from an invitation or reset link; signs the user out everywhere' })
  @ApiNoContentResponse()
  confirmReset(@Body() dto: PasswordResetConfirmDto, @Req() request: FastifyRequest): Promise<void> {
    return this.reset.confirm(dto, request.ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @RequirePermission(Permission.ProfileRead)
  @ApiOperation({ summary: 'The signed-in user, their roles, organization and menteeId' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.auth.me(actor);
  }
}
