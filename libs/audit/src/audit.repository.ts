import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import { cursorAt, type DB, olderThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import { READ_ACTIONS, type AuditAction } from './audit-actions';
import type { AuditChanges } from './audit.service';

/**
 * An audit event as stored, with its keyset cursor (and, when listed, the actor's current name
 * and the object's display name, where it can be resolved).
 */
export type AuditRow = Selectable<DB['audit_events']> & {
  cursor_at: string;
  actor_name?: string | null;
  object_name?: string | null;
};

/** Changes (every action but the reads), reads, or both. */
export type AuditKind = 'changes' | 'reads' | 'all';

/**
 * The object's current display name, by its type: a person's or mentee's name, a goal's or
 * assignment's title, a competency's or template's name. Null when it is gone or has no name the
 * trail may show (a webhook's address can carry a secret). Each branch is one indexed lookup, run
 * only for rows of its type.
 */
const objectName = sql<string | null>`CASE audit_events.object_type
  WHEN 'user' THEN (SELECT u.name FROM users u WHERE u.id = audit_events.object_id AND u.organization_id = audit_events.organization_id)
  WHEN 'mentee' THEN (SELECT u.name FROM mentees m JOIN users u ON u.id = m.user_id WHERE m.id = audit_events.object_id AND m.organization_id = audit_events.organization_id)
  WHEN 'goal' THEN (SELECT g.title FROM goals g WHERE g.id = audit_events.object_id AND g.organization_id = audit_events.organization_id)
  WHEN 'assignment' THEN (SELECT a.title FROM assignments a WHERE a.id = audit_events.object_id AND a.organization_id = audit_events.organization_id)
  WHEN 'feedback' THEN (SELECT u.name FROM feedback f JOIN mentees m ON m.id = f.mentee_id JOIN users u ON u.id = m.user_id WHERE f.id = audit_events.object_id AND f.organization_id = audit_events.organization_id)
  WHEN 'mentee_milestone' THEN (SELECT t.title FROM mentee_milestones mm JOIN milestone_templates t ON t.id = mm.template_id WHERE mm.id = audit_events.object_id AND mm.organization_id = audit_events.organization_id)
  WHEN 'milestone_template' THEN (SELECT t.title FROM milestone_templates t WHERE t.id = audit_events.object_id AND t.organization_id = audit_events.organization_id)
  WHEN 'competency' THEN (SELECT c.name FROM competencies c WHERE c.id = audit_events.object_id AND c.organization_id = audit_events.organization_id)
  WHEN 'scim_group' THEN (SELECT g.display_name FROM scim_groups g WHERE g.id = audit_events.object_id AND g.organization_id = audit_events.organization_id)
  WHEN 'scim_token' THEN (SELECT t.name FROM scim_tokens t WHERE t.id = audit_events.object_id AND t.organization_id = audit_events.organization_id)
  WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = audit_events.object_id AND o.id = audit_events.organization_id)
END`;

export interface AuditInsert {
  organizationId: string;
  actorId: string | null;
  action: AuditAction;
  objectType: string;
  objectId: string | null;
  outcome: 'success' | 'denied';
  requestId: string | null;
  changes: AuditChanges | null;
}

export interface AuditFilter {
  kind?: AuditKind;
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
    await sql`INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, request_id, changes)
          SELECT * FROM unnest(${sql.join([
            column('organizationId', 'uuid'),
            column('actorId', 'uuid'),
            column('action', 'varchar'),
            column('objectType', 'varchar'),
            column('objectId', 'uuid'),
            column('outcome', 'varchar'),
            column('requestId', 'varchar'),
            sql`${rows.map((r) => (r.changes ? JSON.stringify(r.changes) : null))}::jsonb[]`,
          ])})`.execute(qb);
  }

  /**
   * One event, unless the same actor's same action on the same object was recorded in the last
   * `withinSeconds` (the caller's transaction holds a lock on that key until it ends).
   */
  async insertUnlessRecent(row: AuditInsert, withinSeconds: number): Promise<void> {
    requireOrganization(row.organizationId);
    // Two requests of one view run at once: the second waits for the first to commit, then sees its row.
    const key = `audit-once:${row.organizationId}:${row.actorId ?? ''}:${row.action}:${row.objectId ?? ''}`;
    await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(qb);
    await sql`INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, request_id)
          SELECT ${row.organizationId}::uuid, ${row.actorId}::uuid, ${row.action}, ${row.objectType}, ${row.objectId}::uuid, ${row.outcome}, ${row.requestId}
          WHERE NOT EXISTS (
            SELECT 1 FROM audit_events a
             WHERE a.organization_id = ${row.organizationId}::uuid
               AND a.actor_id IS NOT DISTINCT FROM ${row.actorId}::uuid
               AND a.action = ${row.action}
               AND a.object_id IS NOT DISTINCT FROM ${row.objectId}::uuid
               AND a.outcome = ${row.outcome}
               AND a.occurred_at > clock_timestamp() - make_interval(secs => ${withinSeconds}))`.execute(qb);
  }

  /** Newest first, keyset-paginated on (occurred_at, id); each filter applies only when given. */
  list(organizationId: string, filter: AuditFilter, limit: number, after?: CursorPosition): Promise<AuditRow[]> {
    requireOrganization(organizationId);
    // Changes by default; naming an action asks for that action, whatever its kind.
    const kind = filter.kind ?? (filter.action !== undefined ? 'all' : 'changes');
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
      .select(objectName.as('object_name'))
      .where('organization_id', '=', organizationId)
      .$if(kind === 'changes', (q) => q.where('action', 'not in', [...READ_ACTIONS]))
      .$if(kind === 'reads', (q) => q.where('action', 'in', [...READ_ACTIONS]))
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
