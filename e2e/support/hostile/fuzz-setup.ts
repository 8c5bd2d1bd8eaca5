import { adminClient } from './hub';
import type { FuzzSource } from './ingestion-cases';
import type { ManagementContext } from './management-cases';
import { postSignedEvents } from '../signed-events';

type Created = { id: string; signing_secret: string; api_key: string };
type List = { items: { id: string }[] };

const ISSUER = 'https://as.fuzz.example';
const RESOURCE = 'https://mcp.fuzz.example/mcp';
const DOCS = 'https://docs.fuzz.example/mcp';

/** Posts valid events, signed as the source would; they must be accepted. */
export async function postEvents(url: string, source: Created, events: object[]) {
  const res = await postSignedEvents(
    `${url}/api/v1/sources/${source.id}/events`,
    source.signing_secret,
    events,
  );
  if (res.status !== 202)
    throw new Error(`setup events answered ${res.status}: ${await res.text()}`);
}

const event = (id: string, type: string, data: object) => ({
  specversion: '1.0',
  id,
  source: ISSUER,
  type,
  time: new Date().toISOString(),
  data,
});

/**
 * Something of everything the management API addresses (sources, an agent, a consent, a token,
 * an MCP server), so that fuzzed ids and bodies meet real rows. Each source also receives one
 * accepted event, so its rate-limit bucket exists before the fuzzing.
 */
export async function seedFuzzHub(url: string, adminToken: string) {
  const api = adminClient(url, adminToken);
  const sources: Created[] = [];
  for (const n of [1, 2, 3]) {
    sources.push(
      await api<Created>(
        'POST',
        '/api/v1/sources',
        { name: `Fuzz AS ${n}`, kind: 'authorization_server', issuer: ISSUER },
        201,
      ),
    );
  }
  const mcp = await api<Created>(
    'POST',
    '/api/v1/sources',
    { name: 'Fuzz MCP', kind: 'mcp_server', resource: RESOURCE },
    201,
  );
  // A gateway for two servers, so events naming either are its own and a third is not.
  const gateway = await api<Created>(
    'POST',
    '/api/v1/sources',
    { name: 'Fuzz gateway', kind: 'gateway', resources: [RESOURCE, DOCS] },
    201,
  );
  const clientId = 'https://agent.fuzz.example/client.json';
  await postEvents(url, sources[0]!, [
    event('seed-reg', 'client.registered', {
      client_id: clientId,
      method: 'cimd',
      client_name: 'Seeded agent',
      redirect_uris: ['https://agent.fuzz.example/cb'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none',
    }),
    event('seed-consent', 'consent.granted', {
      client_id: clientId,
      sub: 'user-1',
      scopes: ['notes:read'],
      resource: RESOURCE,
    }),
    event('seed-token', 'token.issued', {
      token_ref: 'jti-seed',
      token_type: 'access_token',
      client_id: clientId,
      sub: 'user-1',
      scopes: ['notes:read'],
      resource: RESOURCE,
      grant_type: 'authorization_code',
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
    }),
  ]);
  for (const [i, source] of sources.slice(1).entries())
    await postEvents(url, source, [event(`seed-ping-${i}`, 'hub.fuzz.ping', {})]);
  await postEvents(url, mcp, [
    {
      ...event('seed-resource', 'resource.updated', { resource: RESOURCE, name: 'Fuzz notes' }),
      source: RESOURCE,
    },
  ]);
  await postEvents(
    url,
    gateway,
    [RESOURCE, DOCS].map((resource, i) => ({
      ...event(`seed-gateway-${i}`, 'tool.invoked', {
        resource,
        tool: 'search',
        client_id: clientId,
        outcome: 'ok',
      }),
      source: resource,
    })),
  );
  const first = async (path: string) => {
    const item = (await api<List>('GET', path)).items[0];
    if (!item) throw new Error(`${path} listed nothing after the seed`);
    return item.id;
  };
  const context: ManagementContext = {
    adminToken,
    sourceKey: sources[0]!.api_key,
    ids: {
      source: sources[0]!.id,
      agent: await first('/api/v1/agents'),
      consent: await first('/api/v1/consents'),
      token: await first('/api/v1/tokens'),
      server: await first('/api/v1/mcp-servers'),
    },
  };
  const of = (s: Created, kind: FuzzSource['kind'], resources: string[]): FuzzSource => ({
    id: s.id,
    secret: s.signing_secret,
    kind,
    issuer: kind === 'authorization_server' ? ISSUER : null,
    resources,
  });
  const fuzzSources: FuzzSource[] = [
    ...sources.map((s) => of(s, 'authorization_server', [])),
    of(mcp, 'mcp_server', [RESOURCE]),
    of(gateway, 'gateway', [RESOURCE, DOCS]),
  ];
  return { context, sources: fuzzSources };
}
