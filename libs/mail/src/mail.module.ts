import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailDeliveryEntity } from './entities/mail-delivery.entity';
import { MailController } from './mail.controller';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';

@Module({
  imports: [TypeOrmModule.forFeature([MailDeliveryEntity])],
  controllers: [MailController],
  providers: [MailRepository, MailService, MailTransport],
  exports: [MailService, MailTransport],
})
export class MailModule {}
