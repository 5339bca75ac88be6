import { Check, Column, Entity, Index } from 'typeorm';
import { References, TimestampedMenteeRecord, UuidColumn } from '@leadpath/platform/database';

/**
 * A one-on-one series between a mentee and the line manager or mentor who holds it: its first
 * start as a wall time in its IANA time zone, its RFC 5545 rule (null: a single meeting) and
 * duration. `sequence` grows with every change sent to calendars; `endsAt` ends the series before
 * the occurrence that starts then (the occurrences before it stay, with their agendas).
 */
@Entity('meeting_series')
@Index(['organizationId', 'menteeId'])
@Index(['organizationId', 'holderId'])
@Check(`duration_minutes BETWEEN 5 AND 480`)
@Check(`starts_local ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$'`)
@Check(`sequence >= 0`)
export class MeetingSeriesEntity extends TimestampedMenteeRecord {
  /** The line manager or mentor who holds the meetings. */
  @UuidColumn()
  holderId: string;

  @References('UserEntity', 'holder_id', { onDelete: 'CASCADE' })
  holder?: unknown;

  /** The first occurrence's wall time, `YYYY-MM-DDTHH:MM`. */
  @Column({ type: 'varchar', length: 16 })
  startsLocal: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rrule: string | null;

  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;
}
