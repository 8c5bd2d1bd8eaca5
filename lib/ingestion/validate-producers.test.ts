import { describe, expect, it } from 'vitest';
import { producers, type EventSender } from './schemas/producers';
import { validateEvents } from './validate';

const ISSUER = 'https://as.acme.example';
const R1 = 'https://notes-mcp.acme.example';
const R2 = 'https://docs-mcp.acme.example';
const as: EventSender = { kind: 'authorization_server', issuer: ISSUER, resources: [] };
const mcp: EventSender = { kind: 'mcp_server', issuer: null, resources: [R1] };
const gateway: EventSender = { kind: 'gateway', issuer: null, resources: [R1, R2] };

const client = { client_id: 'https://agent.example/client.json' };
/** A valid `data` of every known type, as its rightful sender sends it. */
const dataOf: Record<string, Record<string, unknown>> = {
  'client.registered': {
    ...client,
    method: 'preregistered',
    client_name: 'Agent',
    redirect_uris: ['https://agent.example/cb'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'none',
  },
  'client.updated': { ...client, client_name: 'New' },
  'client.deleted': client,
  'consent.granted': { ...client, sub: 'maya', scopes: ['admin:all'] },
  'consent.revoked': { ...client, sub: 'maya' },
  'authorization.denied': { ...client, error: 'access_denied' },
  'token.issued': {
    ...client,
    token_ref: 't1',
    token_type: 'access_token',
    scopes: ['read'],
    expires_at: '2026-03-01T13:00:00Z',
    grant_type: 'authorization_code',
  },
  'token.revoked': { token_ref: 't1', family_id: 'f1' },
  'token.reuse_detected': { ...client, family_id: 'f1' },
  'token.rejected': { resource: R1, cause: 'wrong_audience' },
  'tool.invoked': { ...client, resource: R1, tool: 'search', outcome: 'ok' },
  'tool.denied': { ...client, resource: R1, tool: 'search', required_scopes: ['write'] },
  'resource.updated': { resource: R1, name: 'Notes' },
};
const asTypes = Object.keys(dataOf).filter((t) =>
  producers[t as keyof typeof producers].includes('authorization_server'),
);
const mcpTypes = Object.keys(dataOf).filter((t) => !asTypes.includes(t));

let n = 0;
const event = (type: string, data = dataOf[type]!, time = '2026-03-01T12:00:00Z') => ({
  specversion: '1.0',
  id: `evt-${++n}`,
  source: 'https://producer.example',
  type,
  time,
  data,
});

const errorsOf = (sender: EventSender, items: unknown[], now?: Date) => {
  const result = validateEvents(items, sender, now);
  return result.ok ? [] : result.errors;
};

describe('validateEvents: a source speaks only for itself', () => {
  it('has a producer for every known type, as the ingestion contract names it', () => {
    expect(asTypes).toHaveLength(9);
    expect(mcpTypes).toEqual(['token.rejected', 'tool.invoked', 'tool.denied', 'resource.updated']);
    expect(producers['revocation.applied']).toHaveLength(3);
  });

  it('accepts every type from its rightful sender', () => {
    expect(
      errorsOf(
        as,
        asTypes.map((t) => event(t)),
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        mcp,
        mcpTypes.map((t) => event(t)),
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        gateway,
        mcpTypes.map((t) => event(t)),
      ),
    ).toEqual([]);
  });

  it.each(asTypes)('refuses %s from an MCP server or a gateway', (type) => {
    for (const sender of [mcp, gateway]) {
      expect(errorsOf(sender, [event(type)])).toEqual([
        {
          index: 0,
          path: '/type',
          message: expect.stringMatching(/comes only from an authorization server; this source is/),
        },
      ]);
    }
  });

  it.each(mcpTypes)('refuses %s from an authorization server', (type) => {
    expect(errorsOf(as, [event(type)])).toEqual([
      {
        index: 0,
        path: '/type',
        message: expect.stringMatching(
          /comes only from an MCP server or a gateway; this source is an authorization server/,
        ),
      },
    ]);
  });

  it("refuses an authorization server's event naming another issuer; absent means its own", () => {
    const other = { ...dataOf['client.deleted'], issuer: 'https://other-as.example' };
    expect(errorsOf(as, [event('client.deleted', other)])).toEqual([
      { index: 0, path: '/data/issuer', message: expect.stringMatching(/speaks only for itself/) },
    ]);
    const own = { ...dataOf['client.deleted'], issuer: ISSUER };
    expect(errorsOf(as, [event('client.deleted', own), event('client.deleted')])).toEqual([]);
  });

  it('refuses an MCP server naming a resource that is not its own', () => {
    const elsewhere = { ...dataOf['tool.invoked'], resource: R2 };
    expect(errorsOf(mcp, [event('tool.invoked', elsewhere)])).toEqual([
      {
        index: 0,
        path: '/data/resource',
        message: expect.stringMatching(/speaks only for itself/),
      },
    ]);
  });

  it('accepts a gateway for each of its resources and refuses a third', () => {
    const at = (resource: string) => event('tool.invoked', { ...dataOf['tool.invoked'], resource });
    expect(errorsOf(gateway, [at(R1), at(R2)])).toEqual([]);
    expect(errorsOf(gateway, [at(R1), at('https://third.example')])).toEqual([
      { index: 1, path: '/data/resource', message: expect.stringContaining(R2) },
    ]);
    const bare: EventSender = { kind: 'gateway', issuer: null, resources: [] };
    expect(errorsOf(bare, [at(R1)])).toEqual([
      { index: 0, path: '/data/resource', message: expect.stringMatching(/none registered/) },
    ]);
  });

  it('accepts unknown types and revocation.applied from any kind of source', () => {
    const items = [
      event('com.example.custom', { any: 1 }),
      event('revocation.applied', { through_seq: '7' }),
    ];
    for (const sender of [as, mcp, gateway]) expect(errorsOf(sender, items)).toEqual([]);
  });
});

describe('validateEvents: event time', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

  it('refuses a time more than 5 minutes ahead of the hub, accepts up to 5 minutes', () => {
    const deleted = (time: string) => event('client.deleted', dataOf['client.deleted'], time);
    expect(errorsOf(as, [deleted(at(300)), deleted(at(-86_400))], now)).toEqual([]);
    expect(errorsOf(as, [deleted(at(301)), deleted('9999-12-31T00:00:00Z')], now)).toEqual([
      { index: 0, path: '/time', message: expect.stringMatching(/more than 5 minutes ahead/) },
      { index: 1, path: '/time', message: expect.stringMatching(/more than 5 minutes ahead/) },
    ]);
  });

  it('applies to unknown types too', () => {
    const custom = event('com.example.custom', { any: 1 }, '9999-12-31T00:00:00Z');
    expect(errorsOf(mcp, [custom], now)).toHaveLength(1);
  });
});
