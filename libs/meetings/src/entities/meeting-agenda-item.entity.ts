import { Column, Entity, Index } from 'typeorm';
import { References, TimestampedTenantEntity, UuidColumn } from '@leadpath/platform/database';

/**
 * A talking point, added to one occurrence (its original start). Unticked, it carries over to the
 * following occurrences of the same two people until it is ticked off (`doneIn`: the occurrence
 * where it was). `suggestionKey` names the readiness gap it was suggested from.
 */
@Entity('meeting_agenda_items')
@Index(['organizationId', 'seriesId', 'occurrenceStart'])
export class MeetingAgendaItemEntity extends TimestampedTenantEntity {
  @UuidColumn()
  seriesId: string;

  @References('MeetingSeriesEntity', 'series_id', { onDelete: 'CASCADE' })
  series?: unknown;

  @Column({ type: 'timestamptz' })
  occurrenceStart: Date;

  @UuidColumn()
  authorId: string;

  @References('UserEntity', 'author_id', { onDelete: 'CASCADE' })
  author?: unknown;

  @Column({ type: 'varchar', length: 2000 })
  text: string;

  @Column({ type: 'boolean', default: false })
  private: boolean;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'timestamptz', nullable: true })
  doneIn: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  suggestionKey: string | null;
}
