import { Module } from '@nestjs/common';
import { AssignmentsModule } from '@leadpath/assignments';
import { FrameworkModule } from '@leadpath/framework';
import { MailModule } from '@leadpath/mail';
import { FeedbackLinks } from './feedback-links';
import { FeedbackMailRepository } from './feedback-mail.repository';
import { FeedbackMail } from './feedback-mail.service';
import { LedVoiceController, RespondController } from './led-voice.controller';
import { LedVoiceRepository } from './led-voice.repository';
import { LedVoiceService } from './led-voice.service';

@Module({
  imports: [AssignmentsModule, FrameworkModule, MailModule],
  controllers: [LedVoiceController, RespondController],
  providers: [LedVoiceRepository, LedVoiceService, FeedbackLinks, FeedbackMailRepository, FeedbackMail],
  exports: [LedVoiceRepository],
})
export class LedVoiceModule {}
