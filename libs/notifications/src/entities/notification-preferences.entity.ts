import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganizationOwned, ReferencesOne, UpdatedAtColumn } from '@leadpath/platform/database';

/**
 * A person's switches for the messages that are not essential (nudges and digests). No row
 * means every switch is on; one-click unsubscribe and `PATCH /me/notifications` write here.
 */
@Entity('notification_preferences')
export class NotificationPreferencesEntity extends OrganizationOwned {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ReferencesOne('UserEntity', 'user_id', { onDelete: 'CASCADE' })
  user?: unknown;

  @Column({ type: 'boolean', default: true })
  feedbackShared: boolean;

  @Column({ type: 'boolean', default: true })
  milestoneChanges: boolean;

  @Column({ type: 'boolean', default: true })
  goalConfirmed: boolean;

  @Column({ type: 'boolean', default: true })
  weeklyDigest: boolean;

  @Column({ type: 'boolean', default: true })
  monthlySummary: boolean;

  @UpdatedAtColumn()
  updatedAt: Date;
}
