import type { WebhookFormat } from './entities/webhook-endpoint.entity';
import { Injectable } from '@nestjs/common';
import { sql as raw, type InferResult, type Selectable } from 'kysely';
import { cursorAt, olderThan, qb, type DB } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import type { WebhookDeliveryStatus } from './entities/webhook-delivery.entity';

export type EndpointRow = Selectable<DB['webhook_endpoints']> & { cursor_at: string };
export type DeliveryRow = Selectable<DB['webhook_deliveries']> & { cursor_at: string };
export type AttemptRow = Selectable<DB['webhook_attempts']>;

export interface EndpointFields {
  url: string;
  description: string | null;
  events: string[];
  format: WebhookFormat;
}

const endpoints = () => qb.selectFrom('webhook_endpoints').selectAll().select(cursorAt('created_at').as('cursor_at'));

/** A delivery locked for an attempt, with its endpoint. */
const sendable = (id: string) =>
  qb
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select([
      'd.id',
      'd.organization_id',
      'd.endpoint_id',
      'd.payload',
      'd.status',
      'd.attempts',
      'e.url',
      'e.format',
      'e.enabled',
      'e.secret',
      'e.previous_secret',
      'e.previous_secret_expires_at',
      'e.failing_since',
    ])
    .where('d.id', '=', id)
    .forUpdate('d');

export type SendableDelivery = InferResult<ReturnType<typeof sendable>>[number];

/** Every query runs in the caller's unit of work: a request's or a job's tenant transaction. */
@Injectable()
export class WebhooksRepository {
  async insertEndpoint(
    organizationId: string,
    fields: EndpointFields,
    secret: string,
    createdBy: string,
  ): Promise<EndpointRow> {
    const { id } = await qb
      .insertInto('webhook_endpoints')
      .values({ organization_id: organizationId, ...fields, secret, created_by: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.endpoint(id))!;
  }

  async count(organizationId: string): Promise<number> {
    const row = await qb
      .selectFrom('webhook_endpoints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', organizationId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async endpoint(id: string, options: { lock?: boolean } = {}): Promise<EndpointRow | undefined> {
    const row = await endpoints()
      .where('id', '=', id)
      .$if(options.lock === true, (q) => q.forUpdate())
      .executeTakeFirst();
    return row;
  }

  listEndpoints(organizationId: string, limit: number, after?: CursorPosition): Promise<EndpointRow[]> {
    return endpoints()
      .where('organization_id', '=', organizationId)
      .$if(after !== undefined, (q) => q.where(olderThan('created_at', 'id', after!)))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
  }

  async updateEndpoint(id: string, patch: Partial<EndpointFields> & { enabled?: boolean }, at: Date): Promise<void> {
    await qb
      .updateTable('webhook_endpoints')
      .set({
        ...patch,
        // Turned on again: its failures start over.
        ...(patch.enabled === true ? { failing_since: null, disabled_at: null, disabled_reason: null } : {}),
        ...(patch.enabled === false ? { disabled_at: at, disabled_reason: 'turned off by HR' } : {}),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    const rows = await qb.deleteFrom('webhook_endpoints').where('id', '=', id).returning('id').execute();
    return rows.length > 0;
  }

  /** Replaces the secret; the current one signs too until `graceUntil`, or is dropped at once when that is null. */
  async rotateSecret(id: string, secret: string, graceUntil: Date | null, at: Date): Promise<void> {
    await qb
      .updateTable('webhook_endpoints')
      .set((eb) => ({
        previous_secret: graceUntil ? eb.ref('secret') : null,
        previous_secret_expires_at: graceUntil,
        secret,
        updated_at: at,
      }))
      .where('id', '=', id)
      .execute();
  }

  /** The enabled endpoints of the organization that want `eventType`. */
  async subscribers(organizationId: string, eventType: string): Promise<string[]> {
    const rows = await qb
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('enabled', '=', true)
      .where(raw<boolean>`${eventType}::varchar = ANY (events)`)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async menteeName(menteeId: string): Promise<string | null> {
    const row = await qb
      .selectFrom('mentees as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.name')
      .where('m.id', '=', menteeId)
      .executeTakeFirst();
    return row?.name ?? null;
  }

  async insertDeliveries(
    organizationId: string,
    deliveries: { endpointId: string; eventType: string; payload: string }[],
  ): Promise<string[]> {
    if (deliveries.length === 0) return [];
    const rows = await qb
      .insertInto('webhook_deliveries')
      .values(
        deliveries.map((d) => ({
          organization_id: organizationId,
          endpoint_id: d.endpointId,
          event_type: d.eventType,
          payload: d.payload,
        })),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Locks the delivery for this attempt, so two workers never send one attempt at once. */
  lockForSending(id: string): Promise<SendableDelivery | undefined> {
    return sendable(id).executeTakeFirst();
  }

  async recordAttempt(attempt: {
    organizationId: string;
    deliveryId: string;
    attempt: number;
    at: Date;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    excerpt: string | null;
  }): Promise<void> {
    await qb
      .insertInto('webhook_attempts')
      .values({
        organization_id: attempt.organizationId,
        delivery_id: attempt.deliveryId,
        attempt: attempt.attempt,
        attempted_at: attempt.at,
        status_code: attempt.statusCode,
        error: attempt.error,
        duration_ms: attempt.durationMs,
        response_excerpt: attempt.excerpt,
      })
      .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
      .execute();
  }

  async settleDelivery(
    id: string,
    outcome: { status: WebhookDeliveryStatus; attempts: number; nextAttemptAt: Date | null; at: Date },
  ): Promise<void> {
    await qb
      .updateTable('webhook_deliveries')
      .set({
        status: outcome.status,
        attempts: outcome.attempts,
        next_attempt_at: outcome.nextAttemptAt,
        delivered_at: outcome.status === 'succeeded' ? outcome.at : null,
        updated_at: outcome.at,
      })
      .where('id', '=', id)
      .execute();
  }

  /** A success ends the endpoint's run of failures; a failure starts one unless one is running. */
  async markEndpoint(id: string, ok: boolean, at: Date): Promise<void> {
    await qb
      .updateTable('webhook_endpoints')
      .set((eb) => ({ failing_since: ok ? null : eb.fn.coalesce('failing_since', raw<Date>`${at}::timestamptz`) }))
      .where('id', '=', id)
      .execute();
  }

  /** Disables the endpoint and gives up its deliveries still waiting. */
  async disableEndpoint(id: string, reason: string, at: Date): Promise<void> {
    await qb
      .updateTable('webhook_endpoints')
      .set({ enabled: false, disabled_at: at, disabled_reason: reason, updated_at: at })
      .where('id', '=', id)
      .execute();
    await qb
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', next_attempt_at: null, updated_at: at })
      .where('endpoint_id', '=', id)
      .where('status', 'in', ['pending', 'retrying'])
      .execute();
  }

  /** Claims the organization's deliveries whose retry is due at `at` (a claimed one waits for its job). */
  async claimDue(organizationId: string, at: Date, limit: number): Promise<{ id: string; attempts: number }[]> {
    return qb
      .with('due', (db) =>
        db
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('organization_id', '=', organizationId)
          .where('status', '=', 'retrying')
          .where('next_attempt_at', '<=', at)
          .orderBy('next_attempt_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: null })
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .returning(['id', 'attempts'])
      .execute();
  }

  /** The organizations with a retry due at `at` (the `webhooks.due` system operation). */
  async organizationsDue(at: Date): Promise<string[]> {
    const rows = await qb
      .selectFrom('webhook_deliveries')
      .select('organization_id')
      .distinct()
      .where('status', '=', 'retrying')
      .where('next_attempt_at', '<=', at)
      .execute();
    return rows.map((r) => r.organization_id);
  }

  listDeliveries(endpointId: string, limit: number, after?: CursorPosition): Promise<DeliveryRow[]> {
    return qb
      .selectFrom('webhook_deliveries')
      .selectAll()
      .select(cursorAt('created_at').as('cursor_at'))
      .where('endpoint_id', '=', endpointId)
      .$if(after !== undefined, (q) => q.where(olderThan('created_at', 'id', after!)))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
  }

  async attemptsOf(deliveryIds: string[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    return qb
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', 'in', deliveryIds)
      .orderBy('delivery_id')
      .orderBy('attempt')
      .execute();
  }
}
