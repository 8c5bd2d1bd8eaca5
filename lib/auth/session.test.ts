import { describe, expect, it } from 'vitest';
import { clientIp, safeRedirectPath } from './session';

describe('safeRedirectPath', () => {
  it.each([
    ['/agents?x=1', '/agents?x=1'],
    ['/agents/42#consents', '/agents/42#consents'],
    ['/', '/'],
    ['/a/../b', '/b'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'agents',
    '',
    null,
    undefined,
  ])('falls back to / for %j', (input) => {
    expect(safeRedirectPath(input)).toBe('/');
  });

  it('uses the given fallback', () => {
    expect(safeRedirectPath('//evil.example', '/account')).toBe('/account');
    expect(safeRedirectPath(undefined, '/account')).toBe('/account');
  });
});

describe('clientIp', () => {
  it('reads the header the hub server sets, and nothing else', () => {
    expect(clientIp(new Headers({ 'x-hub-client-ip': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientIp(new Headers({ 'x-forwarded-for': '198.51.100.1' }))).toBeNull();
  });
});
