import type { MigrationInterface } from 'typeorm';
import { PeopleAndAccess1795736941575 } from './1795736941575-people-and-access';
import { AuditAppendOnly1795736941600 } from './1795736941600-audit-append-only';
import { MenteeJourney1795737890626 } from './1795737890626-mentee-journey';
import { DefaultFramework1795737890700 } from './1795737890700-default-framework';
import { RowLevelSecurity1795740000000 } from './1795740000000-row-level-security';
import { SystemRole1795741000000 } from './1795741000000-system-role';
import { StretchAssignments1795750000000 } from './1795750000000-stretch-assignments';
import { BrowserSessions1796057456252 } from './1796057456252-browser-sessions';
import { ReadinessReadModel1796057519443 } from './1796057519443-readiness-read-model';
import { JobsAndMail1796060000000 } from './1796060000000-jobs-and-mail';
import { LedVoiceWeight1796062581504 } from './1796062581504-led-voice-weight';
import { SignOffRules1796071200000 } from './1796071200000-sign-off-rules';
import { LoginFailureAudit1796071200100 } from './1796071200100-login-failure-audit';
import { OneCalendar1796080000000 } from './1796080000000-one-calendar';
import { FeedbackRequestMail1796081600000 } from './1796081600000-feedback-request-mail';
import { ResetEndsSessions1796081700000 } from './1796081700000-reset-ends-sessions';
import { Notifications1796081700100 } from './1796081700100-notifications';
import { ReadinessWindowIndex1796090000000 } from './1796090000000-readiness-window-index';
import { Webhooks1796081800000 } from './1796081800000-webhooks';
import { ReadinessTeamCells1796100000000 } from './1796100000000-readiness-team-cells';
import { EmptyTeamCells1796110000000 } from './1796110000000-empty-team-cells';
import { AccessTokenDenyList1796120000000 } from './1796120000000-access-token-deny-list';
import { AccountChangeSpendsLinks1796123000000 } from './1796123000000-account-change-spends-links';
import { EmailUniquePerOrganization1796123000100 } from './1796123000100-email-unique-per-organization';
import { GoalsPastDue1796125000000 } from './1796125000000-goals-past-due';
import { StaleSince1796648718640 } from './1796648718640-stale-since';
import { LedVoiceTrust1796650000000 } from './1796650000000-led-voice-trust';
import { WebhookFormat1796690000000 } from './1796690000000-webhook-format';
import { MailLogAddresses1796691000000 } from './1796691000000-mail-log-addresses';
import { PeopleImports1796720000000 } from './1796720000000-people-imports';
import { ScimProvisioning1796710000000 } from './1796710000000-scim-provisioning';
import { FrameworkImports1796730000000 } from './1796730000000-framework-imports';
import { PeopleAdministration1796870000000 } from './1796870000000-people-administration';
import { ErasableAuditChanges1796880000000 } from './1796880000000-erasable-audit-changes';
import { DataSubjectRequests1796850000000 } from './1796850000000-data-subject-requests';
import { Meetings1796800000000 } from './1796800000000-meetings';
import { SingleSignOn1796700000000 } from './1796700000000-single-sign-on';
import { TalentReviews1796820000000 } from './1796820000000-talent-reviews';
import { RaterCalibration1796830000000 } from './1796830000000-rater-calibration';
import { BackupRuns1796840000000 } from './1796840000000-backup-runs';

export { JOBS_SCHEMA } from './1796060000000-jobs-and-mail';

/** Every migration, in order. Listed explicitly so every build and test runner finds the same set. */
export const migrations: (new () => MigrationInterface)[] = [
  PeopleAndAccess1795736941575,
  AuditAppendOnly1795736941600,
  MenteeJourney1795737890626,
  DefaultFramework1795737890700,
  RowLevelSecurity1795740000000,
  SystemRole1795741000000,
  StretchAssignments1795750000000,
  BrowserSessions1796057456252,
  ReadinessReadModel1796057519443,
  JobsAndMail1796060000000,
  LedVoiceWeight1796062581504,
  SignOffRules1796071200000,
  LoginFailureAudit1796071200100,
  OneCalendar1796080000000,
  FeedbackRequestMail1796081600000,
  ResetEndsSessions1796081700000,
  Notifications1796081700100,
  Webhooks1796081800000,
  ReadinessWindowIndex1796090000000,
  ReadinessTeamCells1796100000000,
  EmptyTeamCells1796110000000,
  AccessTokenDenyList1796120000000,
  AccountChangeSpendsLinks1796123000000,
  EmailUniquePerOrganization1796123000100,
  GoalsPastDue1796125000000,
  StaleSince1796648718640,
  LedVoiceTrust1796650000000,
  WebhookFormat1796690000000,
  MailLogAddresses1796691000000,
  SingleSignOn1796700000000,
  ScimProvisioning1796710000000,
  PeopleImports1796720000000,
  FrameworkImports1796730000000,
  Meetings1796800000000,
  TalentReviews1796820000000,
  RaterCalibration1796830000000,
  BackupRuns1796840000000,
  DataSubjectRequests1796850000000,
  PeopleAdministration1796870000000,
  ErasableAuditChanges1796880000000,
];
