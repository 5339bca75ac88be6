import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { Public } from '@leadpath/platform';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse, MeResponse } from './dto/auth.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a short-lived access token (throttled)' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password, or the account is inactive' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this account or from this address' })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(dto, request.ip, request.id);
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
