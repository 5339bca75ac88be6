import { Check, Column, Entity, Index } from 'typeorm';
import { References, TimestampedTenantEntity, UuidColumn } from '@leadpath/platform/database';

export const WEBHOOK_FORMATS = ['standard', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * An HR-registered receiver of webhooks. The secret signs every delivery (Standard Webhooks);
 * it is kept because signing needs it, and shown only when made. After a rotation the previous
 * secret signs too until `previous_secret_expires_at`, so receivers can switch without a gap.
 * `failing_since` is the first failure after the last success: a day of failures disables it.
 */
@Entity('webhook_endpoints')
@Index(['organizationId', 'createdAt', 'id'])
@Check('CHK_webhook_endpoints_format', `"format" IN ('standard', 'slack', 'teams')`)
export class WebhookEndpointEntity extends TimestampedTenantEntity {
  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', array: true, length: 48 })
  events: string[];

  /** What a delivery's body looks like: Standard Webhooks JSON, or a Slack or Teams channel message. */
  @Column({ type: 'varchar', length: 16, default: 'standard' })
  format: WebhookFormat;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  disabledReason: string | null;

  @UuidColumn({ nullable: true })
  createdBy: string | null;

  @References('UserEntity', 'created_by', { onDelete: 'SET NULL' })
  creator?: unknown;
}
