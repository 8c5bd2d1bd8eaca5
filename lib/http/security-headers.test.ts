import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { config, proxy } from '@/proxy';
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from './security-headers';

afterEach(() => {
  vi.unstubAllEnvs();
});

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split('; ').map((d) => {
      const [name, ...values] = d.split(' ');
      return [name!, values.join(' ')];
    }),
  );

describe('the console pages’ Content-Security-Policy', () => {
  it('runs only scripts with the nonce, and keeps the other directives strict', () => {
    const policy = directives(contentSecurityPolicy('abc123=='));
    expect(policy).toEqual({
      'default-src': "'self'",
      'script-src': "'self' 'nonce-abc123==' 'strict-dynamic'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: https:",
      'font-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
  });

  it('lets a sign-in form be redirected to the identity provider, and eval only in development', () => {
    const policy = directives(
      contentSecurityPolicy('n', {
        oidcIssuer: 'https://idp.example.com/realms/hub',
        development: true,
      }),
    );
    expect(policy['form-action']).toBe("'self' https://idp.example.com");
    expect(policy['script-src']).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy('n', { oidcIssuer: 'not a url' }))['form-action']).toBe(
      "'self'",
    );
  });

  it('uses a new unguessable nonce for every page', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('proxy.ts', () => {
  it('gives the page and Next the same nonce, a new one per request', () => {
    const first = proxy(new NextRequest('http://hub.test/agents'));
    const second = proxy(new NextRequest('http://hub.test/agents'));
    const policy = first.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(second.headers.get('content-security-policy')).not.toBe(policy);
    // NextResponse.next() hands the rewritten request headers on as x-middleware-request-*
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
  });

  it('adds HSTS when HUB_URL is https, and never when it is http', () => {
    vi.stubEnv('HUB_URL', 'https://hub.example.com');
    expect(
      proxy(new NextRequest('http://hub.test/')).headers.get('strict-transport-security'),
    ).toBe('max-age=31536000; includeSubDomains');
    vi.stubEnv('HUB_URL', 'http://localhost:3000');
    expect(
      proxy(new NextRequest('http://hub.test/')).headers.get('strict-transport-security'),
    ).toBe(null);
    expect(strictTransportSecurity(undefined)).toBeNull();
  });

  it('runs for pages, not for the API or static files', () => {
    const source = new RegExp(`^${config.matcher[0]!.source}$`);
    for (const path of ['/', '/agents/1', '/login', '/audit/integrity'])
      expect(source.test(path), path).toBe(true);
    for (const path of [
      '/api/v1/agents',
      '/api/health',
      '/_next/static/chunks/a.js',
      '/favicon.ico',
    ])
      expect(source.test(path), path).toBe(false);
  });
});
