/** Every error the application raises on purpose carries one of these codes. */
export enum ErrorCode {
  Validation = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Gone = 'gone',
  PreconditionFailed = 'precondition_failed',
  PreconditionRequired = 'precondition_required',
  Unprocessable = 'unprocessable',
  TooManyRequests = 'too_many_requests',
  PayloadTooLarge = 'payload_too_large',
  Unavailable = 'service_unavailable',
  /** A statement ran past its time limit: the database is there, the request was too expensive. */
  QueryTimeout = 'query_timeout',
  /** Sign-in: the password is right for accounts in several organizations; send `organizationId`. */
  ChooseOrganization = 'choose_organization',
  /** Sign-in: the organization signs in through its identity provider, not with a password. */
  SsoRequired = 'sso_required',
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Gone]: 410,
  [ErrorCode.PreconditionFailed]: 412,
  [ErrorCode.PreconditionRequired]: 428,
  [ErrorCode.Unprocessable]: 422,
  [ErrorCode.TooManyRequests]: 429,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.QueryTimeout]: 503,
  [ErrorCode.ChooseOrganization]: 409,
  [ErrorCode.SsoRequired]: 403,
};

export interface FieldError {
  field: string;
  messages: string[];
}

/** An organization as the sign-in's choice lists it. */
export interface OrganizationChoice {
  id: string;
  name: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
    /** With `choose_organization`: the organizations to choose from. */
    readonly organizations?: OrganizationChoice[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what = 'Resource'): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} not found`);
  }

  static forbidden(message = 'You may not do this'): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }

  static invalid(field: string, message: string): DomainError {
    return new DomainError(ErrorCode.Validation, `${field}: ${message}`, [{ field, messages: [message] }]);
  }

  static conflict(message: string): DomainError {
    return new DomainError(ErrorCode.Conflict, message);
  }

  /** Sign-in must name one of `organizations` (only ever those where the password is right). */
  static chooseOrganization(organizations: OrganizationChoice[]): DomainError {
    return new DomainError(
      ErrorCode.ChooseOrganization,
      'This address has accounts in several organizations; sign in again with the organizationId of one',
      undefined,
      undefined,
      organizations,
    );
  }

  static gone(message: string): DomainError {
    return new DomainError(ErrorCode.Gone, message);
  }
}
