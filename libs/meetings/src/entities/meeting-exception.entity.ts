import { Column, Entity, Index } from 'typeorm';
import { References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

/** One occurrence moved or cancelled, named by its original start. */
@Entity('meeting_exceptions')
@Index(['seriesId', 'originalStart'], { unique: true })
export class MeetingExceptionEntity extends TenantEntity {
  @UuidColumn()
  seriesId: string;

  @References('MeetingSeriesEntity', 'series_id', { onDelete: 'CASCADE' })
  series?: unknown;

  @Column({ type: 'timestamptz' })
  originalStart: Date;

  /** The new start of a moved occurrence; null keeps the original. */
  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  durationMinutes: number | null;

  @Column({ type: 'boolean', default: false })
  cancelled: boolean;
}
