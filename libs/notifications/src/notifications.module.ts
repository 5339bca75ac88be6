import { Module } from '@nestjs/common';
import { MailModule } from '@leadpath/mail';
import { DigestsService } from './digests.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [MailModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, DigestsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
