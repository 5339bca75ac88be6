import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@leadpath/platform';
import { AuditQueryService } from './audit-query.service';
import { AuditEventPage, type AuditEventResponse } from './dto/audit-event.response';
import { AuditQueryDto } from './dto/audit-query.dto';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'The audit trail of the organization, newest first (HR admin)' })
  @ApiOkResponse({ type: AuditEventPage })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    return this.audit.list(actor, query);
  }
}
