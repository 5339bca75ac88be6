import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, TenantEntity } from '@leadpath/platform/database';

/**
 * One sign-in begun at the provider: what the callback must see again (`state`), what the ID
 * token must carry (`nonce`) and the PKCE verifier. Spent (`used_at`) by the first callback that
 * names it, so a replayed state is refused; short-lived.
 */
@Entity('sso_attempts')
export class SsoAttemptEntity extends TenantEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  state: string;

  @Column({ type: 'varchar', length: 64 })
  nonce: string;

  @Column({ type: 'varchar', length: 128 })
  codeVerifier: string;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
