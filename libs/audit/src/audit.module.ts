import { Global, Module } from '@nestjs/common';
import { DENIAL_RECORDER } from '@leadpath/access';
import { AuditQueryService } from './audit-query.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditRepository,
    AuditService,
    AuditQueryService,
    { provide: DENIAL_RECORDER, useExisting: AuditService },
  ],
  exports: [AuditService, DENIAL_RECORDER],
})
export class AuditModule {}
