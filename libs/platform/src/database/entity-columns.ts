import {
  Column,
  CreateDateColumn,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * The column stacks every entity repeats, said once. They map exactly what they replace: the
 * entities stay equal to the migrations (an empty `migration:generate`), so the schema does not move.
 */

/** What a row's removal does to the rows that point at it (a foreign key's ON DELETE). */
export interface ReferenceOptions {
  onDelete?: 'CASCADE' | 'SET NULL';
}

/** The generated uuid primary key. */
export const IdColumn = (): PropertyDecorator => PrimaryGeneratedColumn('uuid');

/** A uuid column, most often the id of a row that a `@References` relation beside it names. */
export const UuidColumn = (options: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ type: 'uuid', ...options });

/** When the row was inserted, set by the database. */
export const CreatedAtColumn = (): PropertyDecorator => CreateDateColumn({ type: 'timestamptz' });

/** When the row was last written, set on every update. */
export const UpdatedAtColumn = (): PropertyDecorator => UpdateDateColumn({ type: 'timestamptz' });

/**
 * Many rows to one row of `target` (named by string so entity files never import across
 * libraries), through the foreign key column `column`.
 */
export function References(target: string, column: string, options: ReferenceOptions = {}): PropertyDecorator {
  return (prototype, property) => {
    ManyToOne(target, options)(prototype, property);
    JoinColumn({ name: column })(prototype, property);
  };
}

/** One row to one row of `target`, through the foreign key column `column`. */
export function ReferencesOne(target: string, column: string, options: ReferenceOptions = {}): PropertyDecorator {
  return (prototype, property) => {
    OneToOne(target, options)(prototype, property);
    JoinColumn({ name: column })(prototype, property);
  };
}

/** A row that belongs to one organization: removing the organization removes it. */
export abstract class OrganizationOwned {
  @UuidColumn()
  organizationId: string;

  @References('OrganizationEntity', 'organization_id', { onDelete: 'CASCADE' })
  organization?: unknown;
}

/** A row of an organization with a generated uuid of its own: most tables. */
export abstract class TenantEntity extends OrganizationOwned {
  @IdColumn()
  id: string;
}

/** A row about one mentee of the organization: removing the mentee removes it. */
export abstract class MenteeRecord extends TenantEntity {
  @UuidColumn()
  menteeId: string;

  @References('MenteeEntity', 'mentee_id', { onDelete: 'CASCADE' })
  mentee?: unknown;
}

/** A tenant row that keeps when it was inserted and last written. */
export abstract class TimestampedTenantEntity extends TenantEntity {
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** A mentee's row that keeps when it was inserted and last written. */
export abstract class TimestampedMenteeRecord extends MenteeRecord {
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
