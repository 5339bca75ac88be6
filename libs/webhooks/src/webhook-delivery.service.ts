import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@leadpath/audit';
import { JobsService, OnJob } from '@leadpath/jobs';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database, DomainEvents, type DomainEvent } from '@leadpath/platform/database';
import { WEBHOOK_LIMITS } from '@leadpath/platform/domain';
import { Clock } from '@leadpath/platform/time';
import { checkDestination, type DestinationRules } from './destination';
import { bodyFor } from './channel-message';
import { postWebhook, type SendResult } from './sender';
import { sign } from './signature';
import type { WebhookFormat } from './entities/webhook-endpoint.entity';
import { WebhooksRepository, type SendableDelivery } from './webhooks.repository';

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
export const WEBHOOK_RETRY_JOB = 'webhooks.retry';
/** The event a "send a test event" request sends to one endpoint, whatever it subscribed to. */
export const TEST_EVENT = 'webhook.test';

const HOUR_MS = 3600 * 1000;
const MAX_RETRY_DELAY_MS = 6 * HOUR_MS;
/** Deliveries claimed per organization and sweep. */
const SWEEP_BATCH = 500;

interface JobData {
  organizationId: string;
  deliveryId: string;
  /** Attempts made before this one: a job for an attempt already made does nothing. */
  attempt: number;
}

/** The delay after the `attempts`-th failure: the first delay, doubling, at most six hours. */
export function retryDelayMs(baseSeconds: number, attempts: number): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

/**
 * The webhook outbox. `publish` writes one delivery per subscribed endpoint, with its job, in
 * the transaction of the change (so a rolled-back write sends nothing). The worker signs and
 * POSTs it (Standard Webhooks), outside any transaction, and records the attempt. A failure
 * schedules the next attempt by the application's clock (exponential backoff); the scheduled
 * sweep enqueues attempts that came due. An endpoint that has failed for a day is disabled.
 */
@Injectable()
export class WebhookDeliveryService extends DomainEvents {
  private readonly logger = new Logger('Webhooks');
  readonly rules: DestinationRules;

  constructor(
    private readonly db: Database,
    private readonly jobs: JobsService,
    private readonly repository: WebhooksRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.rules = { httpsOnly: config.nodeEnv === 'production', allowedHosts: config.webhooks.allowedHosts };
  }

  async publish(organizationId: string, ...events: DomainEvent[]): Promise<void> {
    const names = new Map<string, string | null>();
    for (const event of events) {
      const endpoints = await this.repository.subscribers(organizationId, event.type);
      if (endpoints.length === 0) continue;
      if (!names.has(event.menteeId)) names.set(event.menteeId, await this.repository.menteeName(event.menteeId));
      const payload = this.payload(event.type, {
        menteeId: event.menteeId,
        menteeName: names.get(event.menteeId) ?? null,
        ...event.data,
      });
      await this.enqueue(
        organizationId,
        endpoints.map((endpointId) => ({ endpointId, eventType: event.type, payload })),
      );
    }
  }

  /** A `webhook.test` event to one endpoint, in the caller's unit of work. */
  async publishTest(organizationId: string, endpointId: string): Promise<string> {
    const payload = this.payload(TEST_EVENT, { endpointId });
    const [id] = await this.enqueue(organizationId, [{ endpointId, eventType: TEST_EVENT, payload }]);
    return id;
  }

  /** The body every delivery of an event carries, the Standard Webhooks shape. */
  private payload(type: string, data: Record<string, unknown>): string {
    return JSON.stringify({ type, timestamp: this.clock.now().toISOString(), data });
  }

  private async enqueue(
    organizationId: string,
    deliveries: { endpointId: string; eventType: string; payload: string }[],
  ): Promise<string[]> {
    const ids = await this.repository.insertDeliveries(organizationId, deliveries);
    for (const deliveryId of ids) {
      await this.jobs.enqueue(WEBHOOK_DELIVER_JOB, { organizationId, deliveryId, attempt: 0 } satisfies JobData, {
        id: deliveryId,
      });
    }
    return ids;
  }

  /**
   * Enqueues every delivery whose retry is due by the clock, organization by organization. The
   * scheduled job calls it every minute; tests call it after moving the clock.
   */
  @OnJob(WEBHOOK_RETRY_JOB)
  async sweep(): Promise<number> {
    const at = this.clock.now();
    const organizations = await this.db.system('webhooks.due', () => this.repository.organizationsDue(at));
    let enqueued = 0;
    for (const organizationId of organizations) {
      enqueued += await this.db.tenant(organizationId, async () => {
        const due = await this.repository.claimDue(organizationId, at, SWEEP_BATCH);
        for (const { id, attempts } of due) {
          await this.jobs.enqueue(WEBHOOK_DELIVER_JOB, {
            organizationId,
            deliveryId: id,
            attempt: attempts,
          } satisfies JobData);
        }
        return due.length;
      });
    }
    return enqueued;
  }

  @OnJob(WEBHOOK_DELIVER_JOB)
  private async deliver({ organizationId, deliveryId, attempt }: JobData): Promise<void> {
    const at = this.clock.now();
    const delivery = await this.db.tenant(organizationId, async () => {
      const row = await this.repository.lockForSending(deliveryId);
      // Gone (its endpoint deleted), already attempted by an earlier job, or given up.
      if (!row || row.attempts !== attempt || (row.status !== 'pending' && row.status !== 'retrying')) return null;
      if (!row.enabled) {
        await this.repository.settleDelivery(deliveryId, {
          status: 'failed',
          attempts: attempt,
          nextAttemptAt: null,
          at,
        });
        return null;
      }
      return row;
    });
    if (!delivery) return;
    const result = await this.send(delivery, at);
    await this.db.tenant(organizationId, () => this.settle(delivery, attempt + 1, result, at));
  }

  /** Checks the destination again (DNS may have changed since it was registered), signs and POSTs. */
  private async send(delivery: SendableDelivery, at: Date): Promise<SendResult> {
    const refused = await checkDestination(delivery.url, this.rules);
    if (refused)
      return { statusCode: null, ok: false, error: `not sent: the URL ${refused}`, durationMs: 0, excerpt: null };
    const timestamp = Math.floor(at.getTime() / 1000);
    const body = bodyFor(delivery.format as WebhookFormat, delivery.payload, this.config.publicUrl);
    const secrets = [delivery.secret];
    if (delivery.previous_secret && delivery.previous_secret_expires_at && delivery.previous_secret_expires_at > at) {
      secrets.push(delivery.previous_secret);
    }
    return postWebhook(
      delivery.url,
      {
        'webhook-id': delivery.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': sign(secrets, delivery.id, timestamp, body),
      },
      body,
      { timeoutMs: this.config.webhooks.timeoutMs, rules: this.rules },
    );
  }

  private async settle(delivery: SendableDelivery, attempts: number, result: SendResult, at: Date): Promise<void> {
    const current = await this.repository.lockForSending(delivery.id);
    if (!current || current.attempts !== attempts - 1) return;
    await this.repository.recordAttempt({
      organizationId: delivery.organization_id,
      deliveryId: delivery.id,
      attempt: attempts,
      at,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
      excerpt: result.excerpt,
    });
    await this.repository.markEndpoint(delivery.endpoint_id, result.ok, at);
    if (result.ok) {
      await this.repository.settleDelivery(delivery.id, {
        status: 'succeeded',
        attempts,
        nextAttemptAt: null,
        at,
      });
      return;
    }
    const failingSince = current.failing_since ?? at;
    if (current.enabled && at.getTime() - failingSince.getTime() >= WEBHOOK_LIMITS.disableAfterHours * HOUR_MS) {
      await this.repository.settleDelivery(delivery.id, {
        status: 'failed',
        attempts,
        nextAttemptAt: null,
        at,
      });
      await this.repository.disableEndpoint(
        delivery.endpoint_id,
        `every delivery failed for ${WEBHOOK_LIMITS.disableAfterHours} hours`,
        at,
      );
      await this.audit.record(
        { organizationId: delivery.organization_id, userId: null, requestId: null },
        { action: 'webhook.disabled', objectType: 'webhook', objectId: delivery.endpoint_id },
      );
      this.logger.warn({ endpointId: delivery.endpoint_id }, 'webhook endpoint disabled after a day of failures');
      return;
    }
    const last = attempts >= this.config.webhooks.maxAttempts;
    await this.repository.settleDelivery(delivery.id, {
      status: last ? 'failed' : 'retrying',
      attempts,
      nextAttemptAt: last
        ? null
        : new Date(at.getTime() + retryDelayMs(this.config.webhooks.retryDelaySeconds, attempts)),
      at,
    });
  }
}
