import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { ReferencesOne, UpdatedAtColumn } from '@leadpath/platform/database';
import { DEFAULT_SETTINGS as D } from '@leadpath/platform/domain';

/** Per-organization readiness settings: component weights (summing to 1) and stale-feedback days. */
@Entity('organization_settings')
@Check(`abs(weight_milestones + weight_competencies + weight_goals - 1) < 0.0005`)
@Check(`weight_milestones >= 0 AND weight_competencies >= 0 AND weight_goals >= 0`)
@Check(`stale_feedback_days BETWEEN 1 AND 365`)
@Check(`led_feedback_threshold BETWEEN 3 AND 50`)
@Check(`led_voice_weight >= 0 AND led_voice_weight <= 1`)
@Check(`feedback_requests_per_day BETWEEN 1 AND 500`)
@Check(`min_group_size BETWEEN 3 AND 100`)
@Check(`erasure_after_months IS NULL OR erasure_after_months BETWEEN 1 AND 600`)
export class OrganizationSettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ReferencesOne('OrganizationEntity', 'organization_id', { onDelete: 'CASCADE' })
  organization?: unknown;

  @Column({ type: 'numeric', precision: 4, scale: 3, default: () => String(D.weightMilestones) })
  weightMilestones: string;

  @Column({ type: 'numeric', precision: 4, scale: 3, default: () => String(D.weightCompetencies) })
  weightCompetencies: string;

  @Column({ type: 'numeric', precision: 4, scale: 3, default: () => String(D.weightGoals) })
  weightGoals: string;

  @Column({ type: 'integer', default: D.staleFeedbackDays })
  staleFeedbackDays: number;

  /** Answers an assignment needs before its results are shown; never below 3, so no one answer stands alone. */
  @Column({ type: 'integer', default: D.ledFeedbackThreshold })
  ledFeedbackThreshold: number;

  /** How much the people led weigh in a competency's r; 0 keeps the manager ratings alone. */
  @Column({ type: 'numeric', precision: 4, scale: 3, default: () => `'${D.ledVoiceWeight}'` })
  ledVoiceWeight: string;

  /** Feedback requests one person may send per UTC day, over all assignments: Leadpath is no mail relay. */
  @Column({ type: 'integer', default: D.feedbackRequestsPerDay })
  feedbackRequestsPerDay: number;

  /**
   * k: aggregates over people (heatmaps, the voice of those led) hide groups smaller than this,
   * with complementary suppression; never below 3.
   */
  @Column({ type: 'integer', default: D.minGroupSize })
  minGroupSize: number;

  /** Whether readiness reads competency means with each rater's measured severity removed (off: raw means). */
  @Column({ type: 'boolean', default: D.useCalibratedMeans })
  useCalibratedMeans: boolean;

  /** IANA time zone the digests go out in (Monday 08:00 there). */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  /** Retention: people deactivated longer than this are erased by a job; null (the default) keeps them. */
  @Column({ type: 'integer', nullable: true })
  erasureAfterMonths: number | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}
