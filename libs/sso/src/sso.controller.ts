import { Body, Controller, Delete, Get, Put, Query, Req, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { SessionCookie, type SessionCookieJar } from '@leadpath/auth';
import { PutSsoDto, SsoConfigResponse, SsoDiscoverResponse, SsoEmailQueryDto } from './dto/sso.dto';
import { SsoSignInService, SSO_STATE_COOKIE, stateCookie } from './sso-sign-in.service';
import { SsoService } from './sso.service';

@ApiTags('sso')
@Controller('sso')
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  @Put()
  @Endpoint({
    permission: Permission.SsoManage,
    summary:
      'Configure single sign-on with an OpenID Connect provider (checked by reading its discovery document); the secret is stored encrypted (HR admin)',
    ok: SsoConfigResponse,
    errors: { 409: 'A domain already signs in through another organization' },
  })
  put(@CurrentActor() actor: Actor, @Body() dto: PutSsoDto): Promise<SsoConfigResponse> {
    return this.sso.put(actor, dto);
  }

  @Get()
  @Endpoint({
    permission: Permission.SsoManage,
    summary:
      'The single sign-on configuration, what the provider’s discovery says, and the redirect URI to register (HR admin)',
    ok: SsoConfigResponse,
    errors: { 404: 'Single sign-on is not configured' },
  })
  get(@CurrentActor() actor: Actor): Promise<SsoConfigResponse> {
    return this.sso.get(actor);
  }

  @Delete()
  @Endpoint({
    permission: Permission.SsoManage,
    summary: 'Turn single sign-on off: passwords work again (HR admin)',
    status: 204,
    errors: { 404: 'Single sign-on is not configured' },
  })
  remove(@CurrentActor() actor: Actor): Promise<void> {
    return this.sso.remove(actor);
  }
}

@ApiTags('auth')
@Controller('auth/sso')
export class SsoSignInController {
  constructor(private readonly signIn: SsoSignInService) {}

  @Get('discover')
  @Endpoint({
    permission: 'public',
    summary: 'Whether an address signs in through its organization’s identity provider (says nothing else)',
    ok: SsoDiscoverResponse,
  })
  discover(@Query() query: SsoEmailQueryDto): Promise<SsoDiscoverResponse> {
    return this.signIn.discover(query.email);
  }

  @Get('start')
  @Endpoint({
    permission: 'public',
    summary: 'Begin single sign-on: redirects to the identity provider (code flow with PKCE, state and nonce)',
    status: 302,
    ok: { description: 'to the provider, or to `/sign-in?sso_error=provider_unreachable`' },
    errors: { 404: 'The address’s domain does not sign in through single sign-on' },
  })
  async start(
    @Query() query: SsoEmailQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const cookie = stateCookie(request.headers.cookie, this.signIn.secure, (c) => void reply.header('set-cookie', c));
    void reply.header('location', await this.signIn.start(query.email, cookie));
  }

  @Get('callback')
  @Endpoint({
    permission: 'public',
    summary:
      'The identity provider’s redirect back: opens the browser session and redirects to the web app, or to `/sign-in?sso_error=<code>`',
    status: 302,
    ok: { description: 'to `/` with the session cookie set, or to `/sign-in?sso_error=<code>`' },
    cookie: SSO_STATE_COOKIE,
  })
  @ApiQuery({ name: 'code', required: false, schema: { type: 'string', maxLength: 2000 } })
  @ApiQuery({ name: 'state', required: false, schema: { type: 'string', maxLength: 2000 } })
  @ApiQuery({ name: 'error', required: false, schema: { type: 'string', maxLength: 2000 } })
  async callback(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @SessionCookie() jar: SessionCookieJar,
  ): Promise<void> {
    const cookie = stateCookie(request.headers.cookie, this.signIn.secure, (c) => void reply.header('set-cookie', c));
    const query = (request.query ?? {}) as Record<string, unknown>;
    void reply.header('location', await this.signIn.callback(query, cookie, jar, request.id));
  }
}
