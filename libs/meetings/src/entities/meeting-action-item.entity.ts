import { Column, Entity, Index } from 'typeorm';
import { References, TimestampedTenantEntity, UuidColumn } from '@leadpath/platform/database';

/**
 * A promise made in a meeting: its owner (either participant), an optional due day. Open, it
 * carries forward to the following occurrences and into its owner's inbox; closed, it may have
 * become evidence of a milestone (`milestoneTemplateId`).
 */
@Entity('meeting_action_items')
@Index(['organizationId', 'seriesId', 'occurrenceStart'])
@Index(['organizationId', 'ownerId', 'doneAt'])
export class MeetingActionItemEntity extends TimestampedTenantEntity {
  @UuidColumn()
  seriesId: string;

  @References('MeetingSeriesEntity', 'series_id', { onDelete: 'CASCADE' })
  series?: unknown;

  @Column({ type: 'timestamptz' })
  occurrenceStart: Date;

  @Column({ type: 'varchar', length: 2000 })
  text: string;

  @UuidColumn()
  ownerId: string;

  @References('UserEntity', 'owner_id', { onDelete: 'CASCADE' })
  owner?: unknown;

  @UuidColumn({ nullable: true })
  createdBy: string | null;

  @References('UserEntity', 'created_by', { onDelete: 'SET NULL' })
  creator?: unknown;

  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneIn: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @UuidColumn({ nullable: true })
  milestoneTemplateId: string | null;
}
