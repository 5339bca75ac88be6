import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person's switches for the messages that are not essential (nudges and digests). No row
 * means every switch is on; one-click unsubscribe and `PATCH /me/notifications` write here.
 */
@Entity('notification_preferences')
export class NotificationPreferencesEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

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

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
