/** The SCIM error's `scimType` values Leadpath answers with (RFC 7644 §3.12). */
export type ScimType =
  | 'invalidSyntax'
  | 'invalidValue'
  | 'invalidFilter'
  | 'invalidPath'
  | 'noTarget'
  | 'uniqueness'
  | 'mutability'
  | 'tooMany';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** An error a SCIM client is told about in the SCIM error schema, with its HTTP status. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  static invalidValue(detail: string): ScimError {
    return new ScimError(400, 'invalidValue', detail);
  }

  static invalidSyntax(detail: string): ScimError {
    return new ScimError(400, 'invalidSyntax', detail);
  }

  static invalidFilter(detail: string): ScimError {
    return new ScimError(400, 'invalidFilter', detail);
  }

  static invalidPath(detail: string): ScimError {
    return new ScimError(400, 'invalidPath', detail);
  }

  static uniqueness(detail: string): ScimError {
    return new ScimError(409, 'uniqueness', detail);
  }

  static notFound(what: string, id: string): ScimError {
    return new ScimError(404, undefined, `${what} ${id} not found`);
  }

  static unauthorized(): ScimError {
    return new ScimError(401, undefined, 'A valid SCIM bearer token is required');
  }
}

/** The body of a SCIM error answer. */
export function scimErrorBody(status: number, scimType: ScimType | undefined, detail: string) {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail: detail.length > 1000 ? `${detail.slice(0, 999)}…` : detail,
  };
}
