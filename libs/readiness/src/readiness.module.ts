import { Module } from '@nestjs/common';
import { ReadinessController } from './readiness.controller';
import { ReadinessRepository } from './readiness.repository';
import { ReadinessService } from './readiness.service';

@Module({
  controllers: [ReadinessController],
  providers: [ReadinessRepository, ReadinessService],
  exports: [ReadinessRepository],
})
export class ReadinessModule {}
