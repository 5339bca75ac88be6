/**
 * `@leadpath/platform`: the module and configuration. What features use is in its named entries:
 * `@leadpath/platform/database`, `/http`, `/time` and `/domain`.
 */
export * from './config/config';
export * from './health/lifecycle.service';
export * from './platform.module';
export * from './logging/logging.module';
