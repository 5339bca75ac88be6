import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor, type EndpointOptions } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform/http';
import {
  CreatedScimTokenResponse,
  CreateScimTokenDto,
  GROUP_ROLES_SCHEMA,
  ScimTokenPage,
  type GroupRoles,
} from './dto/scim-token.dto';
import { ScimTokensService } from './scim-tokens.service';

@ApiTags('scim')
@Controller()
export class ScimTokensController {
  constructor(private readonly tokens: ScimTokensService) {}

  @Post('scim-tokens')
  @Endpoint({
    permission: Permission.ScimManage,
    summary: 'Create a SCIM provisioning token; the token is shown this once (HR admin)',
    status: 201,
    ok: CreatedScimTokenResponse,
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateScimTokenDto): Promise<CreatedScimTokenResponse> {
    return this.tokens.create(actor, dto);
  }

  @Get('scim-tokens')
  @Endpoint({
    permission: Permission.ScimManage,
    summary: 'List the SCIM tokens that still work, without their values (HR admin)',
    ok: ScimTokenPage,
  })
  list(@CurrentActor() actor: Actor): Promise<ScimTokenPage> {
    return this.tokens.list(actor);
  }

  @Delete('scim-tokens/:id')
  @Endpoint({
    permission: Permission.ScimManage,
    summary: 'Revoke a SCIM token: its next request is refused (HR admin)',
    status: 204,
  })
  revoke(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.tokens.revoke(actor, id);
  }

  @Get('scim/group-roles')
  @Endpoint({
    permission: Permission.ScimManage,
    summary: 'The map from SCIM group name to role (HR admin)',
    ok: { description: 'group name → role', schema: GROUP_ROLES_SCHEMA } as EndpointOptions['ok'],
  })
  groupRoles(@CurrentActor() actor: Actor): Promise<GroupRoles> {
    return this.tokens.groupRoles(actor);
  }

  @Put('scim/group-roles')
  @Endpoint({
    permission: Permission.ScimManage,
    summary: 'Replace the map from SCIM group name to role; SCIM-managed people’s roles follow at once (HR admin)',
    ok: { description: 'the map as stored', schema: GROUP_ROLES_SCHEMA } as EndpointOptions['ok'],
    body: { schema: GROUP_ROLES_SCHEMA },
  })
  replaceGroupRoles(@CurrentActor() actor: Actor, @Body() body: GroupRoles): Promise<GroupRoles> {
    return this.tokens.replaceGroupRoles(actor, body);
  }
}
