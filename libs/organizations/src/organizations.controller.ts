import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '@leadpath/access';
import type { FastifyRequest } from 'fastify';
import { CreateOrganizationDto, SignupResponse } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Endpoint({
    permission: 'public',
    summary: 'Sign up: create an organization and its first HR admin (when sign-up is enabled)',
    status: 201,
    ok: SignupResponse,
    errors: { 403: 'Sign-up is disabled on this installation', 409: 'The e-mail address is taken' },
  })
  create(@Body() dto: CreateOrganizationDto, @Req() request: FastifyRequest): Promise<SignupResponse> {
    return this.organizations.signup(dto, request.ip, request.id);
  }
}
