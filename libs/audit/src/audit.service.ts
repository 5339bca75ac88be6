import { Injectable, Logger } from '@nestjs/common';
import { Database } from '@leadpath/platform/database';
import { DEFAULT_LIMIT, decodeCursor, toPage, type Page } from '@leadpath/platform/http';
import { AuditRepository, type AuditFilter, type AuditRow } from './audit.repository';
import { auditActionLabel, READ_ACTIONS, type AuditAction } from './audit-actions';
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
  /** For an update: the fields it changed, each before → after (structured fields only, never free text). */
  changes?: AuditChanges;
}

/** `{ field: { from, to } }`: what an update changed. */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * The fields whose value differs between `before` and `after` (arrays compared as sets), each
 * `{ from, to }`; undefined when nothing changed. Fields absent from `after` did not change.
 */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): AuditChanges | undefined {
  const changes: AuditChanges = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const to = after[key];
    if (to === undefined) continue;
    const from = before[key];
    const same =
      Array.isArray(from) && Array.isArray(to)
        ? [...from].map(String).sort().join('\u0000') === [...to].map(String).sort().join('\u0000')
        : from === to;
    if (!same) changes[key] = { from: from ?? null, to };
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
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
        changes: e.changes ?? null,
      })),
    );
  }

  /** A read of sensitive data, recorded in the unit of work that read it. */
  recordRead(actor: AuditActor, entry: AuditEntry): Promise<void> {
    return this.repository.insert([{ ...this.row(actor, entry), outcome: 'success' }]);
  }

  /**
   * A read that one view of a page makes through several requests (HR's dashboard asks for its
   * figures and its heatmap at once): recorded unless the same person's same read of the same
   * object was recorded in the last `withinSeconds`, so one view writes one row.
   */
  recordReadOnce(actor: AuditActor, entry: AuditEntry, withinSeconds = 60): Promise<void> {
    return this.repository.insertUnlessRecent({ ...this.row(actor, entry), outcome: 'success' }, withinSeconds);
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
      changes: null,
    };
  }
}

export function toAuditEventResponse(row: AuditRow): AuditEventResponse {
  return {
    id: row.id,
    actorId: row.actor_id,
    actorName: row.actor_name ?? null,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    kind: (READ_ACTIONS as readonly string[]).includes(row.action) ? 'read' : 'change',
    objectType: row.object_type,
    objectId: row.object_id,
    objectName: row.object_name ?? null,
    changes: isChanges(row.changes)
      ? Object.entries(row.changes).map(([field, { from, to }]) => ({ field, from: inWords(from), to: inWords(to) }))
      : [],
    // The column's CHECK allows exactly these two.
    outcome: row.outcome === 'denied' ? 'denied' : 'success',
    requestId: row.request_id,
    occurredAt: row.occurred_at.toISOString(),
  };
}

/** A recorded value as the trail shows it: lists comma-separated (codes with spaces), yes or no. */
function inWords(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? v.replace(/_/g, ' ') : JSON.stringify(v))).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function isChanges(value: unknown): value is AuditChanges {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
