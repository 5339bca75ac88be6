import { Module } from '@nestjs/common';
import { FeedbackLinks } from '@leadpath/led-voice';
import { MailModule } from '@leadpath/mail';
import { NotificationsModule } from '@leadpath/notifications';
import { InboxController } from './inbox.controller';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { WeeklyDigest } from './weekly-digest.service';

@Module({
  imports: [MailModule, NotificationsModule],
  controllers: [InboxController],
  providers: [InboxRepository, InboxService, FeedbackLinks, WeeklyDigest],
  exports: [InboxService],
})
export class InboxModule {}
