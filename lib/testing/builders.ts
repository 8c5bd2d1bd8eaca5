import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sources } from '@/db/schema';
import { createTestOrg } from './fixtures';
import { ingestEvents } from '@/lib/ingestion/ingest';
import type { IngestSource } from '@/lib/ingestion/batch';
import { AS_ISSUER, cloudEvent, createTestSource, MCP, senderOf, validated } from './events';
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

/**
 * An org with an authorization server and an MCP server source, and a way to send events. As in
 * a deployment, each source speaks only for itself: `send` posts each run of consecutive events
 * through the source that may send them, one request per run. An event naming another issuer
 * goes through that issuer's authorization server (registered on first use); the MCP server
 * source is registered, on first use, for every resource the events name.
 */
export async function setup(db: Db) {
  const org = await createTestOrg(db);
  const as = await createTestSource(db, org.id);
  const mcp = await createTestSource(db, org.id, 'mcp_server');
  const issuers = new Map<string, IngestSource>([[AS_ISSUER, as]]);
  const sourceOf = async (event: Record<string, unknown>) => {
    const data = (event.data ?? {}) as { issuer?: unknown; resource?: unknown };
    if (senderOf([event]).kind === 'authorization_server') {
      if (typeof data.issuer !== 'string') return as;
      let server = issuers.get(data.issuer);
      if (!server) {
        server = await createTestSource(db, org.id, 'authorization_server', data.issuer);
        issuers.set(data.issuer, server);
      }
      return server;
    }
    if (typeof data.resource === 'string' && !mcp.resources.includes(data.resource)) {
      mcp.resources = [...mcp.resources, data.resource];
      await db
        .update(sources)
        .set({ additionalResources: mcp.resources.slice(1) })
        .where(eq(sources.id, mcp.id));
    }
    return mcp;
  };
  const send = async (...raw: Record<string, unknown>[]) => {
    const runs: { source: IngestSource; events: Record<string, unknown>[] }[] = [];
    for (const event of raw) {
      const source = await sourceOf(event);
      const last = runs.at(-1);
      if (last?.source === source) last.events.push(event);
      else runs.push({ source, events: [event] });
    }
    const total = { accepted: 0, duplicates: 0 };
    for (const { source, events } of runs) {
      const counts = await ingestEvents(db, source, validated(events, source));
      total.accepted += counts.accepted;
      total.duplicates += counts.duplicates;
    }
    return total;
  };
  return { db, org, as, mcp, send, state: stateOf(db, org.id) };
}

export type Ctx = Awaited<ReturnType<typeof setup>>;
