import { Module } from '@nestjs/common';
import { NotificationsModule } from '@leadpath/notifications';
import { FrameworkModule } from '@leadpath/framework';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';

@Module({
  imports: [NotificationsModule, FrameworkModule],
  controllers: [FeedbackController],
  providers: [FeedbackRepository, FeedbackService],
  exports: [FeedbackRepository, FeedbackService],
})
export class FeedbackModule {}
