import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@leadpath/assessments';
import { AssignmentsModule } from '@leadpath/assignments';
import { FeedbackModule } from '@leadpath/feedback';
import { FrameworkModule } from '@leadpath/framework';
import { GoalsModule } from '@leadpath/goals';
import { LedVoiceModule } from '@leadpath/led-voice';
import { MenteesModule } from '@leadpath/mentees';
import { MilestonesModule } from '@leadpath/milestones';
import { OrganizationsModule } from '@leadpath/organizations';
import { UsersModule } from '@leadpath/users';
import { DemoSeeder } from './demo.seeder';

@Module({
  imports: [
    OrganizationsModule,
    UsersModule,
    MenteesModule,
    FrameworkModule,
    MilestonesModule,
    GoalsModule,
    FeedbackModule,
    AssessmentsModule,
    AssignmentsModule,
    LedVoiceModule,
  ],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
