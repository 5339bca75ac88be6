import { Module } from '@nestjs/common';
import { FrameworkController } from './framework.controller';
import { FrameworkRepository } from './framework.repository';
import { FrameworkImportService } from './framework-import.service';
import { FrameworkService } from './framework.service';

@Module({
  controllers: [FrameworkController],
  providers: [FrameworkRepository, FrameworkService, FrameworkImportService],
  exports: [FrameworkRepository, FrameworkService],
})
export class FrameworkModule {}
