import { Module } from '@nestjs/common';
import { FrameworkController } from './framework.controller';
import { FrameworkRepository } from './framework.repository';
import { FrameworkService } from './framework.service';

@Module({
  controllers: [FrameworkController],
  providers: [FrameworkRepository, FrameworkService],
  exports: [FrameworkRepository, FrameworkService],
})
export class FrameworkModule {}
