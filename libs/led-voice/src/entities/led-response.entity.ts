import { Column, Entity, Index } from 'typeorm';
import { References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

/**
 * One anonymous answer about an assignment. Deliberately without a request, respondent, token or
 * time: nothing here can be joined back to who gave it. Ratings are `{ competencyKey: 1..5 }`.
 * `published` says only whether it is shown yet (it is, with a batch of at least threshold answers).
 */
@Entity('led_responses')
@Index(['organizationId', 'assignmentId'])
export class LedResponseEntity extends TenantEntity {
  @UuidColumn()
  assignmentId: string;

  @References('AssignmentEntity', 'assignment_id', { onDelete: 'CASCADE' })
  assignment?: unknown;

  @Column({ type: 'jsonb' })
  ratings: Record<string, number>;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  wentWell: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  couldHelp: string | null;

  /**
   * Held (false) until the held answers of the assignment number at least its threshold; then they
   * are published together, so results only ever move by a batch of at least threshold answers.
   */
  @Column({ type: 'boolean', default: false })
  published: boolean;
}
