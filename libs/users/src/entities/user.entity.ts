import type { Role } from '@leadpath/access';
import { Check, Column, Entity, Index } from 'typeorm';
import { TimestampedTenantEntity } from '@leadpath/platform/database';

@Entity('users')
@Index(['organizationId', 'createdAt', 'id'])
@Index(['organizationId', 'email'], { unique: true })
// No role at all is allowed: a person an identity provider provisions gets roles from HR's group map.
@Check(`roles <@ ARRAY['hr_admin','manager','mentee']::varchar[]`)
export class UserEntity extends TimestampedTenantEntity {
  /**
   * Stored canonical (NFKC, case-folded); unique per organization, not across them, so one
   * organization cannot probe or claim another's addresses. Sign-in finds every account with it.
   */
  @Index()
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16, array: true })
  roles: Role[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Bumped when roles, password or active change: tokens carrying an older value stop working. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  /**
   * May still sign in with a password when the organization requires single sign-on: the way in
   * for HR when the identity provider is down or misconfigured. HR sets it.
   */
  @Column({ type: 'boolean', default: false })
  breakGlass: boolean;

  /**
   * When the person was invited to choose a password, until they choose one (by the link, a
   * reset, HR setting it, or a single sign-on): what makes them "invited" rather than "active".
   */
  @Column({ type: 'timestamptz', nullable: true })
  invitedAt: Date | null;

  /**
   * When the account was last deactivated (null while active): the retention rule counts from it.
   * A trigger keeps it (migration DataSubjectRequests), whichever path deactivates the account.
   */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
