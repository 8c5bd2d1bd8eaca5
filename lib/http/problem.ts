import { codeOfStatus, errorCodes, problemType, type ExpectedError } from '@/lib/errors';

/** RFC 9457 problem documents, the one error shape of every API answer. */
export type Problem = {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
};

/** A problem document; its `type` is the code of `status` in lib/errors.ts (about:blank if none). */
export function problem(
  status: number,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  const code = codeOfStatus(status);
  const body: Problem = {
    type: code ? problemType(code) : 'about:blank',
    title,
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

/** The answer to a refusal: its code's status and title, its message, and the fields it names. */
export function problemOf(err: ExpectedError): Response {
  const { status, title } = errorCodes[err.code];
  return problem(status, title, err.message, {
    ...(err.errors ? { errors: err.errors } : {}),
    ...err.extra,
  });
}

export const unauthorized = (detail = 'Valid credentials are required.') =>
  problem(401, 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer' });
export const forbidden = (detail = 'Your role may not do this.') =>
  problem(403, 'Forbidden', detail);
