import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import type { Page } from '@leadpath/platform/http';
import { AuditService } from './audit.service';
import type { AuditEventResponse } from './dto/audit-event.response';
import type { AuditQueryDto } from './dto/audit-query.dto';

/** Reading the trail is itself an HR function, checked by the policy like any other. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    await this.access.require(actor, Permission.AuditRead);
    const { limit, cursor, ...filter } = query;
    return this.audit.list(actor.organizationId, filter, limit, cursor);
  }
}
