import { Module } from '@nestjs/common';
import { ErasureRepository } from './erasure.repository';
import { ErasureService } from './erasure.service';
import { ExportRepository } from './export.repository';
import { ExportService } from './export.service';
import { PrivacyController } from './privacy.controller';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

@Module({
  controllers: [PrivacyController],
  providers: [
    ErasureRepository,
    ErasureService,
    ExportRepository,
    ExportService,
    RetentionRepository,
    RetentionService,
  ],
  exports: [ErasureService],
})
export class PrivacyModule {}
