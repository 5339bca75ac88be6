import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

/**
 * One refresh token of a browser session. Only its SHA-256 is kept. A sign-in starts a family;
 * each refresh marks its token used and adds the next one to the family, and presenting a used
 * token again revokes the whole family (someone else holds a copy).
 */
@Entity('refresh_tokens')
@Index(['familyId'])
@Index(['organizationId', 'userId'])
export class RefreshTokenEntity extends TenantEntity {
  @UuidColumn()
  userId: string;

  @References('UserEntity', 'user_id', { onDelete: 'CASCADE' })
  user?: unknown;

  @UuidColumn()
  familyId: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** The user's token version at sign-in: a deactivation, role or password change bumps it. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  /** Absolute end of the whole session, carried unchanged through every rotation. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
