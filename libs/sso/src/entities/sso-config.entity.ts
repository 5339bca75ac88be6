import { Column, Entity, Index } from 'typeorm';
import { TimestampedTenantEntity } from '@leadpath/platform/database';

/**
 * An organization's OpenID Connect provider. The client secret is kept encrypted (AES-256-GCM
 * under SECRETS_KEY): the token call needs it back, so it cannot be hashed, and it is never
 * answered. The e-mail domains that sign in through it are rows of `sso_domains`.
 */
@Entity('sso_configs')
@Index(['organizationId'], { unique: true })
export class SsoConfigEntity extends TimestampedTenantEntity {
  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  clientId: string;

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  @Column({ type: 'text' })
  clientSecretEncrypted: string;

  /** Password sign-in is refused to the organization's accounts, break-glass ones excepted. */
  @Column({ type: 'boolean', default: false })
  requireSso: boolean;

  /** An unknown verified address of a listed domain becomes a user without roles. */
  @Column({ type: 'boolean', default: false })
  jitProvisioning: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  groupsClaim: string | null;
}
