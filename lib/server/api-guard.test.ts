import { describe, expect, it } from 'vitest';
import { refuseBeforeRouting } from './api-guard';
import { clientErrorAnswer } from './raw-answers';

describe('refusals answered before Next routes a request', () => {
  it('answers a path with a malformed percent-escape with a 400 problem', async () => {
    const answer = refuseBeforeRouting('GET', '/api/v1/sources/%FF%FE%FD');
    expect(answer?.status).toBe(400);
    expect(answer?.headers.get('content-type')).toBe('application/problem+json');
    expect(await answer?.json()).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('answers a method the path does not serve with a 405 problem naming the allowed ones', async () => {
    const put = refuseBeforeRouting('PUT', '/api/v1/tokens/8d0a2c3e-0000-4000-8000-000000000000');
    expect(put?.status).toBe(405);
    expect(put?.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await put?.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    const get = refuseBeforeRouting('GET', '/api/v1/subjects/revoke?x=1');
    expect(get?.headers.get('allow')).toBe('POST, OPTIONS');
    // /agents/status and /agents/{agentId} both match; GET is served
    expect(refuseBeforeRouting('DELETE', '/api/v1/agents/status')?.status).toBe(405);
  });

  it('leaves served methods, unknown paths and pages to Next', () => {
    expect(refuseBeforeRouting('GET', '/api/v1/agents/status?issuer=a&client_id=b')).toBeNull();
    expect(refuseBeforeRouting('POST', '/api/v1/sources/')).toBeNull();
    expect(refuseBeforeRouting('HEAD', '/api/v1/agents')).toBeNull();
    expect(refuseBeforeRouting('OPTIONS', '/api/v1/tokens/x/revoke')).toBeNull();
    expect(refuseBeforeRouting('POST', '/api/auth/callback/password')).toBeNull();
    expect(refuseBeforeRouting('DELETE', '/agents/%FF')).toBeNull();
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
