import { Module } from '@nestjs/common';
import { CredentialsModule } from '@leadpath/credentials';
import { MenteesModule } from '@leadpath/mentees';
import { UsersModule } from '@leadpath/users';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({
  imports: [CredentialsModule, UsersModule, MenteesModule],
  controllers: [ImportsController],
  providers: [ImportsRepository, ImportsService],
})
export class ImportsModule {}
