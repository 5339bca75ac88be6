import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, SCIM_PREFIX } from '@leadpath/platform/http';
import { ScimError } from './scim-error';
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, type Resource } from './scim-filter';
import { resourceTypes, schemas, serviceProviderConfig } from './scim-discovery';
import { ScimExceptionFilter, ScimMediaType, ScimTokenGuard, type ScimRequest } from './scim-http';
import { listResponse } from './scim-resources';
import { MAX_RESULTS, ScimService, type ScimCaller } from './scim.service';

const caller = (request: ScimRequest): ScimCaller => request.scim!;

/**
 * SCIM 2.0 (RFC 7644) for identity providers, outside /api/v1 and described by its own
 * discovery documents (ServiceProviderConfig, ResourceTypes, Schemas) rather than the OpenAPI
 * document. Open to no signed-in person: the provisioning token guard names the organization.
 */
@ApiExcludeController()
@Public()
@UseGuards(ScimTokenGuard)
@UseFilters(ScimExceptionFilter)
@UseInterceptors(ScimMediaType)
@Controller(SCIM_PREFIX)
export class ScimController {
  constructor(private readonly scim: ScimService) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(): Resource {
    return serviceProviderConfig(this.scim.base, MAX_RESULTS);
  }

  @Get('ResourceTypes')
  resourceTypes(): Resource {
    const all = resourceTypes(this.scim.base);
    return listResponse(all, all.length, 1);
  }

  @Get('ResourceTypes/:id')
  resourceType(@Param('id') id: string): Resource {
    const found = resourceTypes(this.scim.base).find((r) => r.id === id);
    if (!found) throw ScimError.notFound('ResourceType', id.slice(0, 100));
    return found;
  }

  @Get('Schemas')
  schemas(): Resource {
    const all = schemas(this.scim.base);
    return listResponse(all, all.length, 1);
  }

  @Get('Schemas/:id')
  schema(@Param('id') id: string): Resource {
    const found = schemas(this.scim.base).find((s) => String(s.id).toLowerCase() === id.toLowerCase());
    if (!found || ![CORE_USER, CORE_GROUP, ENTERPRISE_USER].includes(String(found.id))) {
      throw ScimError.notFound('Schema', id.slice(0, 200));
    }
    return found;
  }

  @Get('Users')
  listUsers(@Req() request: ScimRequest, @Query() query: Resource): Promise<Resource> {
    return this.scim.listUsers(caller(request), query);
  }

  @Post('Users')
  @HttpCode(201)
  async createUser(
    @Req() request: ScimRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<Resource> {
    return located(reply, await this.scim.createUser(caller(request), body));
  }

  @Get('Users/:id')
  getUser(@Req() request: ScimRequest, @Param('id') id: string, @Query() query: Resource): Promise<Resource> {
    return this.scim.getUser(caller(request), id, query);
  }

  @Put('Users/:id')
  replaceUser(@Req() request: ScimRequest, @Param('id') id: string, @Body() body: unknown): Promise<Resource> {
    return this.scim.replaceUser(caller(request), id, body);
  }

  @Patch('Users/:id')
  patchUser(@Req() request: ScimRequest, @Param('id') id: string, @Body() body: unknown): Promise<Resource> {
    return this.scim.patchUser(caller(request), id, body);
  }

  @Delete('Users/:id')
  @HttpCode(204)
  deleteUser(@Req() request: ScimRequest, @Param('id') id: string): Promise<void> {
    return this.scim.deleteUser(caller(request), id);
  }

  @Get('Groups')
  listGroups(@Req() request: ScimRequest, @Query() query: Resource): Promise<Resource> {
    return this.scim.listGroups(caller(request), query);
  }

  @Post('Groups')
  @HttpCode(201)
  async createGroup(
    @Req() request: ScimRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<Resource> {
    return located(reply, await this.scim.createGroup(caller(request), body));
  }

  @Get('Groups/:id')
  getGroup(@Req() request: ScimRequest, @Param('id') id: string, @Query() query: Resource): Promise<Resource> {
    return this.scim.getGroup(caller(request), id, query);
  }

  @Put('Groups/:id')
  replaceGroup(@Req() request: ScimRequest, @Param('id') id: string, @Body() body: unknown): Promise<Resource> {
    return this.scim.replaceGroup(caller(request), id, body);
  }

  @Patch('Groups/:id')
  patchGroup(@Req() request: ScimRequest, @Param('id') id: string, @Body() body: unknown): Promise<Resource> {
    return this.scim.patchGroup(caller(request), id, body);
  }

  @Delete('Groups/:id')
  @HttpCode(204)
  deleteGroup(@Req() request: ScimRequest, @Param('id') id: string): Promise<void> {
    return this.scim.deleteGroup(caller(request), id);
  }
}

/** A created resource's answer carries its URL (RFC 7644 §3.3). */
function located(reply: FastifyReply, resource: Resource): Resource {
  const meta = resource.meta as { location?: string } | undefined;
  if (meta?.location) void reply.header('location', meta.location);
  return resource;
}
