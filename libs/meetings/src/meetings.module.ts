import { Module } from '@nestjs/common';
import { FeedbackModule } from '@leadpath/feedback';
import { MilestonesModule } from '@leadpath/milestones';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [FeedbackModule, MilestonesModule],
  controllers: [MeetingsController],
  providers: [MeetingsRepository, MeetingsService],
  exports: [MeetingsRepository, MeetingsService],
})
export class MeetingsModule {}
