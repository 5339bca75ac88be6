import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

export const APPROVALS = ['pending', 'approved', 'declined'] as const;
export type Approval = (typeof APPROVALS)[number];

/**
 * One respondent asked about one assignment, through a single-use link. Only the link's hash is
 * kept. Once answered the request records that and nothing else: the response it produced is
 * stored apart, with no reference back here (see LedResponseEntity).
 */
@Entity('feedback_requests')
@Index(['organizationId', 'assignmentId', 'emailKey'], { unique: true })
@Index(['tokenHash'], { unique: true })
@Index(['organizationId', 'respondentUserId'])
@Index(['organizationId', 'assignmentId', 'respondentKey'], { unique: true })
@Index(['organizationId', 'requestedBy', 'createdAt'])
@Check(`approval IN ('pending','approved','declined')`)
export class FeedbackRequestEntity extends TenantEntity {
  @UuidColumn()
  assignmentId: string;

  @References('AssignmentEntity', 'assignment_id', { onDelete: 'CASCADE' })
  assignment?: unknown;

  /** Set when the respondent is a user of the organization (they also see it in /me/feedback-requests). */
  @UuidColumn({ nullable: true })
  respondentUserId: string | null;

  @References('UserEntity', 'respondent_user_id', { onDelete: 'SET NULL' })
  respondentUser?: unknown;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** The address lower-cased: one request per address and assignment, so answers cannot be probed by re-sending. */
  @Column({ type: 'varchar', length: 254 })
  emailKey: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /**
   * Who the respondent is, as a person: `user:<id>` for a user of the organization (an address that
   * belongs to one counts as that user), else `email:<canonical address>`. One request per person
   * and assignment, so answered requests count distinct people, not links.
   */
  @Column({ type: 'varchar', length: 300 })
  respondentKey: string;

  /**
   * An outside address asked by the mentee waits for the line manager or HR (`pending`): no mail
   * leaves and the link opens nothing until it is `approved`. People of the organization, and
   * outside addresses the line manager asks, are `approved` at once.
   */
  @Column({ type: 'varchar', length: 16, default: 'approved' })
  approval: Approval;

  /** Who approved or declined an outside address (null for people of the organization). */
  @UuidColumn({ nullable: true })
  decidedBy: string | null;

  @References('UserEntity', 'decided_by')
  decider?: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** SHA-256 of the link's token, hex. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'boolean', default: false })
  answered: boolean;

  /** Reminders claimed so far (at most two); each is claimed once, by the job that enqueues it. */
  @Column({ type: 'smallint', default: 0 })
  remindersSent: number;

  /** Messages that have left: the invitation, then each reminder; a redelivered mail job finds its message here. */
  @Column({ type: 'smallint', default: 0 })
  mailsSent: number;

  @UuidColumn()
  requestedBy: string;

  @References('UserEntity', 'requested_by')
  requester?: unknown;

  @CreatedAtColumn()
  createdAt: Date;
}
