import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  CreatedAtColumn,
  OrganizationOwned,
  References,
  ReferencesOne,
  TenantEntity,
  TimestampedTenantEntity,
  UpdatedAtColumn,
  UuidColumn,
} from '@leadpath/platform/database';

/**
 * A bearer token a provisioning client (Okta, Entra ID) holds for one organization. Only the
 * SHA-256 of the token is kept; the token is shown once, when HR makes it. A revoked token stays,
 * so the audit trail can still name the client that acted.
 */
@Entity('scim_tokens')
@Index(['organizationId', 'createdAt', 'id'])
export class ScimTokenEntity extends TenantEntity {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Hex SHA-256 of the token. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @UuidColumn({ nullable: true })
  createdBy: string | null;

  @References('UserEntity', 'created_by', { onDelete: 'SET NULL' })
  creator?: unknown;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/**
 * The SCIM identity of a user the organization's identity provider manages (its row is the
 * "SCIM-managed" mark; the SCIM id is the user's id). `userName` is the key, unique per
 * organization without regard to case (a functional index of the migration). The manager is the
 * reference as sent (`manager_ref`) and the user it names once they exist (`manager_id`).
 */
@Entity('scim_users')
@Index('IDX_scim_users_user_name', { synchronize: false })
@Index('IDX_scim_users_external_id', { synchronize: false })
@Index('IDX_scim_users_manager_ref', { synchronize: false })
@Index(['organizationId', 'managerRef'])
export class ScimUserEntity extends OrganizationOwned {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ReferencesOne('UserEntity', 'user_id', { onDelete: 'CASCADE' })
  user?: unknown;

  @Column({ type: 'varchar', length: 300 })
  userName: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  givenName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  familyName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  /** The addresses as the provider sent them: `[{ value, type?, primary? }]`, any number. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  emails: unknown;

  @Column({ type: 'varchar', length: 200, nullable: true })
  department: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  managerRef: string | null;

  @UuidColumn({ nullable: true })
  managerId: string | null;

  @References('UserEntity', 'manager_id', { onDelete: 'SET NULL' })
  manager?: unknown;

  /** Set by a SCIM DELETE: the person is deactivated and gone for SCIM until a POST brings them back. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** A group the identity provider pushes; its display name is unique per organization without regard to case. */
@Entity('scim_groups')
@Index('IDX_scim_groups_display_name', { synchronize: false })
export class ScimGroupEntity extends TimestampedTenantEntity {
  @Column({ type: 'varchar', length: 300 })
  displayName: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  externalId: string | null;
}

@Entity('scim_group_members')
@Index(['organizationId', 'userId'])
export class ScimGroupMemberEntity extends OrganizationOwned {
  @PrimaryColumn({ type: 'uuid' })
  groupId: string;

  @References('ScimGroupEntity', 'group_id', { onDelete: 'CASCADE' })
  group?: unknown;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @References('UserEntity', 'user_id', { onDelete: 'CASCADE' })
  user?: unknown;
}

/** HR's map from a group's display name (compared without regard to case) to the role it gives. */
@Entity('scim_group_roles')
@Index('IDX_scim_group_roles_group', { synchronize: false })
@Check(`role IN ('hr_admin','manager','mentee')`)
export class ScimGroupRoleEntity extends TenantEntity {
  @Column({ type: 'varchar', length: 300 })
  groupName: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;
}
