import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the pipe accepts, as the OpenAPI document states it. */
export const UUID_SCHEMA = {
  type: 'string',
  format: 'uuid',
  minLength: 36,
  maxLength: 36,
  pattern: UUID.source.replace(/a-f/g, 'a-fA-F'),
} as const;

/** Path ids must be UUIDs; anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw DomainError.invalid(metadata.data ?? 'id', 'must be a UUID');
    }
    return value.toLowerCase();
  }
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
