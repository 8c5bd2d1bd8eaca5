/**
 * The one error type of the hub and the one table of what each refusal means over HTTP: the API's
 * problem documents (RFC 9457) and the server actions' results both read it, so a refusal answers
 * the same wherever it is met.
 */

/** Problem `type` URIs are tag URIs (RFC 4151): stable names, never fetched (RFC 9457 §3.1.1). */
const TYPE_PREFIX = 'tag:agent-identity-hub,2026:problem/';

export const errorCodes = {
  bad_request: { status: 400, title: 'Bad Request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not Found' },
  method_not_allowed: { status: 405, title: 'Method Not Allowed' },
  request_timeout: { status: 408, title: 'Request Timeout' },
  conflict: { status: 409, title: 'Conflict' },
  too_large: { status: 413, title: 'Content Too Large' },
  unsupported_media_type: { status: 415, title: 'Unsupported Media Type' },
  invalid: { status: 422, title: 'Unprocessable Content' },
  rate_limited: { status: 429, title: 'Too Many Requests' },
  headers_too_large: { status: 431, title: 'Request Header Fields Too Large' },
  internal: { status: 500, title: 'Internal Server Error' },
  unavailable: { status: 503, title: 'Service Unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** One per invalid field or parameter: a JSON pointer into the input, and what is wrong there. */
export type FieldError = { path: string; message: string };

export function problemType(code: ErrorCode): string {
  return `${TYPE_PREFIX}${code}`;
}

/** The code of an HTTP status, for answers written by status; undefined for one not in the table. */
export function codeOfStatus(status: number): ErrorCode | undefined {
  return (Object.keys(errorCodes) as ErrorCode[]).find((c) => errorCodes[c].status === status);
}

/**
 * A refusal the person or client asked for: shown as it is, never logged as a fault. `code` says
 * what kind (and so the HTTP status); `errors` name the fields of an `invalid` one; `extra` are
 * further members of its problem document.
 */
export class ExpectedError extends Error {
  readonly errors?: FieldError[];
  readonly extra: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ExpectedError';
    this.errors = options.errors;
    this.extra = options.extra ?? {};
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

export function isExpected(err: unknown, code?: ErrorCode): err is ExpectedError {
  return err instanceof ExpectedError && (code === undefined || err.code === code);
}

/** The issues of a failed zod parse as field errors (a structural type: no zod needed here). */
export function fieldErrorsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldError[] {
  return issues.map((i) => ({ path: `/${i.path.map(String).join('/')}`, message: i.message }));
}
