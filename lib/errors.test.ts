import { describe, expect, it } from 'vitest';
import { problemOf } from '@/lib/http/problem';
import { codeOfStatus, errorCodes, ExpectedError, problemType, type ErrorCode } from './errors';

const codes = Object.keys(errorCodes) as ErrorCode[];

describe('the error codes', () => {
  it('map the refusals to their HTTP statuses', () => {
    expect({
      not_found: errorCodes.not_found.status,
      conflict: errorCodes.conflict.status,
      invalid: errorCodes.invalid.status,
      forbidden: errorCodes.forbidden.status,
      unauthorized: errorCodes.unauthorized.status,
      too_large: errorCodes.too_large.status,
      rate_limited: errorCodes.rate_limited.status,
    }).toEqual({
      not_found: 404,
      conflict: 409,
      invalid: 422,
      forbidden: 403,
      unauthorized: 401,
      too_large: 413,
      rate_limited: 429,
    });
  });

  it('give each status one code and each code its own absolute type URI', () => {
    const statuses = codes.map((c) => errorCodes[c].status);
    expect(new Set(statuses).size).toBe(codes.length);
    for (const code of codes) {
      expect(codeOfStatus(errorCodes[code].status)).toBe(code);
      expect(problemType(code)).toMatch(/^tag:agent-identity-hub,2026:problem\/[a-z_]+$/);
    }
    expect(new Set(codes.map(problemType)).size).toBe(codes.length);
    expect(codeOfStatus(418)).toBeUndefined();
  });

  it('answer a refusal as a problem document of its code, with the fields it names', async () => {
    const res = problemOf(
      new ExpectedError('invalid', 'Not scopes of this consent: x', {
        errors: [{ path: '/scopes', message: 'unknown scope x' }],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'tag:agent-identity-hub,2026:problem/invalid',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'Not scopes of this consent: x',
      errors: [{ path: '/scopes', message: 'unknown scope x' }],
    });
  });
});
