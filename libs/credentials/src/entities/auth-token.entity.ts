import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, ReferencesOne, TenantEntity, UuidColumn } from '@leadpath/platform/database';

export const TOKEN_PURPOSES = ['invitation', 'password_reset'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * A single-use link. The random token itself is made by the worker when it sends the mail and
 * only its SHA-256 is kept; a resend replaces it, so only the latest mailed link works.
 */
@Entity('auth_tokens')
@Index(['userId', 'purpose', 'createdAt'])
@Check(`purpose IN ('invitation','password_reset')`)
export class AuthTokenEntity extends TenantEntity {
  @UuidColumn()
  userId: string;

  @References('UserEntity', 'user_id', { onDelete: 'CASCADE' })
  user?: unknown;

  @Column({ type: 'varchar', length: 16 })
  purpose: TokenPurpose;

  @UuidColumn()
  deliveryId: string;

  @ReferencesOne('MailDeliveryEntity', 'delivery_id', { onDelete: 'CASCADE' })
  delivery?: unknown;

  /** Hex SHA-256 of the token; null until the worker has mailed the link. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  tokenHash: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
