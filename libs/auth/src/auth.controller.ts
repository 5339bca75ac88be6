import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { Public } from '@leadpath/platform';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse, MeResponse } from './dto/auth.dto';
import { REFRESH_COOKIE, SessionCookie, type SessionCookieJar } from './sessions/session-cookie';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a short-lived access token (throttled)' })
  @ApiOkResponse({ type: LoginResponse })
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
  @ApiUnauthorizedResponse({ description: 'no live session: sign in again' })
  refresh(@Req() request: FastifyRequest, @SessionCookie() jar: SessionCookieJar): Promise<LoginResponse> {
    return this.auth.refresh(jar, request.id);
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'End the browser session in the cookie' })
  @ApiNoContentResponse()
  logout(@Req() request: FastifyRequest, @SessionCookie() jar: SessionCookieJar): Promise<void> {
    return this.auth.logout(jar, request.id);
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
