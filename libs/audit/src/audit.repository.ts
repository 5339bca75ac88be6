import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import { cursorAt, type DB, olderThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import type { AuditAction } from './audit-actions';

/** An audit event as stored, with its keyset cursor (and, when listed, the actor's current name). */
export type AuditRow = Selectable<DB['audit_events']> & { cursor_at: string; actor_name?: string | null };

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
  /**
   * A refused sign-in, recorded against the account the e-mail names, if any: one statement
   * whether or not the account exists, so both answers cost the same.
   */
  async insertLoginFailure(email: string, requestId: string | null, organizationId?: string): Promise<void> {
    await qb
      .insertInto('audit_events')
      .columns(['organization_id', 'actor_id', 'action', 'object_type', 'object_id', 'outcome', 'request_id'])
      .expression(
        qb
          .selectFrom('users as u')
          .select([
            'u.organization_id',
            'u.id',
            sql.lit('auth.login').as('action'),
            sql.lit('user').as('object_type'),
            'u.id as object_id',
            sql.lit('denied').as('outcome'),
            sql<string | null>`${requestId}`.as('request_id'),
          ])
          .where('u.email', '=', email)
          .$if(organizationId !== undefined, (q) => q.where('u.organization_id', '=', organizationId!)),
      )
      .execute();
  }

  /** The events in one statement, each column one bound array. */
  async insert(rows: AuditInsert[]): Promise<void> {
    if (rows.length === 0) return;
    rows.forEach((r) => requireOrganization(r.organizationId));
    const column = (key: keyof AuditInsert, type: 'uuid' | 'varchar') =>
      sql`${rows.map((r) => r[key])}::${sql.raw(type)}[]`;
    await sql`INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, request_id)
          SELECT * FROM unnest(${sql.join([
            column('organizationId', 'uuid'),
            column('actorId', 'uuid'),
            column('action', 'varchar'),
            column('objectType', 'varchar'),
            column('objectId', 'uuid'),
            column('outcome', 'varchar'),
            column('requestId', 'varchar'),
          ])})`.execute(qb);
  }

  /** Newest first, keyset-paginated on (occurred_at, id); each filter applies only when given. */
  list(organizationId: string, filter: AuditFilter, limit: number, after?: CursorPosition): Promise<AuditRow[]> {
    requireOrganization(organizationId);
    const query = qb
      .selectFrom('audit_events')
      .selectAll()
      .select(cursorAt('occurred_at').as('cursor_at'))
      // The actor is a person, or a SCIM provisioning token (named "SCIM: <its name>").
      .select((eb) =>
        eb.fn
          .coalesce(
            eb
              .selectFrom('users as u')
              .select('u.name')
              .whereRef('u.id', '=', 'audit_events.actor_id')
              .whereRef('u.organization_id', '=', 'audit_events.organization_id'),
            eb
              .selectFrom('scim_tokens as t')
              .select(sql<string>`'SCIM: ' || t.name`.as('name'))
              .whereRef('t.id', '=', 'audit_events.actor_id')
              .whereRef('t.organization_id', '=', 'audit_events.organization_id'),
          )
          .as('actor_name'),
      )
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
    return query.execute();
  }
}
