import type { Db } from '@/db/client';
import { createTestOrg } from '@/lib/testing/fixtures';
import { ingestEvents } from '../ingest';
import { cloudEvent, createTestSource, MCP, validated } from './events';
import { stateOf } from './state';

export const CLAUDE = 'https://claude.example/client.json';
export const registered = (at: number, extra: Record<string, unknown> = {}) =>
  cloudEvent(
    'client.registered',
    {
      client_id: CLAUDE,
      method: 'cimd',
      client_name: 'Claude Desktop',
      redirect_uris: ['http://127.0.0.1:33418/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none',
      ...extra,
    },
    at,
  );
export const granted = (at: number, scopes: string[], extra: Record<string, unknown> = {}) =>
  cloudEvent(
    'consent.granted',
    { client_id: CLAUDE, sub: 'maya', scopes, resource: MCP, ...extra },
    at,
  );
export const issued = (at: number, ref: string, extra: Record<string, unknown> = {}) =>
  cloudEvent(
    'token.issued',
    {
      token_ref: ref,
      token_type: 'access_token',
      client_id: CLAUDE,
      sub: 'maya',
      scopes: ['issues:read'],
      expires_at: '2027-01-01T00:00:00Z',
      grant_type: 'authorization_code',
      resource: MCP,
      ...extra,
    },
    at,
  );
export const invoked = (at: number, extra: Record<string, unknown> = {}) =>
  cloudEvent(
    'tool.invoked',
    {
      client_id: CLAUDE,
      sub: 'maya',
      resource: MCP,
      tool: 'create_issue',
      outcome: 'ok',
      ...extra,
    },
    at,
  );

/** An org with an authorization server and an MCP server source, and a way to send events. */
export async function setup(db: Db) {
  const org = await createTestOrg(db);
  const as = await createTestSource(db, org.id);
  const mcp = await createTestSource(db, org.id, 'mcp_server');
  const MCP_TYPES = new Set(['tool.invoked', 'tool.denied', 'token.rejected', 'resource.updated']);
  /** Ingests each event through the source that would send it, one request per call. */
  const send = async (...raw: Record<string, unknown>[]) => {
    const source = raw.every((e) => MCP_TYPES.has(e.type as string)) ? mcp : as;
    return ingestEvents(db, source, validated(raw, source));
  };
  return { db, org, as, mcp, send, state: stateOf(db, org.id) };
}

export type Ctx = Awaited<ReturnType<typeof setup>>;
