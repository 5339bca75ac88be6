import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from './clock';
import { APP_CONFIG, type AppConfig } from './config/config';
import { dataSourceOptions } from './database/data-source-options';
import { Database } from './database/database.service';
import { IdempotencyService } from './database/idempotency.service';
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
      imports: [
        loggingModule(runtime.config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: runtime.databaseUrl,
            poolSize: runtime.config.dbPoolSize,
            statementTimeoutMs: runtime.config.dbStatementTimeoutMs,
          }),
          autoLoadEntities: true,
          // Fail fast at boot instead of retrying for minutes; the caller reports it.
          retryAttempts: 0,
        }),
        HealthModule,
      ],
      providers: [
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
