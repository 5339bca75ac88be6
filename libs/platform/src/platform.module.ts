import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Clock } from './clock';
import { APP_CONFIG, type AppConfig } from './config/config';
import { Database } from './database/database.service';
import { IdempotencyService } from './database/idempotency.service';
import { POOL_CONFIG, poolConfig } from './database/pool';
import { RequestTransactionInterceptor } from './database/request-transaction.interceptor';
import { HealthModule } from './health/health.module';
import { RateLimits, UserRateLimitInterceptor } from './http/rate-limits.service';
import { loggingModule } from './logging/logging.module';

export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  /** The signing key, resolved at boot (configured or kept in the data folder). */
  jwtSecret: string;
}

export const RUNTIME = Symbol('RUNTIME');

/** Config, database, logging and health: what every feature module stands on. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: PlatformModule,
      imports: [loggingModule(runtime.config), HealthModule],
      providers: [
        // Not exported: only Database opens a pool. There is no TypeORM connection at runtime (the
        // entities serve the migrations), so no repository or data source can be injected around
        // the unit of work.
        {
          provide: POOL_CONFIG,
          useValue: poolConfig({
            url: runtime.databaseUrl,
            poolSize: runtime.config.dbPoolSize,
            statementTimeoutMs: runtime.config.dbStatementTimeoutMs,
          }),
        },
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: RUNTIME, useValue: runtime },
        Database,
        Clock,
        IdempotencyService,
        RateLimits,
        // Before the unit of work: a refused request costs no connection.
        { provide: APP_INTERCEPTOR, useClass: UserRateLimitInterceptor },
        { provide: APP_INTERCEPTOR, useClass: RequestTransactionInterceptor },
      ],
      exports: [APP_CONFIG, RUNTIME, Database, Clock, IdempotencyService, RateLimits],
    };
  }
}
