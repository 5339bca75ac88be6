/** Raised on window when any call answers 401; the shell then says "you were signed out". */
export const UNAUTHORIZED_EVENT = 'leadpath:unauthorized';

/** The API's one error shape (see docs/architecture.md): every failed call is turned into an ApiError. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: { field: string; messages: string[] }[];
  /** With `choose_organization` from sign-in: where the password given is right. */
  organizations?: { id: string; name: string }[];
  requestId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<ErrorBody>,
  ) {
    super(body.message ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
  }

  /** Field errors keyed by the field path the server named (e.g. `ratings.0.rating`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.body.fields ?? []) out[f.field] = f.messages.join(' ');
    return out;
  }
}

/** A network failure (the server is unreachable) is told apart from an answer. */
export class NetworkError extends Error {
  constructor() {
    super('The server cannot be reached. Check your connection and try again.');
    this.name = 'NetworkError';
  }
}

export const isStatus = (error: unknown, status: number): boolean =>
  error instanceof ApiError && error.status === status;

/** What to tell a person about an error, in words. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 503) return 'The database is unavailable right now. Your data is safe; try again in a moment.';
    if (error.status === 404) return 'This was not found, or you may not see it.';
    if (error.status === 403) return 'You are not allowed to do this.';
    if (error.status === 429) return 'Too many attempts. Wait a little and try again.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
