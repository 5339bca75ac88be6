import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, OrganizationOwned, References, UuidColumn } from '@leadpath/platform/database';

/**
 * An access token ended before its expiry (sign-out), by its id (`jti`). The token check reads
 * this in the same statement as the user's state, so every instance honours a sign-out at once;
 * a row is only needed until the token would have expired anyway, and is pruned after.
 */
@Entity('revoked_access_tokens')
export class RevokedAccessTokenEntity extends OrganizationOwned {
  @PrimaryColumn({ type: 'uuid' })
  jti: string;

  @Index()
  @UuidColumn()
  userId: string;

  @References('UserEntity', 'user_id', { onDelete: 'CASCADE' })
  user?: unknown;

  /** The token's own expiry: after it the token is refused anyway, and the row is pruned. */
  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreatedAtColumn()
  createdAt: Date;
}
