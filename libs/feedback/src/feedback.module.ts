import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@leadpath/notifications';
import { FrameworkModule } from '@leadpath/framework';
import { FeedbackRatingEntity } from './entities/feedback-rating.entity';
import { FeedbackRevisionEntity } from './entities/feedback-revision.entity';
import { FeedbackEntity } from './entities/feedback.entity';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([FeedbackEntity, FeedbackRatingEntity, FeedbackRevisionEntity]),
    NotificationsModule,
    FrameworkModule,
  ],
  controllers: [FeedbackController],
  providers: [FeedbackRepository, FeedbackService],
  exports: [FeedbackRepository],
})
export class FeedbackModule {}
