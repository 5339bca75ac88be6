import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode, type FieldError } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      out.push({ field, messages: Object.values(error.constraints) });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/**
 * The path of the first string (or key) holding a NUL character. PostgreSQL cannot store NUL in
 * text, so such input must be refused as input (400) before it reaches SQL (a 500 there).
 */
export function nulField(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = nulField(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Validation with one check every input shares, wherever it arrives: body, query or path. */
class InputPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const field = nulField(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (field !== undefined) throw DomainError.invalid(field, `${field} must not contain NUL characters`);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** Rejects unknown fields and names every bad one; nothing reaches a handler unvalidated. */
export function createValidationPipe(): ValidationPipe {
  return new InputPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const names = fields.map((f) => f.field).join(', ');
      return new DomainError(ErrorCode.Validation, `Invalid input: ${names}`, fields);
    },
  });
}
