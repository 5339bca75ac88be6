import { Injectable } from '@nestjs/common';
import { type CursorPosition, Database, type Sql } from '@leadpath/platform';
import type { AuditAction } from './audit-actions';

export interface AuditRow {
  id: string;
  organization_id: string;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  outcome: 'success' | 'denied';
  request_id: string | null;
  occurred_at: Date;
  cursor_at: string;
}

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

  /** Newest first, keyset-paginated on (occurred_at, id). */
  async list(organizationId: string, filter: AuditFilter, limit: number, after?: CursorPosition): Promise<AuditRow[]> {
    requireOrganization(organizationId);
    const params: unknown[] = [organizationId];
    const where = ['organization_id = $1'];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.objectType) add('object_type = ?', filter.objectType);
    if (filter.objectId) add('object_id = ?', filter.objectId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.from) add('occurred_at >= ?::timestamptz', filter.from);
    if (filter.to) add('occurred_at < ?::timestamptz', filter.to);
    if (after) {
      params.push(after.at, after.id);
      where.push(`(occurred_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    return this.db.query<AuditRow>(
      `SELECT *, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM audit_events WHERE ${where.join(' AND ')}
        ORDER BY occurred_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
