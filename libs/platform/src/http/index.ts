/** `@leadpath/platform/http`: the HTTP app, validation, pagination, OpenAPI, rate limits, errors. */
export * from '../errors/http-exception.filter';
export * from './create-app';
export * from './web-app';
export * from './pagination';
export * from './public.decorator';
export * from './uuid-param.pipe';
export * from './validation';
export * from './validators';
export * from './dates';
export * from './openapi-file';
export * from './openapi';
export * from './openapi-limits';
export * from './rate-limit';
export * from './rate-limits.service';
export { CSV_BODY_LIMIT_BYTES } from './json-body';
