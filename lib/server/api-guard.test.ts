import { describe, expect, it } from 'vitest';
import { refuseBeforeRouting } from './api-guard';
import { clientErrorAnswer } from './raw-answers';

describe('refusals answered before Next routes a request', () => {
  it('answers a path with a malformed percent-escape with a 400 problem', async () => {
    const answer = refuseBeforeRouting('/api/v1/sources/%FF%FE%FD');
    expect(answer?.status).toBe(400);
    expect(answer?.headers.get('content-type')).toBe('application/problem+json');
    expect(await answer?.json()).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('leaves well-formed paths to Next (a method a path does not serve is its route’s 405)', () => {
    expect(refuseBeforeRouting('/api/v1/agents/status?issuer=a&client_id=b')).toBeNull();
    expect(refuseBeforeRouting('/api/v1/sources/')).toBeNull();
    expect(refuseBeforeRouting('/api/v1/tokens/x/revoke')).toBeNull();
    expect(refuseBeforeRouting('/api/auth/callback/password')).toBeNull();
    expect(refuseBeforeRouting('/agents/%FF')).toBeNull();
  });

  it('answers requests Node cannot parse with a problem document, and nothing to a closed one', () => {
    const overflow = Object.assign(new Error('overflow'), { code: 'HPE_HEADER_OVERFLOW' });
    const answer = clientErrorAnswer(overflow)!;
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toMatchObject({ status: 431 });
    const body = answer.split('\r\n\r\n')[1]!;
    expect(answer).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(
      clientErrorAnswer(Object.assign(new Error('x'), { code: 'HPE_INVALID_METHOD' })),
    ).toMatch(/^HTTP\/1\.1 400 /);
    expect(clientErrorAnswer(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeNull();
  });
});
