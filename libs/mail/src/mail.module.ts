import { Module } from '@nestjs/common';
import { MailController } from './mail.controller';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';

@Module({
  controllers: [MailController],
  providers: [MailRepository, MailService, MailTransport],
  exports: [MailService, MailTransport],
})
export class MailModule {}
