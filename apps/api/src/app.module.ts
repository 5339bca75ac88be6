import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@leadpath/access';
import { AssessmentsModule } from '@leadpath/assessments';
import { AssignmentsModule } from '@leadpath/assignments';
import { AuditModule } from '@leadpath/audit';
import { AuthModule } from '@leadpath/auth';
import { BackupsModule } from '@leadpath/backups';
import { DemoModule } from '@leadpath/demo';
import { FeedbackModule } from '@leadpath/feedback';
import { FrameworkModule } from '@leadpath/framework';
import { GoalsModule } from '@leadpath/goals';
import { ImportsModule } from '@leadpath/imports';
import { InboxModule } from '@leadpath/inbox';
import { OrgArchiveModule } from '@leadpath/org-archive';
import { PrivacyModule } from '@leadpath/privacy';
import { JobsModule } from '@leadpath/jobs';
import { LedVoiceModule } from '@leadpath/led-voice';
import { MailModule } from '@leadpath/mail';
import { MeetingsModule } from '@leadpath/meetings';
import { MenteesModule } from '@leadpath/mentees';
import { MilestonesModule } from '@leadpath/milestones';
import { NotificationsModule } from '@leadpath/notifications';
import { OrganizationsModule } from '@leadpath/organizations';
import { PlatformModule, type Runtime } from '@leadpath/platform';
import { ReadinessModule, ReadModelModule } from '@leadpath/readiness';
import { ReportsModule } from '@leadpath/reports';
import { ScimModule } from '@leadpath/scim';
import { TalentReviewsModule } from '@leadpath/talent-reviews';
import { SsoModule } from '@leadpath/sso';
import { UsersModule } from '@leadpath/users';
import { WebhooksModule } from '@leadpath/webhooks';

/** The whole API: the platform plus every feature module. */
@Module({})
export class AppModule {
  /** `runWorkers` overrides JOBS_IN_PROCESS: the worker process sets it, the API leaves it to the configuration. */
  static register(runtime: Runtime, options: { runWorkers?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(runtime),
        JobsModule.forRoot({ runWorkers: options.runWorkers }),
        MailModule,
        NotificationsModule,
        WebhooksModule,
        AuditModule,
        ReadModelModule,
        AccessModule,
        UsersModule,
        AuthModule,
        OrganizationsModule,
        MenteesModule,
        FrameworkModule,
        MilestonesModule,
        GoalsModule,
        FeedbackModule,
        AssessmentsModule,
        AssignmentsModule,
        LedVoiceModule,
        MeetingsModule,
        ReadinessModule,
        ReportsModule,
        ImportsModule,
        InboxModule,
        OrgArchiveModule,
        ScimModule,
        TalentReviewsModule,
        SsoModule,
        BackupsModule,
        PrivacyModule,
        DemoModule,
      ],
    };
  }
}
