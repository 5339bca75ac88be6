import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '@leadpath/platform/http';
import { AuditQueryService } from './audit-query.service';
import { AuditEventPage, type AuditEventResponse } from './dto/audit-event.response';
import { AuditQueryDto } from './dto/audit-query.dto';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

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
