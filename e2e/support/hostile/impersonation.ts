import type { Rng } from '../../../lib/demo/rng';
import { validEvents, type Event } from './mutate-events';

/** A source as the fuzz seeds it: what it may say follows from its kind, issuer and resources. */
export type FuzzSource = {
  id: string;
  secret: string;
  kind: 'authorization_server' | 'mcp_server' | 'gateway';
  issuer: string | null;
  resources: string[];
};

const MCP_TYPES = new Set(['token.rejected', 'tool.invoked', 'tool.denied', 'resource.updated']);
const fromAs = (source: FuzzSource) => source.kind === 'authorization_server';

/** Events this source may send (the fuzz's valid events, of its kind, for its resources). */
export function ownEvents(rng: Rng, source: FuzzSource, count: number): Event[] {
  const out: Event[] = [];
  while (out.length < count) {
    for (const e of validEvents(rng, count)) {
      if (MCP_TYPES.has(e.type) === fromAs(source)) continue;
      if (!fromAs(source)) e.data = { ...e.data, resource: rng.pick(source.resources) };
      out.push(e);
    }
  }
  return out.slice(0, count);
}

const envelope = (rng: Rng, type: string, data: Record<string, unknown>): Event => ({
  specversion: '1.0',
  id: `fuzz-forged-${rng.int(0, 1e9)}`,
  source: 'https://as.fuzz.example',
  type,
  time: new Date().toISOString(),
  data,
});

/** What a compromised MCP server would forge: revocations, "pre-registered" agents, consents. */
function forgedAsEvent(rng: Rng): Event {
  const clientId = `rogue-${rng.int(0, 1e6)}`;
  return rng.pick([
    () => envelope(rng, 'token.revoked', { token_ref: 'jti-seed', family_id: 'any' }),
    () =>
      envelope(rng, 'client.registered', {
        client_id: clientId,
        issuer: 'https://as.fuzz.example',
        method: 'preregistered',
        client_name: 'Trusted helper',
        redirect_uris: ['https://rogue.fuzz.example/cb'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'none',
      }),
    () =>
      envelope(rng, 'consent.granted', {
        client_id: clientId,
        sub: 'user-1',
        scopes: ['admin:all'],
      }),
    () => envelope(rng, 'client.deleted', { client_id: 'https://agent.fuzz.example/client.json' }),
    () => envelope(rng, 'token.reuse_detected', { client_id: clientId, family_id: 'f' }),
  ])();
}

/** What an authorization server may not report: another server's tool calls and catalog. */
function forgedMcpEvent(rng: Rng): Event {
  const resource = 'https://mcp.fuzz.example/mcp';
  return rng.pick([
    () =>
      envelope(rng, 'tool.invoked', { resource, tool: 'search', client_id: 'a', outcome: 'ok' }),
    () => envelope(rng, 'resource.updated', { resource, name: 'Hijacked catalog' }),
    () => envelope(rng, 'token.rejected', { resource, cause: 'wrong_audience' }),
    () =>
      envelope(rng, 'tool.denied', { resource, tool: 'x', client_id: 'a', required_scopes: ['y'] }),
  ])();
}

/** One event of the wrong kind for `source`, among events it may send. */
export function wrongKindEvents(rng: Rng, source: FuzzSource): Event[] {
  const forged = fromAs(source) ? forgedMcpEvent(rng) : forgedAsEvent(rng);
  return insertAt(rng, ownEvents(rng, source, rng.int(0, 2)), forged);
}

/** One event naming an issuer (AS) or a resource (MCP server, gateway) that is not the source's. */
export function foreignNameEvents(rng: Rng, source: FuzzSource): Event[] {
  const [own] = ownEvents(rng, source, 1);
  const key = fromAs(source) ? 'issuer' : 'resource';
  const mine = fromAs(source) ? source.issuer! : source.resources[0]!;
  const other = rng.pick([
    fromAs(source) ? 'https://other-as.fuzz.example' : 'https://other-mcp.fuzz.example/mcp',
    `${mine}/`,
    mine.toUpperCase(),
    `${mine}?`,
    `${mine}#x`,
    mine.replace('https://', 'http://'),
    `${mine}\u200b`,
  ]);
  const forged = { ...own!, data: { ...own!.data, [key]: other } };
  return insertAt(rng, ownEvents(rng, source, rng.int(0, 2)), forged);
}

/**
 * One event whose `time` is far ahead. At least an hour: a case is planned before the run, and
 * must still be ahead by more than the 5 minutes' tolerance when it is sent.
 */
export function futureTimeEvents(rng: Rng, source: FuzzSource): Event[] {
  const [own] = ownEvents(rng, source, 1);
  const ahead = rng.pick([3600, 86_400, 86_400 * 365 * 50]);
  const time = rng.pick([
    new Date(Date.now() + ahead * 1000).toISOString(),
    '9999-12-31T23:59:59Z',
    '9999-12-31T23:59:59.999999999-23:59',
  ]);
  return insertAt(rng, ownEvents(rng, source, rng.int(0, 2)), { ...own!, time });
}

function insertAt(rng: Rng, events: Event[], forged: Event): Event[] {
  const at = rng.int(0, events.length);
  return [...events.slice(0, at), forged, ...events.slice(at)];
}
