import { Injectable, Logger } from '@nestjs/common';
import { Database } from '@leadpath/platform/database';
import { DEFAULT_LIMIT, decodeCursor, toPage, type Page } from '@leadpath/platform/http';
import { AuditRepository, type AuditFilter, type AuditRow } from './audit.repository';
import type { AuditAction } from './audit-actions';
import type { AuditEventResponse } from './dto/audit-event.response';

/** The caller as the trail records them. */
export interface AuditActor {
  organizationId: string;
  userId: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  /** A code, e.g. `mentee.update`; never free text (see AUDIT_ACTIONS). */
  action: AuditAction;
  objectType: string;
  objectId: string | null;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly repository: AuditRepository,
    private readonly db: Database,
  ) {}

  /** Records inside the caller's transaction, so the change and its event land together. */
  record(actor: AuditActor, ...entries: AuditEntry[]): Promise<void> {
    return this.repository.insert(
      entries.map((e) => ({
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: e.action,
        objectType: e.objectType,
        objectId: e.objectId,
        outcome: 'success' as const,
        requestId: actor.requestId,
      })),
    );
  }

  /** A read of sensitive data, recorded in the unit of work that read it. */
  recordRead(actor: AuditActor, entry: AuditEntry): Promise<void> {
    return this.repository.insert([{ ...this.row(actor, entry), outcome: 'success' }]);
  }

  /**
   * A refused attempt on someone's data. It must outlive the request's rollback, so inside a
   * request it is written after the request's transaction ends; losing one must not turn a
   * 404 into a 500.
   */
  /**
   * A refused sign-in, in the `auth.login` system operation: one statement whether or not the
   * e-mail names an account, so both answers cost the same. Recorded against every account the
   * address names (in `organizationId` only, when the sign-in named one), each in its organization.
   */
  recordLoginFailure(email: string, requestId: string | null, organizationId?: string): Promise<void> {
    return this.repository.insertLoginFailure(email, requestId, organizationId);
  }

  recordDenied(actor: AuditActor, entry: AuditEntry): Promise<void> {
    const row = { ...this.row(actor, entry), outcome: 'denied' as const };
    this.db.afterwards(async () => {
      try {
        await this.repository.insert([row]);
      } catch (error) {
        this.logger.warn({ err: error, action: entry.action }, 'could not record a denied attempt');
      }
    });
    return Promise.resolve();
  }

  async list(
    organizationId: string,
    filter: AuditFilter,
    limit = DEFAULT_LIMIT,
    cursor?: string,
  ): Promise<Page<AuditEventResponse>> {
    const rows = await this.repository.list(organizationId, filter, limit, decodeCursor(cursor));
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toAuditEventResponse);
  }

  private row(actor: AuditActor, entry: AuditEntry) {
    return {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      requestId: actor.requestId,
    };
  }
}

export function toAuditEventResponse(row: AuditRow): AuditEventResponse {
  return {
    id: row.id,
    actorId: row.actor_id,
    actorName: row.actor_name ?? null,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    // The column's CHECK allows exactly these two.
    outcome: row.outcome === 'denied' ? 'denied' : 'success',
    requestId: row.request_id,
    occurredAt: row.occurred_at.toISOString(),
  };
}
