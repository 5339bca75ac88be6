import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One anonymous answer about an assignment. Deliberately without a request, respondent, token or
 * time: nothing here can be joined back to who gave it. Ratings are `{ competencyKey: 1..5 }`.
 */
@Entity('led_responses')
@Index(['organizationId', 'assignmentId'])
export class LedResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  @Column({ type: 'uuid' })
  assignmentId: string;

  @ManyToOne('AssignmentEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: unknown;

  @Column({ type: 'jsonb' })
  ratings: Record<string, number>;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  wentWell: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  couldHelp: string | null;
}
