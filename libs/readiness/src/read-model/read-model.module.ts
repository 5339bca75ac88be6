import { Global, Module } from '@nestjs/common';
import { ReadinessHistory, ReadinessInputs } from '@leadpath/platform/database';
import { ReadModelRepository } from './read-model.repository';
import { ReadModelService } from './read-model.service';
import { ReadinessHistoryService } from './readiness-history.service';

/** Global so every feature that writes a readiness input can inject ReadinessInputs, and one that lists mentees ReadinessHistory. */
@Global()
@Module({
  providers: [
    ReadModelRepository,
    ReadModelService,
    { provide: ReadinessInputs, useExisting: ReadModelService },
    { provide: ReadinessHistory, useClass: ReadinessHistoryService },
  ],
  exports: [ReadModelRepository, ReadModelService, ReadinessInputs, ReadinessHistory],
})
export class ReadModelModule {}
