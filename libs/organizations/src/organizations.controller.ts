import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@leadpath/platform';
import { CreateOrganizationDto, SignupResponse } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign up: create an organization and its first HR admin (when sign-up is enabled)' })
  @ApiCreatedResponse({ type: SignupResponse })
  @ApiForbiddenResponse({ description: 'Sign-up is disabled on this installation' })
  @ApiConflictResponse({ description: 'The e-mail address is taken' })
  create(@Body() dto: CreateOrganizationDto, @Req() request: FastifyRequest): Promise<SignupResponse> {
    return this.organizations.signup(dto, request.ip, request.id);
  }
}
