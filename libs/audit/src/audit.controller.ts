import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '@leadpath/platform/http';
import { AuditQueryService } from './audit-query.service';
import { AuditActionResponse, AuditEventPage, type AuditEventResponse } from './dto/audit-event.response';
import { AuditQueryDto } from './dto/audit-query.dto';
import { CurrentActor, Endpoint, Permission, type Actor, type EndpointOptions } from '@leadpath/access';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get('actions')
  @Endpoint({
    permission: Permission.AuditRead,
    summary: "Every action the trail records, with a label in words, for the trail's action filter (HR admin)",
    ok: { type: AuditActionResponse, isArray: true } as EndpointOptions['ok'],
  })
  actions(@CurrentActor() actor: Actor): Promise<AuditActionResponse[]> {
    return this.audit.actions(actor);
  }

  @Get()
  @Endpoint({
    permission: Permission.AuditRead,
    summary: 'The audit trail of the organization, newest first (HR admin)',
    ok: AuditEventPage,
  })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    return this.audit.list(actor, query);
  }
}
