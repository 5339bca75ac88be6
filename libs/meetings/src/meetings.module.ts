import { Module } from '@nestjs/common';
import { FeedbackModule } from '@leadpath/feedback';
import { MailModule } from '@leadpath/mail';
import { MilestonesModule } from '@leadpath/milestones';
import { MeetingCalendar } from './meeting-calendar';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [FeedbackModule, MilestonesModule, MailModule],
  controllers: [MeetingsController],
  providers: [MeetingsRepository, MeetingsService, MeetingCalendar],
  exports: [MeetingsRepository, MeetingsService],
})
export class MeetingsModule {}
