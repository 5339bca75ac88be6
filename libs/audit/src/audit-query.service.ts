import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import type { Page } from '@leadpath/platform/http';
import { AuditService } from './audit.service';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, READ_ACTIONS } from './audit-actions';
import type { AuditActionResponse, AuditEventResponse } from './dto/audit-event.response';
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

  /** The action catalogue, ordered by label. */
  async actions(actor: Actor): Promise<AuditActionResponse[]> {
    await this.access.require(actor, Permission.AuditRead);
    return AUDIT_ACTIONS.map((action) => ({
      action,
      label: AUDIT_ACTION_LABELS[action],
      kind: READ_ACTIONS.includes(action) ? ('read' as const) : ('change' as const),
    })).sort((a, b) => a.label.localeCompare(b.label, 'en'));
  }
}
