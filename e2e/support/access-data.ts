import { expect } from '@playwright/test';
import type { AccessHub } from './access-hub';

/** Script that would run if any of these strings were ever treated as markup or as a URL. */
export const payload = `<img src=x onerror="window.__xss='img'">"><script>window.__xss='script'</script>`;
export const jsUrl = "javascript:window.__xss='href'";
export const DEMO_ISSUER = 'https://login.acme-demo.example';
const RESOURCE = 'https://mcp.access.example';
const EVIL = 'https://evil.access.example/client.json';
const LOCAL = 'https://local-logo.access.example/client.json';

let n = 0;
const event = (type: string, data: Record<string, unknown>, subject?: string) => ({
  specversion: '1.0',
  id: `access-${type}-${++n}-${Date.now()}`,
  source: 'https://as.access.example',
  type,
  time: new Date(Date.now() - 60_000 + n * 10).toISOString(),
  ...(subject ? { subject } : {}),
  data,
});

/**
 * The first org's data for the access matrix and the XSS check, through the real signed
 * ingestion endpoint: an agent whose every text field carries markup and whose URLs are
 * `javascript:`, one whose logo sits on a loopback address, consents of two demo end users,
 * a revoked token (a revocation entry), tool calls and an MCP server with hostile tool names.
 */
export async function ingestAccessData(access: AccessHub) {
  const { source, mcp } = access.seeded;
  const registered = await access.ingest(source, [
    event(
      'client.registered',
      {
        client_id: EVIL,
        method: 'cimd',
        client_name: `Evil ${payload}`,
        client_uri: jsUrl,
        logo_uri: 'javascript:window.__xss=1',
        redirect_uris: ['https://evil.access.example/cb'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'none',
        software_id: payload,
        contacts: [payload],
        scope: `issues:read ${payload}`,
      },
      payload,
    ),
    event('client.registered', {
      client_id: LOCAL,
      method: 'cimd',
      client_name: 'Local Logo Agent',
      client_uri: 'https://192.168.1.1/',
      logo_uri: 'https://127.0.0.1/logo.png',
      redirect_uris: ['https://local-logo.access.example/cb'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none',
    }),
  ]);
  expect(registered.status, await registered.clone().text()).toBe(202);
  const grants = await access.ingest(source, [
    ...['u-maya-chen', 'u-daniel-okafor'].map((sub) =>
      event('consent.granted', {
        client_id: EVIL,
        issuer: DEMO_ISSUER,
        sub,
        scopes: ['issues:read', payload],
        resource: RESOURCE,
        reason: payload,
      }),
    ),
    event('consent.granted', {
      client_id: LOCAL,
      issuer: DEMO_ISSUER,
      sub: 'u-maya-chen',
      scopes: ['issues:read'],
      resource: RESOURCE,
    }),
    event('token.issued', {
      token_ref: 'access-live',
      token_type: 'access_token',
      client_id: EVIL,
      issuer: DEMO_ISSUER,
      sub: 'u-maya-chen',
      scopes: ['issues:read', payload],
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      grant_type: 'authorization_code',
      resource: RESOURCE,
    }),
    event('token.revoked', { token_ref: 'access-gone', reason: payload }),
    event('authorization.denied', { client_id: EVIL, error: payload, sub: 'u-maya-chen' }),
  ]);
  expect(grants.status, await grants.clone().text()).toBe(202);
  const usage = await access.ingest(mcp, [
    event('resource.updated', {
      resource: RESOURCE,
      name: `Tracker ${payload}`,
      scope_descriptions: { [payload]: payload, 'issues:read': `Read ${payload}` },
      tools: [{ name: `tool ${payload}`, description: payload, required_scopes: [payload] }],
    }),
    event('tool.invoked', {
      resource: RESOURCE,
      tool: `tool ${payload}`,
      client_id: EVIL,
      issuer: DEMO_ISSUER,
      sub: 'u-maya-chen',
      outcome: 'ok',
      scopes: ['issues:read'],
    }),
    event('tool.denied', {
      resource: RESOURCE,
      tool: payload,
      client_id: EVIL,
      issuer: DEMO_ISSUER,
      required_scopes: [payload],
      sub: 'u-maya-chen',
    }),
  ]);
  expect(usage.status, await usage.clone().text()).toBe(202);
}

/** The first org's ids for dynamic segments, read through the API with its admin token. */
export async function accessIds(access: AccessHub) {
  const get = async (path: string) => {
    const res = await fetch(`${access.hub.url}${path}`, {
      headers: { authorization: `Bearer ${access.seeded.bearer.admin_token}` },
    });
    expect(res.status, path).toBe(200);
    return ((await res.json()) as { items: Record<string, unknown>[] }).items;
  };
  const evil = (await get(`/api/v1/agents?client_id=${encodeURIComponent(EVIL)}`))[0]!;
  const consents = await get(`/api/v1/consents?client_id=${encodeURIComponent(EVIL)}`);
  const maya = consents.find((c) => c.sub === 'u-maya-chen')!;
  const daniel = consents.find((c) => c.sub === 'u-daniel-okafor')!;
  const token = (await get(`/api/v1/tokens?client_id=${encodeURIComponent(EVIL)}`))[0]!;
  const server = (await get('/api/v1/mcp-servers')).find((s) => s.resource === RESOURCE)!;
  const entry = (await get('/api/v1/revocations?limit=1000')).find(
    (e) => e.token_ref === 'access-gone',
  )!;
  return {
    agentId: String(evil.id),
    consentId: String(maya.id),
    otherSubjectConsentId: String(daniel.id),
    tokenId: String(token.id),
    serverId: String(server.id),
    seq: String(entry.seq),
    sourceId: access.seeded.source.id,
  };
}
