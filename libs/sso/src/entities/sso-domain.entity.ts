import { Entity, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@leadpath/platform/database';

/**
 * An e-mail domain that signs in through its organization's provider. The domain is the key:
 * one domain belongs to at most one organization, so an address leads to one provider.
 */
@Entity('sso_domains')
export class SsoDomainEntity extends OrganizationOwned {
  /** Lower case, without a trailing dot. */
  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain: string;
}
