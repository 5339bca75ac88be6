import { Module } from '@nestjs/common';
import { FrameworkModule } from '@leadpath/framework';
import { MailModule } from '@leadpath/mail';
import { AssignmentsController, RespondController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { FeedbackLinks } from './feedback-links';
import { FeedbackMailRepository } from './feedback-mail.repository';
import { FeedbackMail } from './feedback-mail.service';

@Module({
  imports: [FrameworkModule, MailModule],
  controllers: [AssignmentsController, RespondController],
  providers: [AssignmentsRepository, AssignmentsService, FeedbackLinks, FeedbackMailRepository, FeedbackMail],
  exports: [AssignmentsRepository],
})
export class AssignmentsModule {}
