import type { WebhookFormat } from './entities/webhook-endpoint.entity';
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService, type AuditAction } from '@leadpath/audit';
import { Database } from '@leadpath/platform/database';
import { DomainError, WEBHOOK_LIMITS, type WebhookEventType } from '@leadpath/platform/domain';
import { DEFAULT_LIMIT, decodeCursor, toPage, type Page, type PageQueryDto } from '@leadpath/platform/http';
import { Clock } from '@leadpath/platform/time';
import { checkDestination } from './destination';
import type {
  CreateWebhookDto,
  CreatedWebhookResponse,
  RotateSecretDto,
  RotatedSecretResponse,
  TestDeliveryResponse,
  UpdateWebhookDto,
  WebhookDeliveryResponse,
  WebhookResponse,
} from './dto/webhook.dto';
import type { WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { newSecret } from './signature';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksRepository, type AttemptRow, type DeliveryRow, type EndpointRow } from './webhooks.repository';

/** HR's endpoints: register, change, rotate the secret, read the delivery log, send a test event. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: Database,
    private readonly repository: WebhooksRepository,
    private readonly delivery: WebhookDeliveryService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    await this.access.require(actor, Permission.WebhookManage);
    await this.checkUrl(dto.url);
    if ((await this.repository.count(actor.organizationId)) >= WEBHOOK_LIMITS.endpointsPerOrganization) {
      throw DomainError.conflict(
        `An organization has at most ${WEBHOOK_LIMITS.endpointsPerOrganization} webhook endpoints`,
      );
    }
    const secret = newSecret();
    const row = await this.repository.insertEndpoint(
      actor.organizationId,
      { url: dto.url, description: dto.description ?? null, events: dto.events, format: dto.format ?? 'standard' },
      secret,
      actor.userId,
    );
    await this.record(actor, 'webhook.create', row.id);
    return { ...toWebhookResponse(row), secret };
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<WebhookResponse>> {
    await this.access.require(actor, Permission.WebhookManage);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.repository.listEndpoints(actor.organizationId, limit, decodeCursor(query.cursor));
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toWebhookResponse);
  }

  async get(actor: Actor, id: string): Promise<WebhookResponse> {
    await this.access.require(actor, Permission.WebhookManage);
    return toWebhookResponse(await this.found(id));
  }

  async update(actor: Actor, id: string, dto: UpdateWebhookDto): Promise<WebhookResponse> {
    await this.access.require(actor, Permission.WebhookManage);
    const current = await this.found(id, true);
    // A new address, or one turned on again, is checked as at registration.
    if (dto.url !== undefined || (dto.enabled === true && !current.enabled))
      await this.checkUrl(dto.url ?? current.url);
    await this.repository.updateEndpoint(
      id,
      {
        url: dto.url,
        description: dto.description === undefined ? undefined : dto.description,
        events: dto.events,
        format: dto.format,
        enabled: dto.enabled === current.enabled ? undefined : dto.enabled,
      },
      this.clock.now(),
    );
    await this.record(actor, 'webhook.update', id);
    return toWebhookResponse(await this.found(id));
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.access.require(actor, Permission.WebhookManage);
    if (!(await this.repository.deleteEndpoint(id))) throw DomainError.notFound('Webhook');
    await this.record(actor, 'webhook.delete', id);
  }

  /**
   * A new secret; the previous one keeps signing for the grace period (24 hours unless asked
   * otherwise), so receivers switch without a gap. A grace of 0 ends the previous secret at once,
   * and any older one still in its grace period with it: the answer to a leaked secret.
   */
  async rotateSecret(actor: Actor, id: string, dto: RotateSecretDto): Promise<RotatedSecretResponse> {
    await this.access.require(actor, Permission.WebhookManage);
    await this.found(id, true);
    const now = this.clock.now();
    const hours = dto.graceHours ?? WEBHOOK_LIMITS.secretGraceHours;
    const graceUntil = new Date(now.getTime() + hours * 3600 * 1000);
    const secret = newSecret();
    await this.repository.rotateSecret(id, secret, hours > 0 ? graceUntil : null, now);
    await this.record(actor, 'webhook.rotate_secret', id);
    return { secret, previousSecretExpiresAt: graceUntil.toISOString() };
  }

  async deliveries(actor: Actor, id: string, query: PageQueryDto): Promise<Page<WebhookDeliveryResponse>> {
    await this.access.require(actor, Permission.WebhookManage);
    await this.found(id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.repository.listDeliveries(id, limit, decodeCursor(query.cursor));
    const attempts = await this.repository.attemptsOf(rows.slice(0, limit).map((r) => r.id));
    const byDelivery = new Map<string, AttemptRow[]>();
    for (const a of attempts) byDelivery.set(a.delivery_id, [...(byDelivery.get(a.delivery_id) ?? []), a]);
    return toPage(
      rows,
      limit,
      (r) => ({ at: r.cursor_at, id: r.id }),
      (r) => toDeliveryResponse(r, byDelivery.get(r.id) ?? []),
    );
  }

  async sendTest(actor: Actor, id: string): Promise<TestDeliveryResponse> {
    await this.access.require(actor, Permission.WebhookManage);
    const endpoint = await this.found(id);
    if (!endpoint.enabled) throw DomainError.conflict('This webhook is disabled; enable it first');
    const deliveryId = await this.delivery.publishTest(actor.organizationId, id);
    await this.record(actor, 'webhook.test', id);
    return { deliveryId };
  }

  private async checkUrl(url: string): Promise<void> {
    const refused = await checkDestination(url, this.delivery.rules);
    if (refused) throw DomainError.invalid('url', `url ${refused}`);
  }

  private async found(id: string, lock = false): Promise<EndpointRow> {
    const row = await this.repository.endpoint(id, { lock });
    if (!row) throw DomainError.notFound('Webhook');
    return row;
  }

  private record(actor: Actor, action: AuditAction, id: string): Promise<void> {
    return this.audit.record(actor, { action, objectType: 'webhook', objectId: id });
  }
}

export function toWebhookResponse(row: EndpointRow): WebhookResponse {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEventType[],
    format: row.format as WebhookFormat,
    enabled: row.enabled,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since?.toISOString() ?? null,
    previousSecretExpiresAt: row.previous_secret_expires_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toDeliveryResponse(row: DeliveryRow, attempts: AttemptRow[]): WebhookDeliveryResponse {
  return {
    id: row.id,
    eventType: row.event_type,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    log: attempts.map((a) => ({
      attempt: a.attempt,
      attemptedAt: a.attempted_at.toISOString(),
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
      responseExcerpt: a.response_excerpt,
    })),
  };
}
