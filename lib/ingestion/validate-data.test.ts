import { describe, expect, it } from 'vitest';
import { senderOf } from '@/lib/testing/events';
import { validateEvents, type EventError } from './validate';

const base = {
  specversion: '1.0',
  id: 'evt-1',
  source: 'https://as.acme.example',
  type: 'client.deleted',
  time: '2026-03-01T12:00:00Z',
  data: { client_id: 'abc' },
};

const check = (items: unknown[]) => validateEvents(items, senderOf(items));

function errorsOf(items: unknown[]): EventError[] {
  const result = check(items);
  if (result.ok) throw new Error('expected the events to be refused');
  return result.errors;
}

/** The one error expected for an event, by JSON Pointer and message. */
function expectError(event: unknown, path: string, message: string | RegExp) {
  const errors = errorsOf([event]);
  expect(errors).toContainEqual({
    index: 0,
    path,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  });
}

const ev = (type: string, data: Record<string, unknown>) => ({ ...base, type, data });
const client = { client_id: 'https://agent.example/client.json' };
const registration = {
  ...client,
  method: 'cimd',
  client_name: 'Agent',
  redirect_uris: ['https://agent.example/cb'],
  grant_types: ['authorization_code'],
  token_endpoint_auth_method: 'none',
};
const token = {
  ...client,
  token_ref: 't1',
  token_type: 'access_token',
  scopes: ['read'],
  expires_at: '2026-03-01T13:00:00Z',
  grant_type: 'authorization_code',
};
const tool = { ...client, resource: 'https://mcp.example', tool: 'search' };

describe('validateEvents: data of each known type', () => {
  it.each([
    ['client.registered', registration],
    ['client.updated', { ...client, logo_uri: null, client_name: 'New' }],
    ['client.deleted', client],
    ['consent.granted', { ...client, sub: 'maya', scopes: ['read'], expires_at: 1767225600 }],
    ['consent.revoked', { ...client, sub: 'maya' }],
    ['authorization.denied', { ...client, error: 'access_denied' }],
    ['token.issued', token],
    ['token.revoked', { token_ref: 't1', family_id: 'f1' }],
    ['token.reuse_detected', { ...client, family_id: 'f1' }],
    ['token.rejected', { resource: 'https://mcp.example', cause: 'wrong_audience' }],
    ['tool.invoked', { ...tool, outcome: 'ok', scopes: ['read', 'read'], duration_ms: 12 }],
    ['tool.denied', { ...tool, required_scopes: ['write'] }],
    ['resource.updated', { resource: 'https://mcp.example', name: 'MCP', tools: [{ name: 'a' }] }],
  ])('accepts a valid %s', (type, data) => {
    const result = check([ev(type, data)]);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('deduplicates scopes', () => {
    const result = check([ev('tool.invoked', { ...tool, outcome: 'ok', scopes: ['a', 'a'] })]);
    expect(result.ok && result.events[0]!.data.scopes).toEqual(['a']);
  });

  it.each([
    ['client.registered', { ...registration, method: 'magic' }, '/data/method', /must be one of/],
    [
      'client.registered',
      { ...registration, client_name: undefined },
      '/data/client_name',
      'is required',
    ],
    [
      'client.registered',
      { ...registration, redirect_uris: 'https://a' },
      '/data/redirect_uris',
      'must be an array',
    ],
    [
      'client.registered',
      { ...registration, client_id: 'agent-1' },
      '/data/client_id',
      /HTTPS URL/,
    ],
    [
      'client.registered',
      { ...registration, redirect_uris: Array(101).fill('https://a') },
      '/data/redirect_uris',
      'must have at most 100 items',
    ],
    ['client.updated', { client_name: 'x' }, '/data/client_id', 'is required'],
    ['client.updated', { ...client, contacts: [3] }, '/data/contacts/0', 'must be a string'],
    ['client.deleted', { client_id: 7 }, '/data/client_id', 'must be a string'],
    ['consent.granted', { ...client, scopes: ['a'] }, '/data/sub', 'is required'],
    ['consent.granted', { ...client, sub: 'm', scopes: [] }, '/data/scopes', /at least one scope/],
    [
      'consent.granted',
      { ...client, sub: 'm', scopes: Array.from({ length: 1001 }, (_, i) => `s${i}`) },
      '/data/scopes',
      'must have at most 1000 items',
    ],
    [
      'consent.granted',
      { ...client, sub: 'm', scopes: ['x'.repeat(501)] },
      '/data/scopes/0',
      'must be at most 500 characters',
    ],
    [
      'consent.granted',
      { ...client, sub: 'm', scopes: ['a'], mechanism: 'telepathy' },
      '/data/mechanism',
      /must be one of/,
    ],
    [
      'consent.granted',
      { ...client, sub: 'm', scopes: ['a'], expires_at: 'soon' },
      '/data/expires_at',
      /RFC 3339/,
    ],
    ['consent.revoked', { sub: 'm' }, '/data/client_id', 'is required'],
    [
      'consent.revoked',
      { ...client, sub: 'm', scopes: [] },
      '/data/scopes',
      /omit it to revoke all/,
    ],
    ['authorization.denied', client, '/data/error', 'is required'],
    ['token.issued', { ...token, token_type: 'id_token' }, '/data/token_type', /must be one of/],
    ['token.issued', { ...token, expires_at: undefined }, '/data/expires_at', 'is required'],
    [
      'token.issued',
      { ...token, token_ref: 'x'.repeat(513) },
      '/data/token_ref',
      'must be at most 512 characters',
    ],
    ['token.revoked', { family_id: 'f' }, '/data/token_ref', 'is required'],
    ['token.reuse_detected', client, '/data/family_id', 'is required'],
    [
      'token.rejected',
      { resource: 'https://mcp.example', cause: 'tired' },
      '/data/cause',
      /must be one of/,
    ],
    ['tool.invoked', { ...tool, outcome: 'maybe' }, '/data/outcome', /must be one of/],
    [
      'tool.invoked',
      { ...tool, outcome: 'ok', duration_ms: -1 },
      '/data/duration_ms',
      'must be at least 0',
    ],
    ['tool.denied', tool, '/data/required_scopes', 'is required'],
    ['resource.updated', { resource: 'https://mcp.example' }, '/data/name', 'is required'],
    [
      'resource.updated',
      { resource: 'https://mcp.example', name: 'M', tools: [{ name: 'a' }, { name: 'a' }] },
      '/data/tools/1/name',
      'repeats an earlier tool',
    ],
    [
      'resource.updated',
      {
        resource: 'https://mcp.example',
        name: 'M',
        tools: Array.from({ length: 501 }, (_, i) => ({ name: `t${i}` })),
      },
      '/data/tools',
      'must have at most 500 items',
    ],
  ])('refuses %s with %j', (type, data, path, message) => {
    expectError(ev(type, data), path, message);
  });

  it('bounds free text and common fields on every known type', () => {
    expectError(
      ev('client.deleted', { ...client, reason: 'x'.repeat(4097) }),
      '/data/reason',
      'must be at most 4096 characters',
    );
    expectError(
      ev('client.deleted', { ...client, actor: { type: 'robot' } }),
      '/data/actor/type',
      /must be one of/,
    );
    expectError(ev('client.deleted', { ...client, ip: 5 }), '/data/ip', 'must be a string');
    expectError(
      ev('client.deleted', { client_id: 'x'.repeat(2049) }),
      '/data/client_id',
      'must be at most 2048 characters',
    );
    expectError(
      ev('client.registered', { ...registration, client_name: 'x'.repeat(500_000) }),
      '/data/client_name',
      'must be at most 500 characters',
    );
    expectError(
      ev('resource.updated', {
        resource: 'https://m',
        name: 'M',
        scope_descriptions: { a: 'x'.repeat(5000) },
      }),
      '/data/scope_descriptions/a',
      'must be at most 4096 characters',
    );
  });

  it('reports several data errors of one event', () => {
    const errors = errorsOf([ev('token.issued', { token_ref: 't' })]);
    expect(errors.map((e) => e.path).sort()).toEqual([
      '/data/client_id',
      '/data/expires_at',
      '/data/grant_type',
      '/data/scopes',
      '/data/token_type',
    ]);
  });
});
