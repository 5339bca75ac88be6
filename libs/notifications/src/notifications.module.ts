import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '@leadpath/mail';
import { DigestsService } from './digests.service';
import { NotificationPreferencesEntity } from './entities/notification-preferences.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [MailModule, TypeOrmModule.forFeature([NotificationPreferencesEntity])],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, DigestsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
