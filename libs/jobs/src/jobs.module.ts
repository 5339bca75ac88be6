import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { JOBS_RUN_WORKERS, JobsService } from './jobs.service';

/** The job queue; `runWorkers` overrides `JOBS_IN_PROCESS` (the worker process always runs them). */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: { runWorkers?: boolean } = {}): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [
        {
          provide: JOBS_RUN_WORKERS,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => options.runWorkers ?? config.jobs.inProcess,
        },
        JobsService,
      ],
      exports: [JobsService],
    };
  }
}
