import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '@leadpath/mail';
import { CredentialsRepository } from './credentials.repository';
import { CredentialsService } from './credentials.service';
import { AuthTokenEntity } from './entities/auth-token.entity';

@Module({
  imports: [MailModule, TypeOrmModule.forFeature([AuthTokenEntity])],
  providers: [CredentialsRepository, CredentialsService],
  exports: [CredentialsService],
})
export class CredentialsModule {}
