import type { Role } from './actor';

/**
 * How a caller stands to an object. `hr` is any HR admin of the object's organization;
 * `manager` the mentee's line manager; `mentor` their mentor; `self` the mentee themselves;
 * `author` whoever wrote the object (feedback), while they are still the mentee's line manager
 * or mentor: rights last as long as the relation.
 */
export type Relation = 'hr' | 'manager' | 'mentor' | 'self' | 'author';

/** The role a relation needs: a demoted manager loses the relation with the role. */
export const RELATION_ROLE: Record<Exclude<Relation, 'author'>, Role> = {
  hr: 'hr_admin',
  manager: 'manager',
  mentor: 'manager',
  self: 'mentee',
};

/** What kind of object a permission is checked against; `none` is a function-level permission. */
export type ObjectKind = 'none' | 'user' | 'mentee' | 'goal' | 'feedback' | 'assignment' | 'meeting';

export enum Permission {
  UserCreate = 'user:create',
  UserList = 'user:list',
  UserRead = 'user:read',
  UserUpdate = 'user:update',
  MenteeCreate = 'mentee:create',
  MenteeList = 'mentee:list',
  MenteeRead = 'mentee:read',
  MenteeUpdate = 'mentee:update',
  AuditRead = 'audit:read',
  ProfileRead = 'profile:read',
  FrameworkRead = 'framework:read',
  FrameworkManage = 'framework:manage',
  MilestoneRead = 'milestone:read',
  MilestoneRecord = 'milestone:record',
  MilestoneVerify = 'milestone:verify',
  MilestoneRevoke = 'milestone:revoke',
  GoalCreate = 'goal:create',
  GoalList = 'goal:list',
  GoalRead = 'goal:read',
  GoalUpdate = 'goal:update',
  GoalConfirm = 'goal:confirm',
  FeedbackCreate = 'feedback:create',
  FeedbackList = 'feedback:list',
  FeedbackRead = 'feedback:read',
  FeedbackUpdate = 'feedback:update',
  FeedbackAcknowledge = 'feedback:acknowledge',
  FeedbackRevisions = 'feedback:revisions',
  AssessmentCreate = 'assessment:create',
  AssessmentRead = 'assessment:read',
  ReadinessRead = 'readiness:read',
  ReportExport = 'report:export',
  ReportSummary = 'report:summary',
  ReportPdf = 'report:pdf',
  ReportRaterSeverity = 'report:rater_severity',
  AssignmentCreate = 'assignment:create',
  AssignmentList = 'assignment:list',
  AssignmentRead = 'assignment:read',
  AssignmentUpdate = 'assignment:update',
  AssignmentRequestFeedback = 'assignment:request_feedback',
  AssignmentResults = 'assignment:results',
  AssignmentRespondents = 'assignment:respondents',
  AssignmentApproveRespondents = 'assignment:approve_respondents',
  FeedbackRequestsOwn = 'feedback_request:own',
  MailDeliveryList = 'mail-delivery:list',
  NotificationsOwn = 'notifications:own',
  WebhookManage = 'webhook:manage',
  PeopleImport = 'import:people',
  ScimManage = 'scim:manage',
  SsoManage = 'sso:manage',
  InboxOwn = 'inbox:own',
  OrganizationExport = 'organization:export',
  TalentReviewManage = 'talent_review:manage',
  TalentReviewRead = 'talent_review:read',
  TalentNominate = 'talent_review:nominate',
  TalentNominationRequest = 'talent_review:request_nomination',
  TalentPreRate = 'talent_review:pre_rate',
  HealthDetails = 'health:details',
  SubjectExportOwn = 'subject:export_own',
  SubjectExport = 'subject:export',
  SubjectErase = 'subject:erase',
  RetentionManage = 'retention:manage',
  MeetingSchedule = 'meeting:schedule',
  MeetingList = 'meeting:list',
  MeetingMenteeList = 'meeting:mentee_list',
  MeetingRead = 'meeting:read',
  MeetingUpdate = 'meeting:update',
  MeetingAgenda = 'meeting:agenda',
  MeetingOutcome = 'meeting:outcome',
}

export interface Rule {
  object: ObjectKind;
  /** Relations that may exercise the permission (visibility is any relation at all). */
  allow: Relation[];
  /**
   * A sign-off: refused (403) to the mentee the object belongs to, whatever other roles they
   * hold, so nobody signs off their own work.
   */
  notSelf?: true;
  /**
   * A function about the caller themselves, open to every signed-in member of the organization,
   * roles or none: an account provisioned at its first single sign-on holds no role until HR
   * gives it one, and must still learn who it is.
   */
  anyMember?: true;
}

/** The one access policy. Every route names one of these; every service checks it. */
export const POLICY: Record<Permission, Rule> = {
  [Permission.UserCreate]: { object: 'none', allow: ['hr'] },
  [Permission.UserList]: { object: 'none', allow: ['hr'] },
  [Permission.UserRead]: { object: 'user', allow: ['hr'] },
  [Permission.UserUpdate]: { object: 'user', allow: ['hr'] },
  [Permission.MenteeCreate]: { object: 'none', allow: ['hr'] },
  [Permission.MenteeList]: { object: 'none', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.MenteeRead]: { object: 'mentee', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.MenteeUpdate]: { object: 'mentee', allow: ['hr', 'manager'] },
  [Permission.AuditRead]: { object: 'none', allow: ['hr'] },
  [Permission.ProfileRead]: { object: 'none', allow: ['hr', 'manager', 'mentor', 'self'], anyMember: true },
  [Permission.FrameworkRead]: { object: 'none', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.FrameworkManage]: { object: 'none', allow: ['hr'] },
  [Permission.MilestoneRead]: { object: 'mentee', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.MilestoneRecord]: { object: 'mentee', allow: ['manager', 'self'] },
  [Permission.MilestoneVerify]: { object: 'mentee', allow: ['hr', 'manager'], notSelf: true },
  [Permission.MilestoneRevoke]: { object: 'mentee', allow: ['hr'], notSelf: true },
  [Permission.GoalCreate]: { object: 'mentee', allow: ['hr', 'manager', 'self'] },
  [Permission.GoalList]: { object: 'mentee', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.GoalRead]: { object: 'goal', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.GoalUpdate]: { object: 'goal', allow: ['hr', 'manager', 'self'] },
  [Permission.GoalConfirm]: { object: 'goal', allow: ['hr', 'manager'], notSelf: true },
  [Permission.FeedbackCreate]: { object: 'mentee', allow: ['manager', 'mentor'] },
  [Permission.FeedbackList]: { object: 'mentee', allow: ['hr', 'manager', 'mentor', 'self'] },
  // Feedback objects: a private entry is visible to its author alone (see AccessService).
  [Permission.FeedbackRead]: { object: 'feedback', allow: ['hr', 'manager', 'mentor', 'self', 'author'] },
  [Permission.FeedbackUpdate]: { object: 'feedback', allow: ['author'] },
  [Permission.FeedbackAcknowledge]: { object: 'feedback', allow: ['self'] },
  [Permission.FeedbackRevisions]: { object: 'feedback', allow: ['author'] },
  // Which kind (self or manager) a caller may file is decided by the service from the relation.
  [Permission.AssessmentCreate]: { object: 'mentee', allow: ['manager', 'self'] },
  [Permission.AssessmentRead]: { object: 'mentee', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.ReadinessRead]: { object: 'mentee', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.ReportExport]: { object: 'none', allow: ['hr'] },
  [Permission.ReportSummary]: { object: 'none', allow: ['hr'] },
  // How severe or lenient each rater is, and recomputing it: the organization's ratings as a whole.
  [Permission.ReportRaterSeverity]: { object: 'none', allow: ['hr'] },
  // The person's own report: HR, their line manager, and the mentee; not a mentor.
  [Permission.ReportPdf]: { object: 'mentee', allow: ['hr', 'manager', 'self'] },
  // Stretch assignments are seen like goals; the mentee and the line manager run them, HR reads.
  [Permission.AssignmentCreate]: { object: 'mentee', allow: ['manager', 'self'] },
  [Permission.AssignmentList]: { object: 'mentee', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.AssignmentRead]: { object: 'assignment', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.AssignmentUpdate]: { object: 'assignment', allow: ['manager', 'self'] },
  [Permission.AssignmentRequestFeedback]: { object: 'assignment', allow: ['manager', 'self'] },
  // Results are aggregates above the threshold only, so whoever sees the assignment may read them.
  [Permission.AssignmentResults]: { object: 'assignment', allow: ['hr', 'manager', 'mentor', 'self'] },
  // Who was asked (never who answered): those who ask, and HR and the line manager, who approve.
  [Permission.AssignmentRespondents]: { object: 'assignment', allow: ['hr', 'manager', 'self'] },
  // Outside addresses the mentee asks wait for the line manager or HR; nobody approves their own.
  [Permission.AssignmentApproveRespondents]: { object: 'assignment', allow: ['hr', 'manager'], notSelf: true },
  // Requests addressed to the caller: any signed-in user may be one of the people led.
  [Permission.FeedbackRequestsOwn]: { object: 'none', allow: ['hr', 'manager', 'mentor', 'self'], anyMember: true },
  [Permission.MailDeliveryList]: { object: 'none', allow: ['hr'] },
  // Everyone signed in switches their own nudges and digests.
  [Permission.NotificationsOwn]: { object: 'none', allow: ['hr', 'manager', 'mentor', 'self'], anyMember: true },
  // Everyone signed in reads what waits for them; the inbox has no way to name anyone else.
  [Permission.InboxOwn]: { object: 'none', allow: ['hr', 'manager', 'mentor', 'self'], anyMember: true },
  // Integrations are the organization's: HR registers, rotates and reads their delivery log.
  [Permission.SsoManage]: { object: 'none', allow: ['hr'] },
  [Permission.WebhookManage]: { object: 'none', allow: ['hr'] },
  // Imports create and change accounts in bulk: what HR alone does one person at a time.
  [Permission.PeopleImport]: { object: 'none', allow: ['hr'] },
  // The whole organization in one archive, private notes and audit trail included: HR alone.
  [Permission.OrganizationExport]: { object: 'none', allow: ['hr'] },
  [Permission.ScimManage]: { object: 'none', allow: ['hr'] },
  // Talent reviews: HR opens and closes cycles and decides. Cycles are seen by every member with a
  // role; what a nomination shows depends on how the caller stands to it (HR, the nominee's line
  // manager, a calibrator of the cycle, the nominee), which the service decides per cycle.
  [Permission.TalentReviewManage]: { object: 'none', allow: ['hr'] },
  [Permission.TalentReviewRead]: { object: 'none', allow: ['hr', 'manager', 'self'] },
  // Only the line manager nominates, and answers the mentee's request to be nominated.
  [Permission.TalentNominate]: { object: 'mentee', allow: ['manager'], notSelf: true },
  [Permission.TalentNominationRequest]: { object: 'none', allow: ['self'] },
  // Calibrators are HR admins or managers named by the cycle; never of their own nominees.
  [Permission.TalentPreRate]: { object: 'none', allow: ['hr', 'manager'] },
  // The instance's backups and their verification: HR, who answer for the data they protect.
  [Permission.HealthDetails]: { object: 'none', allow: ['hr'] },
  // Everyone signed in downloads what Leadpath holds about them (GDPR Art. 15 and 20).
  [Permission.SubjectExportOwn]: { object: 'none', allow: ['hr', 'manager', 'mentor', 'self'], anyMember: true },
  // Data-subject requests answered for someone (access, erasure) and the retention rule: HR alone.
  [Permission.SubjectExport]: { object: 'user', allow: ['hr'] },
  [Permission.SubjectErase]: { object: 'user', allow: ['hr'] },
  [Permission.RetentionManage]: { object: 'none', allow: ['hr'] },
  // One-on-ones: the line manager or mentor schedules them with their mentee. On a meeting object
  // `manager` and `mentor` are relations only of the one who holds the series, so the participants
  // are its holder and the mentee; HR sees that meetings happen (dates, cadence), never their content.
  [Permission.MeetingSchedule]: { object: 'mentee', allow: ['manager', 'mentor'] },
  [Permission.MeetingList]: { object: 'none', allow: ['manager', 'mentor', 'self'] },
  [Permission.MeetingMenteeList]: { object: 'mentee', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.MeetingRead]: { object: 'meeting', allow: ['hr', 'manager', 'mentor', 'self'] },
  [Permission.MeetingUpdate]: { object: 'meeting', allow: ['manager', 'mentor'] },
  [Permission.MeetingAgenda]: { object: 'meeting', allow: ['manager', 'mentor', 'self'] },
  [Permission.MeetingOutcome]: { object: 'meeting', allow: ['manager', 'mentor'] },
};

/** Function-level check: could a caller with these roles ever hold the permission? */
export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  if (POLICY[permission].anyMember) return true;
  return POLICY[permission].allow.some((relation) => relation === 'author' || roles.includes(RELATION_ROLE[relation]));
}
