import { Module } from '@nestjs/common';
import { UsersModule } from '@leadpath/users';
import { OrgArchiveController } from './org-archive.controller';
import { OrgArchiveRepository } from './org-archive.repository';
import { OrgArchiveService } from './org-archive.service';

@Module({
  imports: [UsersModule],
  controllers: [OrgArchiveController],
  providers: [OrgArchiveRepository, OrgArchiveService],
  exports: [OrgArchiveService],
})
export class OrgArchiveModule {}
