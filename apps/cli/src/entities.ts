import { AssessmentEntity } from '@leadpath/assessments';
import { AssignmentEntity } from '@leadpath/assignments';
import { AuditEventEntity } from '@leadpath/audit';
import { LoginThrottleEntity, RefreshTokenEntity, RevokedAccessTokenEntity } from '@leadpath/auth';
import { AuthTokenEntity } from '@leadpath/credentials';
import { FeedbackEntity, FeedbackRatingEntity, FeedbackRevisionEntity } from '@leadpath/feedback';
import {
  CompetencyEntity,
  FrameworkImportEntity,
  MilestoneTemplateEntity,
  OrganizationSettingsEntity,
} from '@leadpath/framework';
import { GoalCheckInEntity, GoalEntity } from '@leadpath/goals';
import { ImportEntity } from '@leadpath/imports';
import { ErasureLogEntity, SubjectRequestEntity } from '@leadpath/privacy';
import { MailDeliveryEntity } from '@leadpath/mail';
import { FeedbackRequestEntity, LedResponseEntity } from '@leadpath/led-voice';
import {
  MeetingActionItemEntity,
  MeetingAgendaItemEntity,
  MeetingExceptionEntity,
  MeetingSeriesEntity,
} from '@leadpath/meetings';
import { MenteeEntity, PhaseChangeEntity } from '@leadpath/mentees';
import { MenteeMilestoneEntity } from '@leadpath/milestones';
import { NotificationPreferencesEntity } from '@leadpath/notifications';
import { OrganizationEntity } from '@leadpath/organizations';
import { RaterSeverityResultEntity } from '@leadpath/reports';
import { MenteeReadinessEntity, ReadinessGenerationEntity, ReadinessTeamCellEntity } from '@leadpath/readiness';
import { SsoAttemptEntity, SsoConfigEntity, SsoDomainEntity } from '@leadpath/sso';
import { IdempotencyKeyEntity } from '@leadpath/platform/database';
import { UserEntity } from '@leadpath/users';
import {
  ScimGroupEntity,
  ScimGroupMemberEntity,
  ScimGroupRoleEntity,
  ScimTokenEntity,
  ScimUserEntity,
} from '@leadpath/scim';
import {
  TalentDecisionEntity,
  TalentNominationEntity,
  TalentNominationRequestEntity,
  TalentPreRatingCompetencyEntity,
  TalentPreRatingEntity,
  TalentReviewCalibratorEntity,
  TalentReviewEntity,
} from '@leadpath/talent-reviews';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from '@leadpath/webhooks';

/** Every TypeORM entity of every feature, for schema comparison (migration:generate, drift test). */
export const entities = [
  OrganizationEntity,
  UserEntity,
  MenteeEntity,
  PhaseChangeEntity,
  AuditEventEntity,
  LoginThrottleEntity,
  RefreshTokenEntity,
  RevokedAccessTokenEntity,
  OrganizationSettingsEntity,
  CompetencyEntity,
  MilestoneTemplateEntity,
  FrameworkImportEntity,
  MenteeMilestoneEntity,
  GoalEntity,
  GoalCheckInEntity,
  FeedbackEntity,
  FeedbackRatingEntity,
  FeedbackRevisionEntity,
  IdempotencyKeyEntity,
  AssessmentEntity,
  AssignmentEntity,
  FeedbackRequestEntity,
  LedResponseEntity,
  MeetingSeriesEntity,
  MeetingExceptionEntity,
  MeetingAgendaItemEntity,
  MeetingActionItemEntity,
  MenteeReadinessEntity,
  ReadinessGenerationEntity,
  ReadinessTeamCellEntity,
  MailDeliveryEntity,
  AuthTokenEntity,
  NotificationPreferencesEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
  ImportEntity,
  ErasureLogEntity,
  SubjectRequestEntity,
  ScimTokenEntity,
  ScimUserEntity,
  ScimGroupEntity,
  ScimGroupMemberEntity,
  ScimGroupRoleEntity,
  SsoConfigEntity,
  SsoDomainEntity,
  SsoAttemptEntity,
  TalentReviewEntity,
  TalentReviewCalibratorEntity,
  TalentNominationEntity,
  TalentNominationRequestEntity,
  TalentPreRatingEntity,
  TalentPreRatingCompetencyEntity,
  TalentDecisionEntity,
  RaterSeverityResultEntity,
];
