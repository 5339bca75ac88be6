import { Global, Module } from '@nestjs/common';
import { ReadinessInputs } from '@leadpath/platform';
import { ReadModelRepository } from './read-model.repository';
import { ReadModelService } from './read-model.service';

/** Global so every feature that writes a readiness input can inject ReadinessInputs. */
@Global()
@Module({
  providers: [ReadModelRepository, ReadModelService, { provide: ReadinessInputs, useExisting: ReadModelService }],
  exports: [ReadModelRepository, ReadModelService, ReadinessInputs],
})
export class ReadModelModule {}
