import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import { cursorAt, type CursorPosition, Database, type DB, olderThan, qb, run, type Sql } from '@leadpath/platform';
import type { AuditAction } from './audit-actions';

/** An audit event as stored, with its keyset cursor. */
export type AuditRow = Selectable<DB['audit_events']> & { cursor_at: string };

export interface AuditInsert {
  organizationId: string;
  actorId: string | null;
  action: AuditAction;
  objectType: string;
  objectId: string | null;
  outcome: 'success' | 'denied';
  requestId: string | null;
}

export interface AuditFilter {
  actorId?: string;
  objectType?: string;
  objectId?: string;
  action?: string;
  from?: string;
  to?: string;
}

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('audit repository called without an organization id');
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * A refused sign-in, recorded against the account the e-mail names, if any: one statement
   * whether or not the account exists, so both answers cost the same.
   */
  async insertLoginFailure(sql: Sql, email: string, requestId: string | null): Promise<void> {
    await sql.query(
      `INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, request_id)
       SELECT u.organization_id, u.id, 'auth.login', 'user', u.id, 'denied', $2 FROM users u WHERE u.email = $1`,
      [email, requestId],
    );
  }

  async insert(sql: Sql, rows: AuditInsert[]): Promise<void> {
    if (rows.length === 0) return;
    rows.forEach((r) => requireOrganization(r.organizationId));
    await sql.query(
      `INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, request_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::uuid[], $6::varchar[], $7::varchar[])`,
      [
        rows.map((r) => r.organizationId),
        rows.map((r) => r.actorId),
        rows.map((r) => r.action),
        rows.map((r) => r.objectType),
        rows.map((r) => r.objectId),
        rows.map((r) => r.outcome),
        rows.map((r) => r.requestId),
      ],
    );
  }

  /** Newest first, keyset-paginated on (occurred_at, id); each filter applies only when given. */
  list(organizationId: string, filter: AuditFilter, limit: number, after?: CursorPosition): Promise<AuditRow[]> {
    requireOrganization(organizationId);
    const query = qb
      .selectFrom('audit_events')
      .selectAll()
      .select(cursorAt('occurred_at').as('cursor_at'))
      .where('organization_id', '=', organizationId)
      .$if(filter.actorId !== undefined, (q) => q.where('actor_id', '=', filter.actorId!))
      .$if(filter.objectType !== undefined, (q) => q.where('object_type', '=', filter.objectType!))
      .$if(filter.objectId !== undefined, (q) => q.where('object_id', '=', filter.objectId!))
      .$if(filter.action !== undefined, (q) => q.where('action', '=', filter.action!))
      .$if(filter.from !== undefined, (q) => q.where('occurred_at', '>=', new Date(filter.from!)))
      .$if(filter.to !== undefined, (q) => q.where('occurred_at', '<', new Date(filter.to!)))
      .$if(after !== undefined, (q) => q.where(olderThan('occurred_at', 'id', after!)))
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    return run(this.db, query);
  }
}
